"""A stand-in for huggingface.co: a real HTTP server on 127.0.0.1 serving one model repo.

The hub is the one boundary CI cannot reach; everything on this side of it (the API
listing, resolve URLs, HTTP ranges, hashes) is the real download path.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from transcriber.asr import models


class FakeHub:
    """Serves one repo the way the hub's API and resolve URLs do, with HTTP ranges.

    model.bin is redirected to a file store path, as the hub redirects weights to its
    CDN. ``cut_after`` drops the connection after that many bytes of model.bin (once),
    as a lost network does; ``corrupt`` serves model.bin with one byte changed.
    """

    def __init__(self, repo: str, folder: Path) -> None:
        self.repo, self.folder = repo, folder
        self.ranges: list[str | None] = []
        self.cut_after: int | None = None
        self.corrupt = False
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                if self.path.startswith(f"/api/models/{hub.repo}/revision/main"):
                    return self._send(json.dumps(hub.listing()).encode(), "application/json")
                prefix = f"/{hub.repo}/resolve/abc123/"
                if self.path == prefix + "model.bin":
                    self.send_response(302)
                    self.send_header("Location", "/file-store/model.bin")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.path == "/file-store/model.bin":
                    name = "model.bin"
                elif self.path.startswith(prefix):
                    name = self.path[len(prefix):]
                else:
                    return self.send_error(404)
                data = (hub.folder / name).read_bytes()
                if name == "model.bin" and hub.corrupt:
                    data = data[:1000] + bytes([data[1000] ^ 1]) + data[1001:]
                if name == "model.bin":
                    hub.ranges.append(self.headers.get("Range"))
                start = 0
                if self.headers.get("Range"):
                    start = int(self.headers["Range"].removeprefix("bytes=").rstrip("-"))
                body = data[start:]
                self.send_response(206 if start else 200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if name == "model.bin" and hub.cut_after is not None:
                    self.wfile.write(body[:hub.cut_after])
                    hub.cut_after = None
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def listing(self) -> dict:
        siblings = []
        for path in sorted(self.folder.iterdir()):
            data = path.read_bytes()
            entry = {"rfilename": path.name, "size": len(data)}
            if path.name == "model.bin":
                entry["lfs"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            else:
                entry["blobId"] = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            siblings.append(entry)
        return {"id": self.repo, "sha": "abc123", "siblings": siblings}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    @classmethod
    @contextlib.contextmanager
    def serving(cls, monkeypatch, tmp_path: Path, base_model_path: Path) -> Iterator[FakeHub]:
        """The embedded model's files as repo ``someone/whisper-test``; models go to tmp."""
        repo = tmp_path / "repo"
        repo.mkdir()
        for name in (*models.MODEL_FILES, "model.bin"):
            shutil.copyfile(base_model_path / name, repo / name)
        (repo / "README.md").write_text("not a model file\n")
        hub = cls("someone/whisper-test", repo)
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv(models.MODELS_ENV, str(tmp_path / "models"))
        try:
            yield hub
        finally:
            hub.close()
