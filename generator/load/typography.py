"""Typographic quotation marks: straight quotes and apostrophes in clause text and drafting
notes become curly ones as the library loads, outside template tags (which keep their straight
quotes), and so do those in the text a scheme writes (its changes, definitions and lists) as it
is read, outside its `[[...]]` references, so every draft prints curly quotes throughout."""

from __future__ import annotations

import re

TAGS = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)
OPENS_AFTER = " \t\n([{\u2014\u2013/\u201c\u2018"  # a quote after these opens
LEFT_DOUBLE, RIGHT_DOUBLE, LEFT_SINGLE, RIGHT_SINGLE = "\u201c", "\u201d", "\u2018", "\u2019"


def curly(text: str, before: str = "") -> str:
    """Return text with straight quotes made curly; `before` is the character printed just
    before it ("" at the start of a string), which decides whether a first quote opens."""
    out = []
    previous = before
    for char in text:
        if char == '"':
            char = LEFT_DOUBLE if previous == "" or previous in OPENS_AFTER else RIGHT_DOUBLE
        elif char == "'":
            char = LEFT_SINGLE if previous == "" or previous in OPENS_AFTER else RIGHT_SINGLE
        out.append(char)
        previous = char
    return "".join(out)


def curly_template(source: str) -> str:
    """Return clause text with the quotes of its literal words made curly, template tags left
    as written (a tag's output counts as a word before the text that follows it)."""
    if "'" not in source and '"' not in source:
        return source
    parts = TAGS.split(source)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(part)
        else:
            before = "x" if index else ""
            if index and parts[index - 1].startswith("{%"):
                before = out[-2][-1:] if len(out) >= 2 else ""
            out.append(curly(part, before))
    return "".join(out)
