"""A PDF of a Word draft, made by LibreOffice running headless when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import InputError

MISSING = ("PDF needs LibreOffice, which is not installed on this computer: install it (on "
           "Debian or Ubuntu, `apt-get install libreoffice-writer`) and restart `s75 serve`, or "
           "download the Word file and save it as PDF from Word")


def soffice() -> str | None:
    """Return the LibreOffice program to run, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, stem: str, timeout: float = 180) -> bytes:
    """Return the PDF LibreOffice prints the .docx as; raise InputError when LibreOffice is
    missing or fails."""
    return to_pdfs({stem: docx}, timeout)[stem]


def to_pdfs(documents: dict[str, bytes], timeout: float = 900) -> dict[str, bytes]:
    """Return, for each name, the PDF of the .docx given under it, made by one LibreOffice run
    (names are plain file stems); raise InputError when LibreOffice is missing or fails."""
    program = soffice()
    if program is None:
        raise InputError(MISSING)
    with tempfile.TemporaryDirectory(prefix="s75-pdf-") as work:
        folder = Path(work)
        sources = []
        for stem, docx in documents.items():
            sources.append(folder / f"{stem}.docx")
            sources[-1].write_bytes(docx)
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run([program, f"-env:UserInstallation={profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
                            *map(str, sources)],
                           check=True, capture_output=True, timeout=timeout)
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError(f"LibreOffice could not make the PDF: {exc}") from None
        made = {stem: folder / "pdf" / f"{stem}.pdf" for stem in documents}
        missing = [stem for stem, path in made.items() if not path.is_file()]
        if missing:
            raise InputError(f"LibreOffice made no PDF of {', '.join(missing)}")
        return {stem: path.read_bytes() for stem, path in made.items()}
