"""The shipped example schemes: they check clean, build, open in Word readers, and the
committed drafts in output/ are what the current schemes produce."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT

SCHEMES = sorted((ROOT / "schemes").rglob("*.yaml"))


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


def test_committed_drafts_are_current(built):
    committed = ROOT / "output"
    fresh = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assert fresh == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file()), \
        "output/ is out of date: run `make drafts` and commit it"
    for rel in fresh:
        assert (built / rel).read_bytes() == (committed / rel).read_bytes(), \
            f"{rel} is out of date: run `make drafts` and commit it"


def test_southampton_agreement_is_long_enough(built):
    doc = Document(str(built / "southampton-bcf-2017" / "section75-agreement.docx"))
    words = sum(len(p.text.split()) for p in doc.paragraphs)
    assert words > 9000  # well over 20 pages of agreement


def test_police_scheme_builds_only_its_mou(built):
    folder = built / "staffordshire-alcohol-and-drugs"
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    assert "section75-agreement.docx" not in names
    assert "memorandum-of-understanding.docx" in names


def test_drafts_are_reproducible(tmp_path):
    from generator.cli import main

    first, second = tmp_path / "a", tmp_path / "b"
    scheme = "schemes/southampton-bcf-2017.yaml"
    assert main(["build", scheme, "--out", str(first)]) == 0
    assert main(["build", scheme, "--out", str(second)]) == 0
    for path in first.rglob("*.*"):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()


def opens(data: bytes) -> bool:
    return Document(io.BytesIO(data)) is not None


def test_markdown_twin_matches_docx_numbers(built):
    md = (built / "southampton-bcf-2017" / "section75-agreement.md").read_text()
    assert "## 1. Definitions and Interpretation" in md
    assert "## Schedule 1: Scheme Specifications" in md
    assert Path(built).is_dir()
