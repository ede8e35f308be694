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
    <name>error_text</name>
    <message>
        <source>the disk is full</source>
        <translation>磁碟已滿</translation>
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
        <source>the library database is damaged; run `transcriber library check`</source>
        <translation>會議資料庫已損壞；請執行 `transcriber library check`</translation>
    </message>
    <message>
        <source>Stopped: {reason}. Everything saved before this is kept.</source>
        <translation>已停止：{reason}。之前儲存的內容都保留了。</translation>
    </message>
    <message>
        <source>There is no model “{name}” on the model hub: check its name.</source>
        <translation>模型庫裡沒有名為「{name}」的模型：請檢查名稱。</translation>
    </message>
    <message>
        <source>“{name}” could not be downloaded: this computer cannot reach the model hub. Connect to the internet and try again; until then the built-in model “{embedded}” works.</source>
        <translation>無法下載「{name}」：這台電腦連不上模型庫。請連上網路後再試一次；在那之前可以使用內建的「{embedded}」模型。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: permission denied.</source>
        <translation>無法讀取檔案 {path}：沒有讀取權限。</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>檔案 {path} 不存在。</translation>
    </message>
    <message>
        <source>{path} is a folder, not an audio file.</source>
        <translation>{path} 是資料夾，不是錄音檔。</translation>
    </message>
    <message>
        <source>The file {path} is empty.</source>
        <translation>檔案 {path} 是空的。</translation>
    </message>
    <message>
        <source>The file {name} is not audio or video that can be decoded (it may be truncated or in an unsupported format).</source>
        <translation>檔案 {name} 不是可以解碼的錄音或影片（可能不完整，或是不支援的格式）。</translation>
    </message>
    <message>
        <source>The file {name} holds no audio (it is empty or truncated).</source>
        <translation>檔案 {name} 裡沒有聲音（是空的或不完整）。</translation>
    </message>
    <message>
        <source>The recording {path} does not exist.</source>
        <translation>錄音檔 {path} 不存在。</translation>
    </message>
    <message>
        <source>Recording needs the PortAudio library, which is not installed (on Debian/Ubuntu: `apt install libportaudio2`).</source>
        <translation>錄音需要 PortAudio 函式庫，但它尚未安裝（Debian／Ubuntu：`apt install libportaudio2`）。</translation>
    </message>
    <message>
        <source>The audio system cannot list its devices.</source>
        <translation>音訊系統無法列出它的裝置。</translation>
    </message>
    <message>
        <source>No audio input device was found: connect a microphone, or check that the sound server (PulseAudio/PipeWire) is running.</source>
        <translation>找不到錄音裝置：請接上麥克風，或確認音訊伺服器（PulseAudio／PipeWire）正在執行。</translation>
    </message>
    <message>
        <source>There is no input device called “{device}”.</source>
        <translation>沒有名為「{device}」的錄音裝置。</translation>
    </message>
    <message>
        <source>The input device “{device}” refuses every sample rate it was asked for.</source>
        <translation>錄音裝置「{device}」不接受任何一種要求的取樣率。</translation>
    </message>
    <message>
        <source>The input device “{device}” cannot be opened (another program may be using it).</source>
        <translation>無法開啟錄音裝置「{device}」（可能正被其他程式使用）。</translation>
    </message>
    <message>
        <source>The recording file {path} is in use by another recording.</source>
        <translation>錄音檔 {path} 正被另一段錄音使用。</translation>
    </message>
    <message>
        <source>Markers can only be added while recording.</source>
        <translation>只有在錄音時才能加標記。</translation>
    </message>
    <message>
        <source>Recording stopped: {reason}. The {seconds} s recorded so far are kept in meeting {meeting}.</source>
        <translation>錄音已停止：{reason}。到目前為止錄下的 {seconds} 秒都保留在第 {meeting} 場會議中。</translation>
    </message>
    <message>
        <source>The archive folder {path} does not exist.</source>
        <translation>逐字稿庫資料夾 {path} 不存在。</translation>
    </message>
    <message>
        <source>The archive folder {path} is not a git repository; clone the archive (or run `git init` there) first.</source>
        <translation>逐字稿庫資料夾 {path} 不是 git 儲存庫；請先用 `git clone` 複製逐字稿庫（或在那裡執行 `git init`）。</translation>
    </message>
    <message>
        <source>The archive {path} is a bare repository; publish into a clone of it.</source>
        <translation>逐字稿庫 {path} 是沒有工作目錄的儲存庫（`bare`）；請發布到它複製出來的儲存庫。</translation>
    </message>
    <message>
        <source>The archive folder {path} is inside the git repository {repository}; give the repository&apos;s top folder as the archive.</source>
        <translation>逐字稿庫資料夾 {path} 位在 git 儲存庫 {repository} 之中；請把儲存庫最上層的資料夾設為逐字稿庫。</translation>
    </message>
    <message>
        <source>The archive {path} is in the middle of a git merge or rebase; finish or abort it first.</source>
        <translation>逐字稿庫 {path} 正在進行 git 合併（`merge` 或 `rebase`）；請先完成或中止。</translation>
    </message>
    <message>
        <source>The archive {path} is not on a branch; check out a branch first.</source>
        <translation>逐字稿庫 {path} 不在任何分支上；請先切換到一個分支。</translation>
    </message>
    <message>
        <source>Could not fetch from the remote “{remote}”: check the connection and try again.</source>
        <translation>無法從遠端「{remote}」取得更新：請檢查網路連線後再試一次。</translation>
    </message>
    <message>
        <source>Could not fetch “{branch}” from the remote “{remote}”.</source>
        <translation>無法從遠端「{remote}」取得「{branch}」。</translation>
    </message>
    <message>
        <source>The remote “{remote}” refused the push again after placing your change on top of theirs. Nothing was published; pull the archive and publish again.</source>
        <translation>把您的變更接在對方的變更之後，遠端「{remote}」仍然拒絕推送。沒有發布任何內容；請先更新逐字稿庫（`git pull`）再發布一次。</translation>
    </message>
    <message>
        <source>The remote “{remote}” refused the push. Nothing was published.</source>
        <translation>遠端「{remote}」拒絕了推送。沒有發布任何內容。</translation>
    </message>
    <message>
        <source>The archive has no remote called “{remote}”.</source>
        <translation>逐字稿庫沒有名為「{remote}」的遠端。</translation>
    </message>
    <message>
        <source>The archive&apos;s git index is locked (.git/index.lock): another git program is working in it or one crashed, so if none is running delete that file and publish again.</source>
        <translation>逐字稿庫的 git 索引被鎖住了（`.git/index.lock`）：有另一個 git 程式正在使用，或有一個當掉了；如果沒有在執行的 git 程式，請刪除那個檔案後再發布。</translation>
    </message>
    <message>
        <source>The archive has uncommitted changes to {files}; commit or discard them first so that publishing does not overwrite them.</source>
        <translation>逐字稿庫裡的 {files} 有尚未提交（`commit`）的變更；請先提交或捨棄，發布才不會覆蓋它們。</translation>
    </message>
    <message>
        <source>The remote already has this meeting&apos;s earlier publication; pull it into the archive (git pull) and publish again.</source>
        <translation>遠端已經有這場會議先前的發布版本；請先更新逐字稿庫（`git pull`）再發布一次。</translation>
    </message>
    <message>
        <source>The remote already has this meeting&apos;s earlier publication, but your archive has uncommitted changes in the way; commit them, run git pull, then publish again.</source>
        <translation>遠端已經有這場會議先前的發布版本，但您的逐字稿庫有尚未提交（`commit`）的變更擋住了；請先提交，執行 `git pull`，再發布一次。</translation>
    </message>
    <message>
        <source>Left out {files}: changed in the archive since imported or last published; publishing the library&apos;s copy would undo that change.</source>
        <translation>略過了 {files}：它在匯入或上次發布後，已在逐字稿庫中被修改；發布會議資料庫裡的版本會蓋掉那次修改。</translation>
    </message>
    <message>
        <source>Published, but your archive branch still has the commit from before the rebase because you have uncommitted changes to files the remote changed; commit them and run `git pull --rebase`.</source>
        <translation>已發布，但因為您對遠端改過的檔案有尚未提交（`commit`）的變更，逐字稿庫的分支仍停在發布前的版本；請先提交，再執行 `git pull --rebase`。</translation>
    </message>
    <message>
        <source>A meeting needs a title.</source>
        <translation>會議需要標題。</translation>
    </message>
    <message>
        <source>“{date}” is not a meeting date; give a real day as YYYY-MM-DD, such as 2024-05-01.</source>
        <translation>「{date}」不是會議日期；請寫成「年-月-日」格式的真實日期，例如 2024-05-01。</translation>
    </message>
    <message>
        <source>A meeting needs a language.</source>
        <translation>會議需要指定語言。</translation>
    </message>
    <message>
        <source>A speaker needs a name.</source>
        <translation>發言者需要名字。</translation>
    </message>
    <message>
        <source>This is the last bullet; there is no next bullet to merge with.</source>
        <translation>這是最後一段；沒有下一段可以合併。</translation>
    </message>
    <message>
        <source>This text brings back words that were redacted; reload the bullet, or undo the redaction instead.</source>
        <translation>這段文字會讓已遮蔽的字句重新出現；請重新載入這一段，或改用復原取消遮蔽。</translation>
    </message>
    <message>
        <source>The meeting was changed outside the editor since this edit, so it can no longer be undone or redone.</source>
        <translation>這次編輯之後，會議在編輯器之外被修改過，因此無法再復原或重做。</translation>
    </message>
    <message>
        <source>The search pattern {pattern} is not a valid regular expression.</source>
        <translation>搜尋樣式 {pattern} 不是有效的正規表示式。</translation>
    </message>
    <message>
        <source>the recording file reached the largest size this disk allows</source>
        <translation>錄音檔已達到這個磁碟允許的最大檔案大小</translation>
    </message>
    <message>
        <source>the input device stopped delivering audio (it was unplugged, or the sound server stopped)</source>
        <translation>錄音裝置不再傳來聲音（被拔除了，或音訊伺服器停止了）</translation>
    </message>
    <message>
        <source>the recording file cannot be written</source>
        <translation>無法寫入錄音檔</translation>
    </message>
    <message>
        <source>an unexpected error occurred</source>
        <translation>發生未預期的錯誤</translation>
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
