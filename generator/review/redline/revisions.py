"""Revision marks: unused ids, and w:ins / w:del elements carrying the author and date."""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.build import new_element
from generator.ooxml.ns import w
from generator.review.redline.ooxml import W_ID


class _Revisions:
    """The revision author, date and next free id of one redline (the base of `_Redliner`)."""

    def __init__(self, author: str, when: datetime, first_id: int) -> None:
        self.author = author
        self.date = _revision_date(when)
        self.next_id = first_id

    def new_id(self) -> str:
        """Return an unused w:id."""
        self.next_id += 1
        return str(self.next_id - 1)

    def revision(self, kind: str) -> etree._Element:
        """Return an empty w:ins / w:del (or w:rPrChange, w:pPrChange) with id, author, date."""
        return new_element(w(kind), {W_ID: self.new_id(), w("author"): self.author,
                                     w("date"): self.date})


def _revision_date(when: datetime) -> str:
    """Return a w:date value (UTC, to the second); a naive datetime is taken as UTC."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
