"""Every exception the generator raises, under one base.

`InputError` is a problem with what the user gave (a scheme, a template, a .docx, a revision):
the CLI prints its message on one line and exits 1 or 2 as the command documents. `ToolError`
is the tool failing; it says what it was doing, so an internal failure is never a bare
traceback. Diagnostics found in schemes and clauses are not exceptions: they are collected and
reported together (see `diagnostics`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class S75Error(Exception):
    """The base of every exception the generator raises on purpose."""


class InputError(S75Error):
    """Something the user gave cannot be used; the message says why in plain English."""


class DocxUnreadable(InputError):
    """A file given as a Word document cannot be read as one."""


class TemplateProblem(InputError):
    """A Word template lacks something the draft needs (a style, the body marker)."""


class GitProblem(InputError):
    """A git revision cannot be read: not a repository, an unknown revision, a missing file."""


class UsageError(InputError):
    """The command-line arguments cannot be acted on as given."""


class RenderError(S75Error):
    """A clause's text could not be rendered; `line` counts from 1 within the text."""

    def __init__(self, message: str, line: int = 1, code: str = "template-error"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code


class EmptyValue(S75Error):
    """A printed value was empty: a contract must never contain a blank."""


class ToolError(S75Error):
    """The tool itself failed while `doing` something; the cause is kept."""

    def __init__(self, doing: str, cause: BaseException):
        super().__init__(f"while {doing}: {type(cause).__name__}: {cause}")
        self.doing = doing
        self.cause = cause


@contextmanager
def doing(what: str) -> Iterator[None]:
    """Run a block, turning an unexpected failure into a ToolError that says what the tool was
    `doing` (errors of the tool's own kinds pass through unchanged)."""
    try:
        yield
    except ToolError as inner:
        raise ToolError(f"{what}, {inner.doing}", inner.cause) from inner.cause
    except S75Error:
        raise
    except Exception as exc:  # noqa: BLE001 - any other failure is the tool's own
        raise ToolError(what, exc) from exc
