"""What this computer offers the app, as one report a user can paste into a bug report.

``transcriber doctor`` prints it and Help → About this computer shows it. Every probe
is guarded: a part that is missing or broken becomes a line saying so, never an
exception, since the report is most needed on the machines where something fails.
"""

from __future__ import annotations

import configparser
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Instruction sets that decide CTranslate2's speed on a CPU (x86 SIMD widths, ARM NEON).
X86_FEATURES = ("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512_vnni",
                "avx512_bf16", "amx_tile")
# Windows IsProcessorFeaturePresent numbers (winnt.h) for the same features.
WINDOWS_FEATURES = {"sse4_1": 37, "sse4_2": 38, "avx": 39, "avx2": 40, "avx512f": 41,
                    "neon": 19}
# Font families (and their file names) that render Traditional Chinese.
CJK_FONT_FILES = ("notosanscjk", "notoserifcjk", "notosanstc", "notoseriftc", "pingfang",
                  "hiragino sans cns", "msjh", "mingliu", "kaiu", "heiti", "sourcehansans",
                  "wqy-", "ukai", "uming", "arphic")
REMOTE_TIMEOUT_S = 15


@dataclass
class Section:
    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, value: str) -> None:
        self.lines.append((label, value))


def _guarded(section: Section, label: str, probe: Callable[[], str]) -> None:
    """One line whose value ``probe`` gives, or says why it could not."""
    try:
        value = probe()
    except Exception as exc:  # noqa: BLE001 - a broken part is reported, not raised
        value = _unavailable(exc)
    section.add(label, value)


def _probe(section: Section, probe: Callable[[Section], None]) -> None:
    """Lines that ``probe`` adds to ``section``; one more saying why, if it failed midway."""
    try:
        probe(section)
    except Exception as exc:  # noqa: BLE001 - a broken part is reported, not raised
        section.add(section.title, _unavailable(exc))


def _unavailable(exc: BaseException) -> str:
    return f"unavailable ({type(exc).__name__}: {exc})"


def format_report(sections: list[Section]) -> str:
    width = max((len(label) for s in sections for label, _ in s.lines), default=0)
    out: list[str] = []
    for section in sections:
        out.append(f"## {section.title}")
        out.extend(f"{label.ljust(width)}  {value}" for label, value in section.lines)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size} B"  # pragma: no cover - the loop always returns


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("transcriber")
    except PackageNotFoundError:
        return "unknown (not installed as a package)"


def how_installed() -> str:
    if getattr(sys, "frozen", False):
        return f"self-contained app in {Path(sys.executable).parent}"
    if sys.prefix != sys.base_prefix:
        return f"Python package in the environment {sys.prefix}"
    return f"Python package in {sys.prefix}"


def cpu_features() -> list[str]:
    """The instruction sets of ``X86_FEATURES`` (or NEON) this CPU has."""
    system = platform.system()
    if system == "Linux":
        flags: set[str] = set()
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("flags", "Features"):
                flags.update(value.split())
                break
        found = [f for f in X86_FEATURES if f in flags]
        return found + (["neon"] if {"asimd", "neon"} & flags else [])
    if system == "Darwin":
        if platform.machine() == "arm64":
            return ["neon"]  # every Apple silicon core has NEON (and CTranslate2 uses Accelerate)
        text = subprocess.run(["sysctl", "-n", "machdep.cpu.features", "machdep.cpu.leaf7_features"],
                              capture_output=True, text=True, timeout=10).stdout.lower()
        names = set(text.replace(".", "_").split())
        return [f for f in X86_FEATURES if f in names]
    if system == "Windows":
        import ctypes

        present = ctypes.windll.kernel32.IsProcessorFeaturePresent  # type: ignore[attr-defined]
        return [name for name, number in WINDOWS_FEATURES.items() if present(number)]
    return []


def cpu_name() -> str:
    """The processor's marketing name where the system says it, else its architecture."""
    system = platform.system()
    if system == "Linux":
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Model", "Hardware"):
                return value.strip()
    if system == "Darwin":
        name = subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        if name:
            return name
    return platform.processor() or platform.machine()


def _cpu(section: Section) -> None:
    import psutil

    physical = psutil.cpu_count(logical=False) or 0
    logical = psutil.cpu_count(logical=True) or os.cpu_count() or 0
    try:
        name = cpu_name()
    except (OSError, subprocess.SubprocessError):
        name = platform.machine()
    section.add("CPU", f"{name}, {physical} cores ({logical} threads)")
    _guarded(section, "Instruction sets", lambda: ", ".join(cpu_features()) or "none detected")
    section.add("Memory", human_size(psutil.virtual_memory().total))

    def cpu_types() -> str:
        import ctranslate2

        return ", ".join(sorted(ctranslate2.get_supported_compute_types("cpu")))

    _guarded(section, "CTranslate2 on CPU", cpu_types)


def gpu_names() -> list[str]:
    """GPU names and memory from nvidia-smi, when the NVIDIA driver provides it."""
    tool = shutil.which("nvidia-smi")
    if tool is None:
        return []
    result = subprocess.run([tool, "--query-gpu=name,memory.total,driver_version",
                             "--format=csv,noheader"], capture_output=True, text=True, timeout=20)
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]


def _cuda(section: Section) -> None:
    import ctranslate2

    from transcriber.asr.device import choose_device, cuda_device_count

    count = cuda_device_count()
    section.add("CUDA devices (CTranslate2)", str(count))
    for number, name in enumerate(_quiet(gpu_names)):
        section.add(f"GPU {number}", name)
    if count == 0:
        cpu = choose_device("cpu")
        section.add("Transcription runs on",
                    f"the CPU (int8), {cpu.workers} decoder(s) side by side, "
                    f"{cpu.cpu_threads} thread(s) each")
        return
    types = set(ctranslate2.get_supported_compute_types("cuda"))
    section.add("CTranslate2 on CUDA", ", ".join(sorted(types)))
    section.add("float16 on the GPU", "yes" if "float16" in types else "no")
    section.add("int8 on the GPU", "yes" if {"int8", "int8_float16"} & types else "no")
    section.add("Transcription runs on", "the GPU (float16)" if "float16" in types
                else "the GPU (float32)")


def _quiet(probe: Callable[[], list[str]]) -> list[str]:
    try:
        return probe()
    except Exception:  # noqa: BLE001 - an optional detail
        return []


def _models(section: Section, chosen: str | None) -> None:
    from transcriber.asr import models

    section.add("Model folder", str(models.models_dir()))
    if chosen:
        section.add("Chosen model", chosen)
    for info in models.list_models():
        if info.path is not None and info.installed:
            state = human_size(_size(info.path))
            where = str(info.path)
        else:
            state, where = "not installed", ""
        mark = " (default)" if info.default else ""
        section.add(f"{info.name}{mark}", f"{state}  {where}".rstrip())


def _audio(section: Section) -> None:
    from transcriber.record.devices import list_input_devices

    devices = list_input_devices()
    if not devices:
        section.add("Input devices", "none found (no microphone, or no sound server)")
    for device in devices:
        mark = " (default)" if device.is_default else ""
        section.add(f"Input {device.index}{mark}",
                    f"{device.name} [{device.host_api}, {device.channels} ch, "
                    f"{device.default_sample_rate:.0f} Hz]")


def _font_dirs() -> list[Path]:
    system = platform.system()
    home = Path.home()
    if system == "Windows":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if system == "Darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/AssetsV2"),
                Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts",
            home / ".fonts"]


def chinese_fonts() -> list[str]:
    """Fonts that can show Traditional Chinese: fontconfig's answer, else known font files."""
    tool = shutil.which("fc-list")
    if tool is not None:
        result = subprocess.run([tool, ":lang=zh-tw", "family"], capture_output=True, text=True,
                                timeout=30)
        families = {line.split(",")[0].strip() for line in result.stdout.splitlines()}
        return sorted(f for f in families if f)
    found: set[str] = set()
    for folder in _font_dirs():
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            name = path.name.lower()
            if path.suffix.lower() in (".ttc", ".ttf", ".otf") and any(k in name for k in CJK_FONT_FILES):
                found.add(path.stem)
    return sorted(found)


def _fonts(section: Section) -> None:
    fonts = chinese_fonts()
    if fonts:
        shown = ", ".join(fonts[:6]) + (f" and {len(fonts) - 6} more" if len(fonts) > 6 else "")
        section.add("Chinese fonts", shown)
    else:
        section.add("Chinese fonts", "none found: Chinese text may show as boxes "
                                     "(install Noto Sans CJK TC)")


def read_gui_settings(library: Path) -> dict[str, str]:
    """The GUI's preferences kept beside the library (an INI file), read without Qt."""
    path = library / "gui-settings.ini"
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return {}
    return dict(parser["General"]) if parser.has_section("General") else {}


def _library(section: Section, path: Path) -> None:
    from transcriber.library.integrity import integrity_problems
    from transcriber.library.store import DB_NAME

    section.add("Library", str(path))
    database = path / DB_NAME
    if not database.is_file():
        section.add("Library state", "not created yet (made at first use)")
        return
    section.add("Library size", human_size(_size(path)))
    problems = integrity_problems(database)
    section.add("Library health", "sound (SQLite integrity check: ok)" if not problems
                else f"DAMAGED: {'; '.join(problems[:3])}")
    free = shutil.disk_usage(path).free
    section.add("Free disk space", human_size(free))


def remote_reachable(archive: Path, remote: str) -> str:
    """Whether the archive's remote answers ``git ls-remote`` (no prompt, bounded wait)."""
    git = shutil.which("git")
    if git is None:
        return "git is not installed: publishing needs it"
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GCM_INTERACTIVE": "never"}
    try:
        url = subprocess.run([git, "-C", str(archive), "remote", "get-url", remote],
                             capture_output=True, text=True, timeout=REMOTE_TIMEOUT_S, env=env)
        if url.returncode != 0:
            return f"no remote '{remote}' in {archive}"
        result = subprocess.run([git, "-C", str(archive), "ls-remote", "--heads", remote],
                                capture_output=True, text=True, timeout=REMOTE_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return f"no answer within {REMOTE_TIMEOUT_S} s"
    where = url.stdout.strip()
    if result.returncode == 0:
        return f"reachable ({where})"
    reason = (result.stderr.strip().splitlines() or ["git ls-remote failed"])[-1]
    return f"NOT reachable ({where}): {reason}"


def _archive(section: Section, archive: str, remote: str, network: bool) -> None:
    def git_version() -> str:
        git = shutil.which("git")
        if git is None:
            return "not installed: publishing needs it"
        return subprocess.run([git, "--version"], capture_output=True, text=True,
                              timeout=10).stdout.strip()

    _guarded(section, "git", git_version)
    if not archive:
        section.add("Archive", "none chosen")
        return
    root = Path(archive).expanduser()
    section.add("Archive", str(root))
    if not (root / ".git").exists():
        section.add("Archive state", "not a git repository" if root.exists() else "missing")
        return
    if network:
        _guarded(section, f"Remote '{remote}'", lambda: remote_reachable(root, remote))
    else:
        section.add(f"Remote '{remote}'", "not checked (--offline)")


def collect_report(library: Path | None = None, archive: str | None = None,
                   remote: str | None = None, model: str | None = None,
                   network: bool = True) -> list[Section]:
    """Every section of the report. ``archive``, ``remote`` and ``model`` default to what
    the GUI's settings beside the library say."""
    from transcriber.library.store import default_library_path

    library_path = Path(library).expanduser() if library else default_library_path()
    settings = read_gui_settings(library_path)
    archive = archive if archive is not None else settings.get("archive_path", "")
    remote = remote or settings.get("remote") or "origin"
    model = model or settings.get("model")

    app = Section("Transcriber")
    app.add("Version", app_version())
    app.add("Installed as", how_installed())
    app.add("Python", f"{platform.python_version()} ({sys.executable})")
    system = Section("System")
    system.add("Operating system", platform.platform())
    system.add("Architecture", platform.machine())
    sections = [app, system]
    for section, probe in ((system, _cpu), (Section("GPU"), _cuda),
                           (Section("Models"), lambda s: _models(s, model)),
                           (Section("Audio"), _audio), (Section("Fonts"), _fonts),
                           (Section("Library"), lambda s: _library(s, library_path)),
                           (Section("Archive"), lambda s: _archive(s, archive, remote, network))):
        _probe(section, probe)
        if section is not system:
            sections.append(section)
    return sections
