"""Reading WordprocessingML property values: w:val, whole numbers and on/off toggles."""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.ns import w


def val(element: etree._Element | None) -> str | None:
    """Return an element's w:val, or None when the element is missing."""
    return None if element is None else element.get(w("val"))


def whole(text: str | None) -> int | None:
    """Return text as an integer, or None when it is missing or not a whole number."""
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


def hexadecimal(text: str | None) -> int | None:
    """Return a hexadecimal value as an integer, or None when it is missing or bad."""
    try:
        return None if text is None else int(text, 16)
    except ValueError:
        return None


def toggle(element: etree._Element | None) -> bool | None:
    """Return a toggle property's value (on unless w:val says off), or None when it is not set."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in ("0", "false", "off")
