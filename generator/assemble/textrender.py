"""Render clause text: Jinja2 in a sandbox, strict about undefined values, with scheme values
always printed as written and never run as templates."""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import UndefinedError
from jinja2.sandbox import SecurityError

from generator.errors import EmptyValue, RenderError
from generator.load.texts import (
    REF_END,
    REF_START,
    SENTINELS,
    TERM_END,
    TERM_START,
    Text,
    TextLimit,
)
from generator.load.yamlio import one_line
from generator.model.draft import Run

__all__ = ["SENTINELS", "render", "to_runs", "literal_runs"]

_SPLIT = re.compile(f"({TERM_START}.*?{TERM_END}|{REF_START}.*?{REF_END})", re.S)
MAX_OUTPUT = 100_000
MAX_SECONDS = 5.0


def render(text: Text, context: dict[str, Any]) -> str:
    """Return compiled clause text rendered with `context` (plain text as written); raise
    RenderError with the line within the text on failure."""
    if text.template is None:
        output = text.source
    else:
        output = _run(text, context)
    if len(output) > MAX_OUTPUT:
        raise RenderError(f"renders to more than {MAX_OUTPUT} characters: clause text may not",
                          1, "template-too-long")
    return output


def _run(text: Text, context: dict[str, Any]) -> str:
    """Return the text's template rendered, its length checked as it is produced and its time
    bounded; raise RenderError with the line on failure."""
    assert text.template is not None
    try:
        with time_limit(MAX_SECONDS):
            return _bounded(text.template.generate(context))
    except UndefinedError as exc:
        raise RenderError(_undefined_message(str(exc), context), _template_line(),
                          "undefined-variable") from None
    except EmptyValue:
        raise RenderError("prints an empty value: give the value in the scheme, or guard the "
                          "text with {% if ... %}", _template_line(), "empty-value") from None
    except SecurityError as exc:
        raise RenderError(f"not allowed in clause text: {exc}", _template_line(),
                          "template-unsafe") from None
    except TextLimit as exc:
        raise RenderError(f"{exc}: clause text may not", _template_line(),
                          "template-too-long") from None
    except (RecursionError, MemoryError):
        raise RenderError("calls itself too deeply, or builds too much", _template_line(),
                          "template-too-long") from None
    except Exception as exc:  # noqa: BLE001 - any failure inside clause text is the clause's
        raise RenderError(f"cannot render: {one_line(str(exc), 200)}", _template_line()) from None


def _bounded(chunks: Iterator[str]) -> str:
    """Return the chunks joined, stopping as soon as they pass the length clause text may have."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TextLimit(f"renders to more than {MAX_OUTPUT} characters")
        out.append(chunk)
    return "".join(out)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run a block under a time budget (in the main thread; elsewhere without one): past it,
    TextLimit is raised inside the block."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TextLimit(f"takes more than {seconds:g} seconds to render")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_line() -> int:
    """Return the template line of the innermost template frame of the current exception."""
    tb = sys.exc_info()[2]
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _undefined_message(raw: str, context: dict[str, Any]) -> str:
    from generator.diagnostics import did_you_mean

    match = (re.search(r"has no attribute '([^']+)'", raw)
             or re.search(r"'([^']+)' is undefined", raw))
    name = match.group(1) if match else raw
    names = set(context)
    for value in context.values():
        if isinstance(value, dict):
            names.update(value)
    if "None" in raw or name in names:
        return (f"`{name}` is read from a value the scheme leaves empty: give that value in the "
                "scheme, or guard the text with {% if ... %}")
    hint = did_you_mean(name, names)
    return f"`{name}` is not defined for this scheme.{hint}".rstrip()


def to_runs(rendered: str) -> list[Run]:
    """Return rendered text as runs of plain text, defined terms and references, with white
    space collapsed to single spaces."""
    text = re.sub(r"\s+", " ", rendered).strip()
    runs: list[Run] = []
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        if piece.startswith(TERM_START):
            runs.append(Run("term", piece[1:-1]))
        elif piece.startswith(REF_START):
            runs.append(Run("ref", piece[1:-1]))
        else:
            runs.append(Run("text", piece))
    return runs


def literal_runs(text: str) -> list[Run]:
    """Return a scheme's own text as a single run, never rendered as a template."""
    clean = re.sub(r"\s+", " ", str(text).translate({ord(c): None for c in SENTINELS})).strip()
    return [Run("text", clean)] if clean else []
