"""The preview's web server: the standard library's threaded HTTP server, bound to this computer
only (127.0.0.1), serving the page, the current snapshot as JSON, a stream of server-sent events
announcing each new build, and the Word file and PDF of each document shown."""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import urlsplit

from generator.errors import InputError
from generator.preview.pdf import MISSING, soffice, to_pdf
from generator.preview.state import Document, Preview, Snapshot
from generator.preview.watch import Watcher
from generator.writers.html import STYLE

HOST = "127.0.0.1"
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PreviewServer:
    """Serves one scheme's preview and rebuilds it when its files or the library change."""

    def __init__(self, preview: Preview, port: int = 0, poll: float = 0.2) -> None:
        self.preview = preview
        self.poll = poll
        self.httpd = ThreadingHTTPServer((HOST, port), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        self.updated = threading.Condition()
        self.stopping = threading.Event()
        self._pdfs: dict[tuple[int, str], bytes] = {}
        self._pdf_lock = threading.Lock()
        # the files as they are before the first build: a save after it is always noticed, even
        # if the watching thread starts late
        self._library_watch = Watcher(preview.library_files)
        self._scheme_watch = Watcher(preview.scheme_files)
        preview.rebuild()

    @property
    def snapshot(self) -> Snapshot:
        """Return the latest build."""
        return self.preview.snapshot

    def serve_forever(self) -> None:
        """Watch the files and answer requests until `stop` is called (or Ctrl+C)."""
        watcher = threading.Thread(target=self._watch, name="s75-watch", daemon=True)
        watcher.start()
        try:
            self.httpd.serve_forever(poll_interval=0.2)
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop watching and serving, and wake every event stream so it ends."""
        self.stopping.set()
        with self.updated:
            self.updated.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _watch(self) -> None:
        """Rebuild whenever the scheme, its chain or the library changes; announce each build."""
        library, scheme = self._library_watch, self._scheme_watch
        while not self.stopping.wait(self.poll):
            library_changed = library.changed()
            if not (scheme.changed() or library_changed):
                continue
            if library_changed:
                self.preview.reload_library()
            self.preview.rebuild()
            with self.updated:
                self.updated.notify_all()

    def wait_for_build(self, seen: int, timeout: float) -> None:
        """Return once there is a build newer than version `seen`, the server is stopping, or
        `timeout` seconds have passed."""
        with self.updated:
            self.updated.wait_for(
                lambda: self.snapshot.version != seen or self.stopping.is_set(), timeout)

    def pdf(self, document: Document) -> bytes:
        """Return the PDF of a document shown now, made once for each build."""
        key = (self.snapshot.version, document.document)
        with self._pdf_lock:
            if key not in self._pdfs:
                made = to_pdf(document.docx, document.file_stem)
                self._pdfs = {key: made}
            return self._pdfs[key]


def snapshot_json(snapshot: Snapshot) -> dict:
    """Return what the page shows of a build, as JSON data."""
    return {
        "version": snapshot.version,
        "scheme": snapshot.scheme,
        "stale": snapshot.stale,
        "failure": snapshot.failure,
        "documents": [{"document": d.document, "title": d.title, "html": d.html,
                       "docx": f"download/{d.document}.docx",
                       "pdf": f"download/{d.document}.pdf"} for d in snapshot.documents],
        "diagnostics": [{"file": d.loc.path, "line": d.loc.line, "col": d.loc.col,
                         "severity": d.severity, "code": d.code, "message": d.message,
                         "text": d.format()} for d in snapshot.diagnostics],
        "sources": snapshot.sources,
        "pdf": {"available": soffice() is not None, "message": MISSING},
    }


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    """Return the request handler class of `server`."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Print nothing for each request."""

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            host = self.headers.get("Host", "")
            if host not in (f"{HOST}:{server.port}", f"localhost:{server.port}"):
                return self._send(HTTPStatus.FORBIDDEN, b"not served to this host", "text/plain")
            path = urlsplit(self.path).path
            if path == "/":
                page = resources.files("generator.preview").joinpath("page.html").read_bytes()
                return self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")
            if path == "/draft.css":
                return self._send(HTTPStatus.OK, STYLE.encode("utf-8"), "text/css")
            if path == "/state":
                body = json.dumps(snapshot_json(server.snapshot), ensure_ascii=False)
                return self._send(HTTPStatus.OK, body.encode("utf-8"), "application/json")
            if path == "/events":
                return self._events()
            if path.startswith("/download/"):
                return self._download(path.removeprefix("/download/"))
            return self._send(HTTPStatus.NOT_FOUND, b"no such page", "text/plain")

        def _download(self, name: str) -> None:
            stem, _, kind = name.rpartition(".")
            snapshot = server.snapshot
            document = next((d for d in snapshot.documents if d.document == stem), None)
            if document is None or kind not in ("docx", "pdf"):
                return self._send(HTTPStatus.NOT_FOUND, b"no such draft", "text/plain")
            filename = f"{snapshot.scheme_id}-{document.file_stem}.{kind}"
            try:
                data = document.docx if kind == "docx" else server.pdf(document)
            except InputError as exc:
                return self._send(HTTPStatus.SERVICE_UNAVAILABLE, str(exc).encode("utf-8"),
                                  "text/plain; charset=utf-8")
            return self._send(HTTPStatus.OK, data, DOCX if kind == "docx" else "application/pdf",
                              filename)

        def _events(self) -> None:
            """Stream an `update` event for each new build, the current one first."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.close_connection = True
            sent = -1
            try:
                while not server.stopping.is_set():
                    server.wait_for_build(sent, KEEP_ALIVE)
                    version = server.snapshot.version
                    if version != sent:
                        self.wfile.write(f"event: update\ndata: {version}\n\n".encode())
                        sent = version
                    else:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

        def _send(self, status: HTTPStatus, body: bytes, kind: str,
                  attachment: str = "") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            if attachment:
                self.send_header("Content-Disposition", f'attachment; filename="{attachment}"')
            self.end_headers()
            self.wfile.write(body)

    return Handler
