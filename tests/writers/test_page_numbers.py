"""Contents page numbers without a PDF: `build --page-numbers` lays each draft out with
LibreOffice and stores the page of each heading in the .docx, so Word shows the numbers on
opening; a build without it keeps them while the text is unchanged; `build --check` compares
drafts apart from them; and layout in fonts of other measurements is refused."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from generator.errors import InputError
from generator.ooxml.pagenumbers import page_numbers, same_apart_from_page_numbers
from generator.writers.pdf import check_layout_fonts, heading_pages

S75 = Path(sys.executable).parent / "s75"
SCHEME = "schemes/croydon-icu.yaml"
AGREEMENT = Path("croydon-icu") / "section75-agreement.docx"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(S75), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)


def committed_drafts() -> list[Path]:
    return sorted((ROOT / "output").rglob("*.docx"))


def test_every_committed_draft_shows_a_page_for_each_contents_entry() -> None:
    """The committed drafts are built with --page-numbers (`make drafts`): each contents entry
    shows a page, and the pages never go backwards."""
    assert committed_drafts()
    for path in committed_drafts():
        pages = page_numbers(path.read_bytes())
        assert pages, f"{path}: no contents entries"
        assert all(p.isdigit() for p in pages), f"{path}: an entry without its page: {pages}"
        numbers = [int(p) for p in pages]
        assert numbers == sorted(numbers) and numbers[0] >= 2, f"{path}: {numbers}"


def with_pages(docx: bytes, pages: list[str]) -> bytes:
    """Return the package with its contents entries showing `pages` (a hand edit, as a
    build that lays the draft out would make)."""
    from generator.ooxml.pagenumbers import _PAGE_RESULT

    numbers = iter(pages)
    source = io.BytesIO(docx)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                data = _PAGE_RESULT.sub(lambda m: m.group(1) + next(numbers).encode()
                                        + m.group(3), data)
            new.writestr(info, data)
    return out.getvalue()


def test_drafts_differing_only_in_page_numbers_are_the_same_draft() -> None:
    docx = (ROOT / "output" / AGREEMENT).read_bytes()
    count = len(page_numbers(docx))
    renumbered = with_pages(docx, [str(n + 1) for n in range(count)])
    assert page_numbers(renumbered) == [str(n + 1) for n in range(count)]
    assert same_apart_from_page_numbers(docx, renumbered)
    changed_text = renumbered.replace(b"Definitions and Interpretation", b"Definitions and Meaning")
    assert not same_apart_from_page_numbers(docx, changed_text)
    assert not same_apart_from_page_numbers(docx, b"not a package")


def test_a_plain_build_keeps_page_numbers_and_check_ignores_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", SCHEME, "--out", str(out)).returncode == 0
    draft = out / AGREEMENT
    numbered = with_pages(draft.read_bytes(), [str(n + 3) for n in
                                               range(len(page_numbers(draft.read_bytes())))])
    draft.write_bytes(numbered)
    (out / ".s75-stamps.json").unlink()
    done = run("build", SCHEME, "--out", str(out))
    assert done.returncode == 0 and "drafts: 0 built, 2 unchanged, 0 failed" in done.stdout
    assert draft.read_bytes() == numbered  # the page numbers are kept
    assert run("build", "--check", SCHEME, "--out", str(out)).returncode == 0
    draft.write_bytes(numbered.replace(b"Definitions and Interpretation", b"Definitions"))
    done = run("build", "--check", SCHEME, "--out", str(out))
    assert done.returncode == 1 and f"stale: {draft}" in done.stdout


def test_page_numbers_and_check_cannot_be_combined() -> None:
    done = run("build", "--page-numbers", "--check")
    assert done.returncode == 2
    assert "--page-numbers and --check cannot be combined" in done.stderr


@pytest.mark.libreoffice
def test_build_page_numbers_stores_the_page_each_heading_falls_on(tmp_path: Path) -> None:
    """The pages stored in the .docx are the pages LibreOffice lays the headings out on when
    it converts that very .docx, and no PDF is written."""
    from generator.writers.pdf import convert

    out = tmp_path / "out"
    done = run("build", "--page-numbers", SCHEME, "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(out.rglob("*.pdf"))
    draft = (out / AGREEMENT).read_bytes()
    stored = page_numbers(draft)
    assert stored and all(p.isdigit() for p in stored)
    from generator.pipeline import load_project_library, process
    from generator.settings import Settings

    library, problems = load_project_library(ROOT, ROOT)
    assert not problems
    result = process(ROOT / SCHEME, library, Settings(ROOT), "section75", write=True)
    (built,) = result.built
    laid_out = heading_pages(convert([draft])[0], built.draft)
    assert stored == list(laid_out.values())
    again = run("build", "--page-numbers", SCHEME, "--out", str(out))
    assert "drafts: 0 built, 2 unchanged" in again.stdout  # stamps hold for the same options


@pytest.mark.libreoffice
def test_layout_in_a_font_of_other_measurements_is_refused(tmp_path: Path) -> None:
    docx = (ROOT / "output" / AGREEMENT).read_bytes()
    check_layout_fonts([docx])  # Arial is laid out in Liberation Sans: accepted
    source, out = io.BytesIO(docx), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(b'w:ascii="Arial"', b'w:ascii="Gill Sans Nova"')
            new.writestr(info, data)
    with pytest.raises(InputError, match="Gill Sans Nova, which LibreOffice would lay out in"):
        check_layout_fonts([out.getvalue()])
    assert shutil.which("fc-match")
