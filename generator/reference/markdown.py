"""Small Markdown helpers shared by the reference pages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SPECIAL = re.compile(r"([\\`*_<>|\[\]])")


def escaped(text: str) -> str:
    """Return `text` with the characters Markdown would read as markup escaped, on one line."""
    return inline(" ".join(str(text).split()))


def inline(text: str) -> str:
    """Return `text` with the characters Markdown would read as markup escaped, spaces kept."""
    return _SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """Return `text` as an inline code span (longer fences when it holds backticks)."""
    text = " ".join(str(text).split())
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if fence == "`" else f"{fence} {text} {fence}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Return a Markdown table; cells are written as given (escape them first)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def anchor(text: str) -> str:
    """Return the id an explicit heading anchor gets for `text` (lower case, hyphens)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
