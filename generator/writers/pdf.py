"""PDFs of written drafts, through LibreOffice headless: one LibreOffice process converts a
whole batch, with a profile directory of its own so it runs beside a user's LibreOffice; the
page each heading falls on, read back from the PDF, for the contents page; and the check that
LibreOffice lays the drafts out in their own fonts or in fonts of the same measurements, so the
pages it counts are the pages Word shows."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader

from generator.errors import InputError
from generator.model.draft import Draft

INSTALL_HINT = ("LibreOffice is needed to lay drafts out (for PDFs and contents page "
                "numbers): install it (Debian and Ubuntu: "
                "`apt install libreoffice-writer`; elsewhere from libreoffice.org) and run again")
TIMEOUT = 900  # seconds for one batch
LEADER = "........"  # the dots leading a contents entry to its page number
CONTENTS_LINES = 3  # leader lines that make a page part of the contents
# Fonts of the same measurements as the fonts Word drafts are usually set in: LibreOffice
# substitutes them, so a line breaks, and a page ends, where it would in Word.
SAME_MEASUREMENTS = {"arial": "liberation sans", "helvetica": "liberation sans",
                     "times new roman": "liberation serif", "courier new": "liberation mono",
                     "courier": "liberation mono", "calibri": "carlito", "cambria": "caladea"}
FONTS_HINT = ("install the fonts of the same measurements (Debian and Ubuntu: `apt install "
              "fonts-liberation fonts-crosextra-carlito fonts-crosextra-caladea`) or the font "
              "itself, and run again")
_FONT_NAME = re.compile(rb'<(?:w:rFonts|a:latin)\b[^>]*?(?:w:ascii|typeface)="([^"+][^"]*)"')


def soffice() -> str:
    """Return the LibreOffice command; raise InputError naming the package when it is absent."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise InputError(INSTALL_HINT)
    return found


def check_layout_fonts(documents: Sequence[bytes]) -> None:
    """Raise InputError when a font the drafts' styles or theme name would be laid out in a
    font of other measurements (so LibreOffice's page breaks would not be Word's). Fonts are
    looked up with fontconfig's `fc-match`, as LibreOffice finds them; without it (not Linux)
    nothing is checked. Every document is read, as each document type has its own template."""
    if not documents or shutil.which("fc-match") is None:
        return
    for name in sorted(set().union(*map(_fonts_named, documents))):
        used = _font_found(name)
        if used is not None and used.lower() not in (name.lower(),
                                                     SAME_MEASUREMENTS.get(name.lower())):
            raise InputError(f"the drafts are set in {name}, which LibreOffice would lay out "
                             f"in {used}, so its page numbers would not be Word's: "
                             + FONTS_HINT)


def _fonts_named(docx: bytes) -> set[str]:
    """Return the fonts the package's styles and theme name."""
    names: set[str] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            for part in ("word/styles.xml", "word/theme/theme1.xml"):
                if part in package.namelist():
                    names |= {m.decode("utf-8") for m in _FONT_NAME.findall(package.read(part))}
    except (zipfile.BadZipFile, OSError):
        return set()
    return names


def _font_found(name: str) -> str | None:
    """Return the family fontconfig finds for `name`, or None when it cannot be asked."""
    try:
        done = subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def convert(documents: Sequence[bytes]) -> list[bytes]:
    """Return the PDF of each .docx given (as bytes), converted by one LibreOffice process."""
    if not documents:
        return []
    command = soffice()
    with tempfile.TemporaryDirectory(prefix="s75-pdf-") as work:
        folder = Path(work)
        sources = []
        for index, data in enumerate(documents):
            source = folder / "in" / f"{index:04d}.docx"
            source.parent.mkdir(exist_ok=True)
            source.write_bytes(data)
            sources.append(source)
        profile = (folder / "profile").as_uri()
        try:
            done = subprocess.run(
                [command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(folder / "out"), *map(str, sources)],
                capture_output=True, timeout=TIMEOUT, env={"HOME": work, "PATH": _path()})
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice took over {TIMEOUT} s to convert "
                             f"{len(sources)} drafts to PDF and was stopped") from None
        results = [folder / "out" / (source.stem + ".pdf") for source in sources]
        missing = [r.name for r in results if not r.is_file()]
        if done.returncode != 0 or missing:
            told = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise InputError(f"LibreOffice did not convert {len(missing)} of {len(sources)} "
                            f"drafts to PDF (exit {done.returncode}"
                            + (f": {told[-1]}" if told else "") + ")")
        return [r.read_bytes() for r in results]


def _path() -> str:
    """Return a PATH that finds LibreOffice's own helpers."""
    return "/usr/local/bin:/usr/bin:/bin"


def squash(text: str) -> str:
    """Return `text` without whitespace, as headings are compared across line breaks."""
    return re.sub(r"\s+", "", text)


def contents_entries(draft: Draft) -> list[tuple[str, str]]:
    """Return each heading the contents page lists as (anchor, text squashed) in order: a
    clause's number and title, a schedule's number and title (on a line of its own in the
    body, after a colon on the contents page), so a line that merely starts with a reference
    to the schedule is not taken for its heading."""
    entries = [(c.anchor, squash(c.label + ("Not used" if c.not_used else c.title)))
               for c in draft.clauses]
    entries += [(s.anchor, squash(s.label + s.title)) for s in draft.schedules]
    return entries


def heading_pages(pdf: bytes, draft: Draft) -> dict[str, str]:
    """Return the page (counted from the cover, as the footer counts) on which each clause and
    schedule heading of `draft` falls in `pdf`: anchor -> page number. Headings are found in
    order, at the start of a line, after the contents pages; one not found is left out."""
    pages = [_lines(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    found: dict[str, str] = {}
    page, position = _after_contents(pages), 0
    for anchor, heading in contents_entries(draft):
        located = _find(pages, heading, page, position)
        if located is not None:
            page, position = located
            found[anchor] = str(page + 1)
    return found


def _lines(text: str) -> str:
    """Return a page's text with each line squashed, the lines kept apart."""
    return "\n".join(squash(line) for line in text.splitlines())


def _after_contents(pages: list[str]) -> int:
    """Return the index of the first page after the contents list: the pages from the one that
    says "Contents" on, while entries run to their page numbers with dot leaders (a page with
    fewer such lines, such as one blank date line, is the body's)."""
    start = next((i for i, text in enumerate(pages) if "Contents" in text), None)
    if start is None:
        return 0
    end = start
    while end + 1 < len(pages) and _leader_lines(pages[end + 1]) >= CONTENTS_LINES:
        end += 1
    return end + 1


def _leader_lines(page: str) -> int:
    """Return how many lines of a page run to a dot leader."""
    return sum(1 for line in page.split("\n") if LEADER in line)


def _find(pages: list[str], heading: str, page: int, position: int
          ) -> tuple[int, int] | None:
    """Return (page, end position) of the first line starting with `heading` (which may run
    over several lines) at or after `position` on `page` or on a later page; None when there is
    none."""
    pattern = re.compile(r"(?:^|\n)" + "\n?".join(map(re.escape, heading)))
    for index in range(page, len(pages)):
        match = pattern.search(pages[index], position if index == page else 0)
        if match:
            return index, match.end()
    return None
