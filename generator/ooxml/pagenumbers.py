"""The page numbers a draft's contents page shows: read them, and compare two drafts apart from
them. They are the stored results of the contents entries' PAGEREF fields, which a build with
`--page-numbers` or `--pdf` fills from LibreOffice's layout; everything else in a draft follows
from its inputs alone, so a draft whose only difference is its page numbers is the same draft.
"""

from __future__ import annotations

import io
import re
import zipfile

from generator.ooxml.package import DEFAULT_MAIN, ZIP_ERRORS

# A PAGEREF field's instruction, its separator and its stored result, as the Word writer
# writes them; group 2 is the page number shown.
_PAGE_RESULT = re.compile(
    rb'( PAGEREF [^<]* </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    rb'<w:r><w:t xml:space="preserve">)([^<]*)(</w:t>)')


def page_numbers(docx: bytes) -> list[str]:
    """Return the page number each contents entry of the .docx shows, in order ("" for an
    entry left for Word to fill); [] for a file that is not a readable package."""
    main = _main_part(docx)
    return [m.group(2).decode("utf-8") for m in _PAGE_RESULT.finditer(main or b"")]


def without_page_numbers(xml: bytes) -> bytes:
    """Return the main part's XML with every contents entry's page number emptied."""
    return _PAGE_RESULT.sub(rb"\1\3", xml)


def same_apart_from_page_numbers(first: bytes, second: bytes) -> bool:
    """Return True when two .docx packages hold the same parts in the same order, byte for
    byte, except for the contents page numbers of their main parts."""
    if first == second:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
            if a.namelist() != b.namelist():
                return False
            for name in a.namelist():
                left, right = a.read(name), b.read(name)
                if name == DEFAULT_MAIN:
                    left, right = without_page_numbers(left), without_page_numbers(right)
                if left != right:
                    return False
    except ZIP_ERRORS:
        return False
    return True


def _main_part(docx: bytes) -> bytes | None:
    """Return the bytes of the package's main part, or None when it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            return package.read(DEFAULT_MAIN)
    except (*ZIP_ERRORS, KeyError):
        return None
