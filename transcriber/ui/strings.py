"""Interface text in English and Traditional Chinese (Taiwan).

A plain table rather than Qt .ts/.qm files: no build step, every key is checked by
the tests, and a missing translation falls back to English instead of to a key.
The language follows the system locale unless the user picks one in the settings.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QLocale

from transcriber.errors import fault_kind, fault_reason

ENGLISH = "en"
CHINESE = "zh_TW"
LANGUAGES = (ENGLISH, CHINESE)

# key: (English, 繁體中文)
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Transcriber", "逐字稿"),
    # menus and actions
    "menu.file": ("&File", "檔案(&F)"),
    "menu.meeting": ("&Meeting", "會議(&M)"),
    "menu.help": ("&Help", "說明(&H)"),
    "action.import": ("Import audio or video…", "匯入錄音或影片…"),
    "action.open_archive": ("Open archive…", "開啟逐字稿庫…"),
    "action.record": ("New recording", "新錄音"),
    "action.transcribe": ("Transcribe the recording", "轉寫這段錄音"),
    "action.publish": ("Publish…", "發布…"),
    "action.settings": ("Settings…", "設定…"),
    "action.quit": ("Quit", "結束"),
    "action.shortcuts": ("Keyboard shortcuts", "鍵盤快速鍵"),
    # library
    "library.search": ("Search all transcripts", "搜尋所有逐字稿"),
    "library.empty": (
        "No meetings yet. Drop an audio or video file here, or start a recording.",
        "還沒有會議。把錄音或影片拖到這裡，或開始錄音。",
    ),
    "library.status": ("Status", "狀態"),
    "status.draft": ("draft", "草稿"),
    "status.review": ("in review", "審閱中"),
    "status.published": ("published", "已發布"),
    "state.running": ("transcribing", "轉寫中"),
    "state.incomplete": ("incomplete", "未完成"),
    "import.filter": (
        "Audio and video (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.mp4 *.mkv *.mov *.webm);;"
        "All files (*)",
        "錄音與影片 (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.mp4 *.mkv *.mov *.webm);;"
        "所有檔案 (*)",
    ),
    "import.whose_title": ("Whose recording is this?", "這是誰的錄音？"),
    "import.whose_question": (
        "Whose voice is recorded in {files}? Their name is given to every bullet until you "
        "say otherwise, and published with it.",
        "{files} 錄的是誰的聲音？在你另行指定之前，每一段都會標上這個名字，並以此發布。",
    ),
    "import.not_asked": ("Nothing imported.", "沒有匯入任何檔案。"),
    # transcription
    "transcribe.running": ("Transcribing {name}", "正在轉寫 {name}"),
    "transcribe.remaining": ("{done} of {total}, about {remaining} left", "{done} / {total}，約剩 {remaining}"),
    "transcribe.starting": ("Loading the model…", "正在載入模型…"),
    "transcribe.cancel": ("Cancel", "取消"),
    "transcribe.cancelled": (
        "Transcription stopped; what was decoded is kept.",
        "已停止轉寫；已辨識的內容都保留了。",
    ),
    "error.title": ("Something went wrong", "發生問題"),
    "error.unexpected": ("Unexpected error: {detail}", "未預期的錯誤：{detail}"),
    "error.fault": (
        "Stopped: {reason}. Everything saved before this is kept.",
        "已停止：{reason}。之前儲存的內容都保留了。",
    ),
    "fault.disk_full": ("the disk is full", "磁碟已滿"),
    "fault.read_only": ("the disk became read-only", "磁碟變成唯讀"),
    "fault.io": ("the disk failed to read or write (I/O error)", "磁碟讀寫失敗（I/O 錯誤）"),
    "fault.damaged": (
        "the library database is damaged; run `transcriber library check`",
        "會議資料庫已損壞；請執行 `transcriber library check`",
    ),
    # editor
    "editor.empty": ("Open a meeting from the library.", "請從左側的會議列表開啟一場會議。"),
    "editor.speakers": ("Speakers", "發言者"),
    "editor.default_speaker": ("{name} (default)", "{name}（預設）"),
    "editor.no_speaker": ("No speaker", "未指定發言者"),
    "editor.rename_speaker": ("Rename speaker…", "重新命名發言者…"),
    "editor.rename_prompt": ("New name for {name}:", "「{name}」的新名稱："),
    "editor.set_default": ("Make default speaker", "設為預設發言者"),
    "editor.new_speaker": ("Speaker name:", "發言者名稱："),
    "editor.assign": ("Assign to selected bullets", "指定給選取的段落"),
    "editor.redact_reason": ("Why is this redacted? (kept private)", "遮蔽原因（不公開）："),
    "editor.redact_need_selection": ("Select the text to redact first.", "請先選取要遮蔽的文字。"),
    "editor.find": ("Find", "尋找"),
    "editor.replace_with": ("Replace with", "取代為"),
    "editor.replace_all": ("Replace all", "全部取代"),
    "editor.found": ("{count} found", "找到 {count} 處"),
    "editor.replaced": ("{count} replaced", "已取代 {count} 處"),
    "editor.no_flagged": ("No more flagged bullets.", "沒有其他待確認的段落。"),
    "editor.flagged": ("Flagged: {reason}", "待確認：{reason}"),
    "editor.redacted": ("redacted", "已遮蔽"),
    "editor.other_side": ("(interviewer speaks)", "（對方發言）"),
    "editor.note": ("(note)", "（備註）"),
    "kind.speech": ("Speech", "發言"),
    "kind.question": ("Question", "提問"),
    "kind.narrative": ("Note", "備註"),
    "kind.other_side": ("Other side", "對方"),
    "playback.no_audio": ("This meeting has no recording to play.", "這場會議沒有可播放的錄音。"),
    "playback.silent": (
        "No audio output device; playback advances silently.",
        "找不到音訊輸出裝置；播放會無聲進行。",
    ),
    "playback.speed": ("Speed {speed:.2f}×", "速度 {speed:.2f}×"),
    # header
    "header.title": ("Title", "標題"),
    "header.date": ("Date", "日期"),
    "header.language": ("Language", "語言"),
    "header.licence": ("Licence", "授權"),
    "header.style": ("Style", "格式"),
    "style.bullets": ("Bullets", "條列"),
    "style.paragraphs": ("Paragraphs", "段落"),
    "language.auto": ("Detect", "自動偵測"),
    "language.zh": ("Chinese", "中文"),
    "language.en": ("English", "英文"),
    # shortcuts overlay
    "shortcuts.title": ("Keyboard shortcuts (F1 or Esc to close)", "鍵盤快速鍵（按 F1 或 Esc 關閉）"),
    "shortcut.play_pause": ("Play or pause", "播放／暫停"),
    "shortcut.back": ("Back 3 seconds", "倒退 3 秒"),
    "shortcut.slower": ("Slower", "放慢"),
    "shortcut.faster": ("Faster", "加快"),
    "shortcut.next_flagged": ("Next flagged bullet", "下一個待確認段落"),
    "shortcut.split": ("Split the bullet at the cursor", "在游標處分段"),
    "shortcut.merge": ("Merge with the next bullet", "與下一段合併"),
    "shortcut.question": ("Mark as a question (問：)", "標為提問（問：）"),
    "shortcut.default_speaker": ("Give to the default speaker", "改回預設發言者"),
    "shortcut.other_side": ("Insert an other-side marker", "插入對方發言標記"),
    "shortcut.note": ("Insert a note (non-speech)", "插入備註（非發言）"),
    "shortcut.redact": ("Redact the selected text", "遮蔽選取的文字"),
    "shortcut.flag": ("Flag or unflag the bullet", "標記／取消待確認"),
    "shortcut.undo": ("Undo", "復原"),
    "shortcut.redo": ("Redo", "重做"),
    "shortcut.find": ("Find and replace", "尋找與取代"),
    "shortcut.previous": ("Previous bullet", "上一段"),
    "shortcut.next": ("Next bullet", "下一段"),
    "shortcut.help": ("Show this help", "顯示本說明"),
    # recorder
    "recorder.device": ("Microphone", "麥克風"),
    "recorder.record": ("Record", "錄音"),
    "recorder.pause": ("Pause", "暫停"),
    "recorder.resume": ("Resume", "繼續"),
    "recorder.stop": ("Stop", "停止"),
    "recorder.marker": ("Marker", "標記"),
    "recorder.marker_label": ("question restated here", "此處重述提問"),
    "recorder.no_device": ("No microphone found.", "找不到麥克風。"),
    "recorder.title": ("Meeting title", "會議標題"),
    "recorder.draft": ("Live draft", "即時草稿"),
    "recorder.unavailable": ("Recording is not available: {detail}", "無法錄音：{detail}"),
    "recorder.saved": ("Recording saved to meeting “{title}”.", "錄音已存入會議「{title}」。"),
    "banner.recovered": (
        "{count} recording(s) were recovered after the app stopped unexpectedly.",
        "程式先前意外結束，已救回 {count} 段錄音。",
    ),
    "banner.dismiss": ("Dismiss", "知道了"),
    # publish
    "publish.title": ("Publish “{title}”", "發布「{title}」"),
    "publish.preview": ("Page", "頁面"),
    "publish.diff": ("Changes against the archive", "與逐字稿庫的差異"),
    "publish.no_diff": ("The archive has no such file yet: it will be added.", "逐字稿庫還沒有這個檔案，將新增。"),
    "publish.unchanged": ("The archive already has exactly this text.", "逐字稿庫已有完全相同的內容。"),
    "publish.archive": ("Archive folder", "逐字稿庫資料夾"),
    "publish.remote": ("Push to remote", "推送到遠端"),
    "publish.deadline": ("Review deadline", "審閱期限"),
    "publish.no_deadline": ("Not sent for review yet", "尚未送審"),
    "publish.review_copy": ("Export review copy…", "匯出審閱版…"),
    "publish.publish": ("Publish", "發布"),
    "publish.working": ("Publishing…", "發布中…"),
    "publish.browse": ("Browse…", "瀏覽…"),
    "publish.done": ("Published {files} as commit {sha}.", "已發布 {files}（提交 {sha}）。"),
    "publish.pushed": ("Pushed to {remote}.", "已推送到 {remote}。"),
    "publish.retried": (
        "Someone had pushed first; your change was placed on top of theirs.",
        "有人先推送了；您的修改已接在他們的修改之後。",
    ),
    # settings
    "settings.title": ("Settings", "設定"),
    "settings.model": ("Speech model", "語音模型"),
    "settings.download": ("Download", "下載"),
    "settings.downloading": ("Downloading {name}…", "正在下載 {name}…"),
    "settings.downloaded": ("{name} is ready.", "{name} 已就緒。"),
    "settings.recommend_cuda": (
        "This machine has an NVIDIA GPU: {model} is much more accurate than base and still fast here.",
        "這台電腦有 NVIDIA GPU：{model} 比 base 準確得多，在這裡也夠快。",
    ),
    "settings.recommend_cpu": (
        "This machine has {ram} GB of memory and {cores} cores: {model} is more accurate than base and fast enough here.",
        "這台電腦有 {ram} GB 記憶體與 {cores} 核心：{model} 比 base 準確，速度也夠用。",
    ),
    "settings.device": ("Compute device", "運算裝置"),
    "settings.asr_language": ("Spoken language", "語音語言"),
    "settings.prompt": ("Initial prompt", "起始提示"),
    "settings.prompt_none": (
        "None (most accurate when measured); text here is given before each Chinese stretch",
        "無（實測最準確）；填入的文字會在每段中文之前提供給辨識器",
    ),
    "settings.licence": ("Default licence", "預設授權"),
    "settings.archive": ("Archive folder", "逐字稿庫資料夾"),
    "settings.remote": ("Archive remote", "遠端"),
    "settings.style": ("Default style", "預設格式"),
    "settings.official": ("Your name (default speaker)", "您的名字（預設發言者）"),
    "settings.ui_language": ("Interface language", "介面語言"),
    "settings.ui_auto": ("Follow the system", "跟隨系統"),
    "device.auto": ("Automatic", "自動"),
    "device.cpu": ("CPU", "CPU"),
    "device.cuda": ("NVIDIA GPU (CUDA)", "NVIDIA GPU（CUDA）"),
    "common.ok": ("OK", "確定"),
    "common.cancel": ("Cancel", "取消"),
    "common.close": ("Close", "關閉"),
    "close.recording_title": ("A recording is running", "正在錄音"),
    "close.recording_question": (
        "Closing now would cut the recording. Stop it and keep everything recorded, or keep recording?",
        "現在關閉會中斷錄音。要停止錄音並保留已錄的內容，還是繼續錄音？",
    ),
    "close.stop_and_keep": ("Stop and keep the recording", "停止並保留錄音"),
    "close.keep_recording": ("Keep recording", "繼續錄音"),
    "common.untitled": ("Untitled meeting", "未命名會議"),
    # -- window shell and its dialogs (GUI helper A) ---------------------------------
    "transcribe.waiting": ("Waiting…", "等待中…"),
    "transcribe.stage_model": (
        "Loading the speech model (the first time can take a minute)…",
        "正在載入語音模型（第一次可能要一分鐘）…",
    ),
    "transcribe.stage_audio": ("Reading the audio and starting to transcribe…", "正在讀取錄音，開始轉寫…"),
    "transcribe.stopping": ("Stopping; what was decoded is kept…", "正在停止；已辨識的內容會保留…"),
    "transcribe.done.one": ("Transcription finished: {count} bullet.", "轉寫完成：{count} 段。"),
    "transcribe.done.other": ("Transcription finished: {count} bullets.", "轉寫完成：{count} 段。"),
    "import.done.one": ("Imported {count} meeting from the archive.", "已從逐字稿庫匯入 {count} 場會議。"),
    "import.done.other": ("Imported {count} meetings from the archive.", "已從逐字稿庫匯入 {count} 場會議。"),
    "library.hits.one": ("{count} match", "找到 {count} 筆"),
    "library.hits.other": ("{count} matches", "找到 {count} 筆"),
    "library.import_button": ("Import a recording…", "匯入錄音…"),
    "library.record_button": ("Record a meeting", "錄製會議"),
    "action.send_review": ("Send for review…", "送交審閱…"),
    "action.export": ("Export…", "匯出…"),
    "action.retranscribe": ("Re-transcribe…", "重新轉寫…"),
    "action.setup": ("First-run setup…", "初始設定…"),
    "transcribe.has_text_title": ("Already transcribed", "已有逐字稿"),
    "transcribe.has_text_question": (
        "This meeting already has a transcript. To decode it again (another model or language, "
        "or only part of it), use Re-transcribe; bullets you edited can be kept.",
        "這場會議已經有逐字稿了。若要重新辨識（換模型、換語言，或只重做一部分），請用「重新轉寫」；"
        "您修改過的段落可以保留。",
    ),
    "archive.ask_title": ("Publish into this archive?", "要發布到這個逐字稿庫嗎？"),
    "archive.ask": (
        "Meetings are published into {current}. Publish into {folder} from now on?",
        "目前會議發布到 {current}。之後改為發布到 {folder} 嗎？",
    ),
    "archive.switch": ("Publish here from now on", "之後發布到這裡"),
    "archive.keep": ("Keep the current archive", "維持原本的逐字稿庫"),
    "archive.target_set": ("New meetings will be published into {folder}.", "之後的會議會發布到 {folder}。"),
    "publish.not_reviewed": (
        "“{title}” has not been sent for review: participants have not had a chance to check it.",
        "「{title}」尚未送交審閱：與會者還沒有機會確認內容。",
    ),
    "publish.in_review": (
        "The review period of “{title}” runs until {deadline}.",
        "「{title}」的審閱期到 {deadline} 為止。",
    ),
    "publish.early_question": (
        "Publish it now anyway (for example, when everyone has already agreed)?",
        "仍要立即發布嗎（例如所有人都已同意）？",
    ),
    "publish.now": ("Publish now", "立即發布"),
    "publish.early_title": ("Publish before the review ends?", "要在審閱結束前發布嗎？"),
    "publish.review_written": (
        "Review copy saved: {html} and {docx}. Participants can ask for changes until {deadline}.",
        "審閱版已存成 {html} 與 {docx}。與會者可在 {deadline} 前要求修改。",
    ),
    "publish.no_archive": (
        "No archive folder is set. The archive is your local git clone of the transcripts "
        "repository: choose it with Browse…, or open it with File → Open archive…",
        "尚未設定逐字稿庫資料夾。逐字稿庫是您電腦上逐字稿儲存庫的 git 複本："
        "請按「瀏覽…」選擇，或用「檔案 → 開啟逐字稿庫…」開啟。",
    ),
    "publish.meeting_title": ("Title", "標題"),
    "publish.filename": ("File name", "檔名"),
    "publish.first_time": (
        "First publication: check the title and the file name. Later changes of title keep this file name "
        "unless you rename it.",
        "第一次發布：請確認標題與檔名。之後改標題時，除非您選擇改名，檔名不會變。",
    ),
    "publish.rename": ("Rename the published file to match the title", "將已發布的檔案改名以符合標題"),
    "publish.new_file": ("New file {name}:", "新檔案 {name}："),
    "meeting.none": ("Open a meeting first.", "請先開啟一場會議。"),
    "export.title": ("Export “{title}”", "匯出「{title}」"),
    "export.format": ("Format", "格式"),
    "export.file": ("Save as", "存成"),
    "export.saved": ("Saved {path}.", "已存成 {path}。"),
    "export.fmt_md": ("Markdown, as published (.md)", "Markdown，與發布相同（.md）"),
    "export.fmt_txt": ("Plain text (.txt)", "純文字（.txt）"),
    "export.fmt_srt": ("Subtitles, SubRip (.srt)", "字幕 SubRip（.srt）"),
    "export.fmt_vtt": ("Subtitles, WebVTT (.vtt)", "字幕 WebVTT（.vtt）"),
    "export.fmt_json": ("Data, JSON (.json)", "資料 JSON（.json）"),
    "export.fmt_docx": ("Word document (.docx)", "Word 文件（.docx）"),
    "export.fmt_akn": ("Akoma Ntoso XML (.xml)", "Akoma Ntoso XML（.xml）"),
    "retranscribe.title": ("Re-transcribe “{title}”", "重新轉寫「{title}」"),
    "retranscribe.model": ("Speech model", "語音模型"),
    "retranscribe.language": ("Spoken language", "語音語言"),
    "retranscribe.whole": ("The whole meeting", "整場會議"),
    "retranscribe.range": ("Only {start}–{end} (the selected bullets)", "只有 {start}–{end}（選取的段落）"),
    "retranscribe.keep_edited": ("Bullets I edited", "我修改過的段落"),
    "retranscribe.edited_keep": ("Keep mine", "保留我的版本"),
    "retranscribe.edited_both": ("Keep both, flag the new text", "兩者都保留，新文字標為待確認"),
    "retranscribe.edited_new": ("Replace them too", "也一併取代"),
    "retranscribe.cancelled": ("Stopped; the meeting is as it was.", "已停止；會議內容沒有改變。"),
    "retranscribe.start": ("Re-transcribe", "重新轉寫"),
    "retranscribe.apply": ("Apply these changes", "套用這些變更"),
    "retranscribe.preview": (
        "Nothing has changed yet. This is what applying the new text would do:",
        "目前還沒有任何改變。套用新文字會做這些事：",
    ),
    "retranscribe.nothing": (
        "The new pass matches no bullet that may be replaced: nothing would change.",
        "新的轉寫沒有可以取代的段落：不會有任何改變。",
    ),
    "retranscribe.plan_kept": ("Kept", "保留"),
    "retranscribe.plan_replaced": ("Replaced", "取代"),
    "retranscribe.plan_new": ("New", "新增"),
    "retranscribe.plan_gap": ("Gap", "空缺"),
    "retranscribe.kept_edited": ("you edited it", "你修改過"),
    "retranscribe.kept_unmatched": ("the new pass has no text for all of it", "新的轉寫沒有涵蓋它的全部文字"),
    "retranscribe.flagged": ("flagged: keep one of the two", "已標記：請二擇一"),
    "retranscribe.no_text": ("(speech without text)", "（有語音但沒有文字）"),
    "retranscribe.done.one": ("Re-transcribed: {count} bullet now.", "重新轉寫完成：目前共 {count} 段。"),
    "retranscribe.done.other": ("Re-transcribed: {count} bullets now.", "重新轉寫完成：目前共 {count} 段。"),
    "setup.title": ("Welcome to Transcriber", "歡迎使用逐字稿"),
    "setup.intro": (
        "Four answers make the first transcripts right. All of them can be changed later in Settings.",
        "回答四個問題，第一份逐字稿就會正確。之後都可以在「設定」裡修改。",
    ),
    "setup.name": ("Your name (the default speaker)", "您的名字（預設發言者）"),
    "setup.existing": ("Use an existing archive (a git clone)", "使用現有的逐字稿庫（git 複本）"),
    "setup.new": ("Create a new, empty archive", "建立新的空白逐字稿庫"),
    "setup.no_archive": ("No archive yet", "暫不設定逐字稿庫"),
    "setup.skip": ("Skip", "略過"),
    "setup.start": ("Start", "開始使用"),
    "setup.created": ("Created a new archive in {path}.", "已在 {path} 建立新的逐字稿庫。"),
    "recorder.finishing": (
        "Finishing: the recording is saved; transcribing its last part ({done} of {total})…",
        "收尾中：錄音已存檔，正在轉寫最後一段（{done} / {total}）…",
    ),
    "recorder.finishing_skip": ("Stop the draft here", "草稿到此為止"),
    "recorder.marker_text": ("Marker label", "標記說明"),
    # -- end of GUI helper A's block ---------------------------------------------------
    # editor: stale state, speakers, redactions, markers, gaps, playback (GUI helper B)
    "editor.no_default_speaker": (
        "This meeting has no default speaker yet: choose one in the speaker list and press "
        "“Make default speaker”.",
        "這場會議還沒有預設發言者：請在發言者列表選一位，再按「設為預設發言者」。",
    ),
    "editor.given_to": ("Given to {name}.", "已改為「{name}」。"),
    "editor.no_speaker_number": (
        "There is no speaker {number} in the list yet.",
        "發言者列表中還沒有第 {number} 位。",
    ),
    "editor.roles": ("Roles", "角色"),
    "editor.flag_manual": ("marked for checking by the editor", "編輯者標記為待確認"),
    "editor.flag_on": ("Flagged for checking.", "已標記為待確認。"),
    "editor.flag_off": ("No longer flagged.", "已取消待確認。"),
    "editor.gap_placeholder": (
        "Nothing was recognised here: listen and type what was said.",
        "這裡沒有辨識出文字：請聽錄音，輸入說了什麼。",
    ),
    "editor.marker": ("Marker: {label}", "標記：{label}"),
    "editor.marker_unnamed": ("marker", "標記"),
    "editor.redacted_tip": (
        "Redacted, never published: “{original}”. Reason: {reason}",
        "已遮蔽，不會公開：「{original}」。原因：{reason}",
    ),
    "editor.no_reason": ("none given", "未填寫"),
    "editor.no_word_timing": (
        "This bullet has no word timings; playing from its start.",
        "這一段沒有逐字時間，從段落開頭播放。",
    ),
    "playback.loading": ("Reading the recording…", "正在讀取錄音…"),
    "playback.unavailable": ("The recording cannot be played: {detail}", "無法播放錄音：{detail}"),
    "playback.no_time": ("--:-- / --:--", "--:-- / --:--"),
    "waveform.tip": ("{time} — click to play from here", "{time}：點一下從這裡播放"),
    "waveform.reading": ("Reading the recording’s overview…", "正在讀取錄音概覽…"),
    "shortcut.speaker_by_number": ("Give to speaker 1–9 of the list", "改為列表中的第 1–9 位發言者"),
    "shortcut.play_word": (
        "Play from the word at the cursor (or Ctrl+click a word)",
        "從游標所在的字播放（或按住 Ctrl 點一下字）",
    ),
    "glossary.offer": (
        "You replaced “{wrong}” with “{right}” {count} times. Add it to the glossary, so "
        "future transcripts get it right?",
        "您已 {count} 次把「{wrong}」改成「{right}」。要加入詞彙表，讓以後的逐字稿直接寫對嗎？",
    ),
    "glossary.add": ("Add to glossary", "加入詞彙表"),
    "glossary.ignore": ("Ignore", "不用了"),
    "glossary.added": ("“{right}” is in the glossary now.", "「{right}」已加入詞彙表。"),
}

_current = ENGLISH


def system_language() -> str:
    """Traditional Chinese for any Chinese system locale, English otherwise."""
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def set_language(code: str | None) -> str:
    """Switch the interface language; ``None``/``"auto"`` follows the system. Returns the code used."""
    global _current
    _current = code if code in LANGUAGES else system_language()
    return _current


def current_language() -> str:
    return _current


def tr_count(key: str, count: int, **values: object) -> str:
    """``tr`` for a sentence about ``count`` things: ``key.one`` for one, ``key.other`` otherwise."""
    return tr(f"{key}.{'one' if count == 1 else 'other'}", count=count, **values)


def tr(key: str, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` fields filled in."""
    english, chinese = STRINGS[key]
    text = chinese if _current == CHINESE and chinese else english
    return text.format(**values) if values else text


def fault_text(exc: OSError | sqlite3.Error) -> str:
    """A fault of the machine (disk full, read-only, I/O) in one sentence of the interface's language."""
    kind = fault_kind(exc)
    reason = fault_reason(exc) if kind == "other" else tr(f"fault.{kind}")
    return tr("error.fault", reason=reason)
