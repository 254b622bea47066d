"""The preview server over HTTP (no browser): it answers on 127.0.0.1 only and to its own host
name, rebuilds when the scheme, a file it extends or the library is saved, announces each build
as a server-sent event, keeps the last good draft (stale) while the scheme has errors, and serves
the Word file of what it shows; without LibreOffice the PDF is refused with a message."""

from __future__ import annotations

import http.client
import io
import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document

from generator.cli import main
from generator.pipeline import Settings
from generator.preview.server import PreviewServer
from generator.preview.state import Preview


def workspace(tmp_path: Path) -> Path:
    """Return a copy of the project's library and templates with the Staffordshire base and its
    older people topic as schemes."""
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "schemes").mkdir()
    for name in ("base.yaml", "older-people.yaml"):
        shutil.copy(ROOT / "schemes" / "staffordshire" / name, tmp_path / "schemes" / name)
    return tmp_path


@pytest.fixture
def served(tmp_path, monkeypatch):
    root = workspace(tmp_path)
    monkeypatch.chdir(root)
    server = PreviewServer(Preview(root / "schemes" / "older-people.yaml",
                                   Settings(root, None, root)), poll=0.05)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stop()
    thread.join(5)


def get(server, path: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{server.port}"})
    try:
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def state(server) -> dict:
    status, body = get(server, "/state")
    assert status == 200
    return json.loads(body)


def wait_for(server, version: int, seconds: float = 20) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = state(server)
        if found["version"] > version:
            return found
        time.sleep(0.02)
    raise AssertionError("no new build")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_it_listens_on_the_loopback_address_only(served):
    assert served.httpd.server_address[0] == "127.0.0.1"
    assert served.url == f"http://127.0.0.1:{served.port}/"
    assert get(served, "/", host="example.org")[0] == 403
    status, page = get(served, "/")
    assert status == 200 and b"EventSource" in page


def test_the_state_holds_the_draft_as_html(served):
    found = state(served)
    assert found["stale"] is False
    assert [d for d in found["diagnostics"] if d["severity"] == "error"] == []
    [document] = found["documents"]
    assert document["document"] == "section75"
    assert '<span class="number">1.</span>' in document["html"]
    assert 'class="xref" href="#x-' in document["html"]


def test_a_saved_error_is_shown_with_the_last_good_draft_marked_stale(served, tmp_path):
    before = state(served)
    topic = tmp_path / "schemes" / "older-people.yaml"
    edit(topic, "extends: base.yaml", "extends: base.yaml\nfootprnt: Staffordshire")
    after = wait_for(served, before["version"])
    assert after["stale"] is True
    assert after["documents"] == before["documents"]
    [problem] = [d for d in after["diagnostics"] if d["severity"] == "error"]
    assert problem["code"] == "unknown-key" and problem["file"] == "schemes/older-people.yaml"
    lines = topic.read_text("utf-8").splitlines()
    assert lines[problem["line"] - 1].startswith("footprnt:")
    assert "footprnt" in after["sources"]["schemes/older-people.yaml"]


def test_a_file_the_scheme_extends_and_the_library_are_watched(served, tmp_path):
    before = state(served)
    edit(tmp_path / "schemes" / "base.yaml", "Staffordshire County Council",
         "Staffordshire County Council (Renamed)")
    middle = wait_for(served, before["version"])
    assert "(Renamed)" in middle["documents"][0]["html"]
    clause = next((tmp_path / "clauses").rglob("counterparts.yaml"))
    edit(clause, "title: Counterparts", "title: Counterparts and Copies")
    after = wait_for(served, middle["version"])
    assert "Counterparts and Copies" in after["documents"][0]["html"]


def test_each_build_is_announced_as_a_server_sent_event(served, tmp_path):
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    connection.request("GET", "/events", headers={"Host": f"127.0.0.1:{served.port}"})
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    first = [response.readline() for _ in range(3)]
    assert first[0] == b"event: update\n" and first[1].startswith(b"data: ")
    assert int(first[1].split()[1]) <= served.snapshot.version  # a build may land meanwhile
    edit(tmp_path / "schemes" / "older-people.yaml", "extends: base.yaml",
         "extends: base.yaml\n# a comment")
    started = time.monotonic()
    line = response.readline()
    while line.startswith(b":") or line == b"\n":  # keep-alive comments and blank lines
        line = response.readline()
    assert line == b"event: update\n"
    assert time.monotonic() - started < 10
    connection.close()


def test_the_word_file_of_what_is_shown_downloads(served):
    status, data = get(served, "/download/section75.docx")
    assert status == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Older People" in text
    assert get(served, "/download/tor.docx")[0] == 404


def test_without_libreoffice_the_pdf_is_refused_with_a_message(served, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(__file__).parent))
    status, body = get(served, "/download/section75.pdf")
    assert status == 503 and b"PDF needs LibreOffice" in body
    assert state(served)["pdf"]["available"] is False


def test_a_port_in_use_is_a_one_line_error(served, capsys):
    assert main(["serve", "schemes/older-people.yaml", "--port", str(served.port),
                 "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"s75: cannot serve on port {served.port}") and err.count("\n") == 1


def test_a_missing_scheme_is_a_one_line_error(capsys, tmp_path):
    assert main(["serve", str(tmp_path / "none.yaml"), "--no-browser"]) == 2
    assert "no such scheme file" in capsys.readouterr().err


def test_the_page_is_served_only_at_its_own_address(served):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{served.port}/nothing", timeout=30)
    assert refused.value.code == 404
    refused.value.close()


@pytest.mark.libreoffice
def test_the_pdf_of_what_is_shown_downloads(served):
    from pypdf import PdfReader

    status, data = get(served, "/download/section75.pdf")
    assert status == 200 and data.startswith(b"%PDF")
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages[:2])
    assert "Older People" in text
    assert state(served)["pdf"]["available"] is True


def test_a_fault_of_the_tool_is_shown_and_the_last_draft_kept(tmp_path, monkeypatch):
    root = workspace(tmp_path)
    preview = Preview(root / "schemes" / "older-people.yaml", Settings(root, None, root))
    good = preview.rebuild()
    assert good.documents and not good.stale

    def broken(*args, **kwargs):
        raise RuntimeError("something the tool did not expect")

    monkeypatch.setattr("generator.preview.state.process", broken)
    failed = preview.rebuild()
    assert failed.failure == "internal error: RuntimeError: something the tool did not expect"
    assert failed.stale and failed.documents == good.documents
    assert failed.version == good.version + 1


def test_without_a_scheme_named_the_one_saved_last_is_shown(tmp_path):
    import os

    from generator.cli import _last_saved

    root = workspace(tmp_path)
    older = root / "schemes" / "base.yaml"
    os.utime(older, ns=(1, 1))
    assert _last_saved(root) == root / "schemes" / "older-people.yaml"
    os.utime(older, None)
    os.utime(root / "schemes" / "older-people.yaml", ns=(1, 1))
    assert _last_saved(root) == older
