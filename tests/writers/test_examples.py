"""The shipped example schemes: they check clean, build, open in Word readers, and the
committed drafts in output/ are what the current schemes produce (a .docx apart from the page
numbers its contents page shows, which `make drafts` fills from LibreOffice's layout)."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document

from generator.ooxml.pagenumbers import same_apart_from_page_numbers
from generator.stamps import STAMPS_FILE

SCHEMES = sorted((ROOT / "schemes").rglob("*.yaml"))
S75 = Path(sys.executable).parent / "s75"


def test_every_example_scheme_checks_clean(cli):
    status, out = cli("check")
    assert status == 0, "\n".join(out)
    assert out[-1].startswith(f"{len(SCHEMES)} files checked: 0 errors")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from generator.cli import main

    out = tmp_path_factory.mktemp("drafts")
    assert main(["build", "--out", str(out)]) == 0
    return out


def test_every_draft_opens_and_has_its_twin(built):
    drafts = sorted(built.rglob("*.docx"))
    assert len(drafts) >= len(SCHEMES)
    for path in drafts:
        doc = Document(str(path))
        assert len(doc.paragraphs) > 50, path
        assert path.with_suffix(".md").is_file()


def drafts_under(folder: Path) -> list[Path]:
    """Return every file under `folder` but the build's stamps (which are not drafts)."""
    return [p for p in folder.rglob("*") if p.is_file() and p.name != STAMPS_FILE]


def test_committed_drafts_are_current(built):
    committed = ROOT / "output"
    fresh = sorted(p.relative_to(built) for p in drafts_under(built))
    assert fresh == sorted(p.relative_to(committed) for p in drafts_under(committed)), \
        "output/ is out of date: run `make drafts` and commit it"
    for rel in fresh:
        new, old = (built / rel).read_bytes(), (committed / rel).read_bytes()
        same = same_apart_from_page_numbers(new, old) if rel.suffix == ".docx" else new == old
        assert same, f"{rel} is out of date: run `make drafts` and commit it"


def test_southampton_agreement_is_long_enough(built):
    doc = Document(str(built / "southampton-bcf-2017" / "section75-agreement.docx"))
    words = sum(len(p.text.split()) for p in doc.paragraphs)
    assert words > 9000  # well over 20 pages of agreement


def test_police_scheme_builds_only_its_mou(built):
    folder = built / "staffordshire-alcohol-and-drugs"
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    assert "section75-agreement.docx" not in names
    assert "memorandum-of-understanding.docx" in names


def hashes(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under `folder`, keyed by its relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(drafts_under(folder))}


def build_in_new_process(out: Path, hash_seed: str) -> None:
    """Run `s75 build` in a fresh interpreter (its own hash seed) writing to `out`."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run([str(S75), "build", "--out", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_drafts_are_reproducible_across_processes(tmp_path):
    build_in_new_process(tmp_path / "a", "1")
    build_in_new_process(tmp_path / "b", "2")
    first, second = hashes(tmp_path / "a"), hashes(tmp_path / "b")
    assert len(first) >= 4 * len(SCHEMES)
    assert first == second


def test_docx_entries_are_stored_uncompressed_with_fixed_times(built):
    for path in built.rglob("*.docx"):
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
            infos = package.infolist()
            assert infos[0].filename == "[Content_Types].xml"
            assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}
            assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_build_check_reports_stale_missing_and_left_over_files(tmp_path):
    out = tmp_path / "out"
    build_in_new_process(out, "0")
    check = [str(S75), "build", "--check", "--out", str(out)]
    assert subprocess.run(check, cwd=ROOT, capture_output=True).returncode == 0
    stale = out / "croydon-icu" / "section75-agreement.md"
    stale.write_text(stale.read_text() + "A line a reviewer added by hand.\n")
    (out / "croydon-icu" / "memorandum-of-understanding.manifest.json").unlink()
    (out / "croydon-icu" / "old-draft.docx").write_bytes(b"")
    done = subprocess.run(check, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert f"stale: {stale}" in lines
    assert f"missing: {out / 'croydon-icu' / 'memorandum-of-understanding.manifest.json'}" in lines
    assert f"left over: {out / 'croydon-icu' / 'old-draft.docx'}" in lines
    assert lines[-1] == f"3 output files out of date: run `s75 build` and commit {out}/"
    assert stale.read_text().endswith("by hand.\n")  # --check writes nothing


def opens(data: bytes) -> bool:
    return Document(io.BytesIO(data)) is not None


def test_markdown_twin_matches_docx_numbers(built):
    md = (built / "southampton-bcf-2017" / "section75-agreement.md").read_text()
    assert "## 1. Definitions and Interpretation" in md
    assert "## Schedule 1: Scheme Specifications" in md
    assert Path(built).is_dir()
