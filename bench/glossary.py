"""Does a glossary built from some clips' references help OTHER clips that use its words?

On ``../shared/audio/dev/manifest.tsv``, for each source clip S:

1. its glossary G_S is the rare words of S's reference: Chinese words (jieba's
   segmentation) that jieba's dictionary counts fewer than ``--rare`` times, in
   Traditional script as the app writes; English words of 7+ letters outside a
   short stop list;
2. its wrong forms are learned as an editor would: S is decoded without a
   glossary, aligned with its reference, and what the decoder wrote where a term
   belongs becomes a correction (wrong form -> term), if a careful editor would
   keep it: two characters or more, not a number, not a common word itself;
3. G_S (hotwords + corrections, as ``transcriber glossary`` stores them; ``--variant``
   applies one half only) is applied
   to every OTHER clip T whose reference uses one of its terms, and to
   ``--controls`` clips that use none (does the glossary hurt where it is useless?).

Prints, per (S, T): the terms, the learned corrections, the token error of T
before and after (CJK characters and English words as tokens, the dev README's
zh-en-spliced measure: CER for Chinese, WER for English) on all the text written
and on the text the guards did not flag, and how many of the terms the output
gets right; then pooled figures. Target: pooled error on clips using the words
goes down, and the control does not go up.

Same model and settings in both runs; only the glossary differs.

Measured with whisper-base int8 on CPU (commit 7a50c0b), pooled token error before ->
after, on the 8 clip pairs that share words and on 26 controls:
  --variant corrections (the app's default): uses 1.3% -> 0.4%, control 5.7% -> 5.7%,
      terms right 12/14 -> 14/14;
  --variant both (glossary hotwords on): uses 1.3% -> 4.9%, control 5.7% -> 19.9%
      (8.5% without flagged text): hotwords made whisper-base write the terms out on
      short pauses, repeat sentences and, once, write Chinese over English speech.

Usage: .venv/bin/python bench/glossary.py [--model whisper-base] [--rare 1000]
Needs jieba (pip install -e .[bench]).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import logging
import re
from pathlib import Path

import opencc

from transcriber.asr.engine import EngineOptions, get_engine
from transcriber.audio import load_audio

DEV = Path(__file__).resolve().parents[2] / "shared" / "audio" / "dev"
TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[a-z0-9']+")
CJK = re.compile(r"[\u3400-\u9fff]")
STOP = {"because", "against", "another", "between", "nothing", "something", "through",
        "without", "himself", "herself", "themselves", "whether", "however"}  # fmt: skip
TO_TRADITIONAL = opencc.OpenCC("s2twp")
TO_SIMPLIFIED = opencc.OpenCC("t2s")
# A decoded form jieba counts more often than this is a real word, not a mistake's shape.
RARE_WRONG = 100


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def token_error(reference: str, output: str) -> tuple[int, int]:
    """(edit distance, reference length) over tokens."""
    ref, out = tokens(reference), tokens(output)
    previous = list(range(len(out) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, o in enumerate(out, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != o)))
        previous = current
    return previous[-1], len(ref)


def rare_terms(reference: str, threshold: int) -> list[str]:
    import jieba

    terms = []
    for word in jieba.cut(reference):
        word = word.strip()
        if CJK.match(word):
            if len(word) >= 2 and (jieba.get_FREQ(word) or 0) < threshold:
                terms.append(TO_TRADITIONAL.convert(word))
        elif re.fullmatch(r"[A-Za-z']{7,}", word) and word.lower() not in STOP:
            terms.append(word.lower())
    return list(dict.fromkeys(terms))


def _position_map(ref: list[str], out: list[str]) -> list[int]:
    """For each reference position (and its end), where it lands in the output."""
    where = [0] * (len(ref) + 1)
    matcher = difflib.SequenceMatcher(a=ref, b=out, autojunk=False)
    for _tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for i in range(a0, a1):
            where[i] = b0 + (i - a0) * (b1 - b0) // (a1 - a0)
    where[len(ref)] = len(out)
    return where


def learned_corrections(reference: str, output: str, terms: list[str]) -> list[tuple[str, str]]:
    """What the decoder wrote where each term belongs: the correction an editor makes."""
    pairs = []
    ref_chars = [c for c in reference if not c.isspace()]
    out_chars = [c for c in output if not c.isspace()]
    chars = _position_map(ref_chars, out_chars)
    ref_words = re.findall(r"[A-Za-z']+", reference.lower())
    out_words = re.findall(r"[A-Za-z']+", output)
    words = _position_map(ref_words, [w.lower() for w in out_words])
    for term in terms:
        if CJK.match(term):
            at = "".join(ref_chars).find(term)
            if at < 0:
                continue
            wrong = "".join(out_chars[chars[at] : chars[at + len(term)]])
        else:
            if term not in ref_words:
                continue
            at = ref_words.index(term)
            wrong = " ".join(out_words[words[at] : words[at + 1]])
        wrong = wrong.strip(",.，。!?！？、")
        if wrong and wrong.lower() != term and len(wrong) <= 3 * len(term) and usable(wrong):
            pairs.append((wrong, term))
    return pairs


def usable(wrong: str) -> bool:
    """What a careful editor would put in a glossary as a wrong form: not one character
    (the app refuses that), not a number, not a word in its own right (統一, "night")
    that would be "corrected" wherever it is really said."""
    import jieba

    if len(wrong) < 2 or re.fullmatch(r"[\d\W]+", wrong):
        return False
    if CJK.match(wrong):
        return (jieba.get_FREQ(TO_SIMPLIFIED.convert(wrong)) or 0) < RARE_WRONG
    return " " in wrong or len(wrong) >= 7


def decode(path: Path, options: EngineOptions) -> tuple[str, str]:
    """(all text as written, the text not flagged for the editor)."""
    segments = [s for s in get_engine(options).transcribe(load_audio(path)) if s.text]
    return (" ".join(s.text for s in segments),
            " ".join(s.text for s in segments if not s.flagged))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="whisper-base")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--rare", type=int, default=1000,
                        help="jieba dictionary count under which a Chinese word is rare")
    parser.add_argument("--variant", choices=("both", "hotwords", "corrections"),
                        default="corrections",
                        help="which half of the glossary to apply (the app: corrections, "
                             "both with 'glossary hotwords on')")
    parser.add_argument("--controls", type=int, default=1,
                        help="clips per source that use none of its words")
    args = parser.parse_args()
    import jieba

    jieba.setLogLevel(logging.WARNING)

    with open(DEV / "manifest.tsv", encoding="utf-8") as f:
        clips = list(csv.DictReader(f, delimiter="\t"))
    for clip in clips:
        clip["reference_tw"] = TO_TRADITIONAL.convert(clip["reference"])
    plain = EngineOptions(model=args.model, device=args.device)
    baseline = {c["file"]: decode(DEV / c["file"], plain) for c in clips}

    # [errors, tokens] before and after the glossary; "all": the text as written,
    # "trusted": without the segments the guards flagged for the editor.
    totals = {(group, text): [[0, 0], [0, 0]]
              for group in ("uses", "control") for text in ("all", "trusted")}  # fmt: skip
    hits = [0, 0]
    term_count = 0
    print("[group] target <- source: terms | corrections learned | "
          "error before -> after (all text; unflagged text) | terms right")
    for source in clips:
        terms = rare_terms(source["reference"], args.rare)
        if not terms:
            continue
        corrections = learned_corrections(
            source["reference_tw"], baseline[source["file"]][0], terms)
        options = EngineOptions(
            model=args.model, device=args.device,
            hotwords=" ".join(terms) if args.variant != "corrections" else "",
            corrections=tuple(corrections) if args.variant != "hotwords" else (),
        )  # fmt: skip
        users = [c for c in clips if c is not source
                 and any(t in c["reference_tw"].lower() for t in terms)]  # fmt: skip
        others = [c for c in clips if c is not source and c not in users
                  and c["lang"] == source["lang"]][: args.controls]  # fmt: skip
        for target, group in [(t, "uses") for t in users] + [(t, "control") for t in others]:
            before_texts = baseline[target["file"]]
            after_texts = decode(DEV / target["file"], options)
            shown = []
            for index, text in enumerate(("all", "trusted")):
                before = token_error(target["reference_tw"], before_texts[index])
                after = token_error(target["reference_tw"], after_texts[index])
                for side, (errors, count) in enumerate((before, after)):
                    totals[group, text][side][0] += errors
                    totals[group, text][side][1] += count
                shown.append(f"{100 * before[0] / max(before[1], 1):.1f}% -> "
                             f"{100 * after[0] / max(after[1], 1):.1f}%")  # fmt: skip
            right = ""
            if group == "uses":
                in_target = [t for t in terms if t in target["reference_tw"].lower()]
                got = [[t for t in in_target if t in text[0].lower()]
                       for text in (before_texts, after_texts)]  # fmt: skip
                hits[0] += len(got[0])
                hits[1] += len(got[1])
                term_count += len(in_target)
                right = f"{len(got[0])}/{len(in_target)} -> {len(got[1])}/{len(in_target)}"
            fixes = ", ".join(f"{w}->{r}" for w, r in corrections) or "-"
            print(f"[{group}] {target['file']} <- {source['file']}: {' '.join(terms)} | "
                  f"{fixes} | {shown[0]}; {shown[1]} | {right}", flush=True)

    def pooled(pair: list[list[int]]) -> str:
        b, a = (100 * e / max(n, 1) for e, n in pair)
        return f"{b:.1f}% -> {a:.1f}% (ratio {a / b if b else float('nan'):.2f})"

    print()
    for group, label in (("uses", "clips using the glossary's words"),
                         ("control", "control clips (a glossary of words they do not use)")):
        print(f"{label}: token error, all text {pooled(totals[group, 'all'])}; "
              f"unflagged text {pooled(totals[group, 'trusted'])}")
    print(f"terms written right on clips using them: {hits[0]}/{term_count} -> "
          f"{hits[1]}/{term_count}")
    print("Note: in this dev set the clips sharing rare words are the zh-en splices and the "
          "clips they were spliced from, i.e. the same recordings in another file.")


if __name__ == "__main__":
    main()
