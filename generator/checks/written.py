"""Checks of the written Word file, read back into a Draft from the file alone: the same rules
as before writing (required clauses present, every cross-reference resolving) plus what only
the file can show (every clause of the model written, the numbers Word computes equal to the
model's, each reference showing its target's number, no markers left)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.checks.document import required_now, unresolved_references
from generator.checks.readback import WrittenDraft, leftovers
from generator.checks.registry import DocumentSubject, check
from generator.diagnostics import Diagnostic, error
from generator.model.draft import Clause, Item
from generator.ooxml.build import bookmark_name


@dataclass(frozen=True)
class WrittenSubject(DocumentSubject):
    """What a written-file check reads: also the Draft read back from the .docx."""

    written: WrittenDraft


def _problem(subject: WrittenSubject, message: str) -> Diagnostic:
    return error(subject.scheme.loc, "written-draft", message)


@check("written", ("written-draft",))
def required_clauses_written(subject: WrittenSubject) -> list[Diagnostic]:
    """Return an error for each required clause the written file lacks."""
    return [_problem(subject, f"required clause `{cid}` is not in the written document")
            for cid in required_now(subject.outline, subject.scope())
            if not subject.written.has_anchor(cid)]


@check("written", ("written-draft",))
def clauses_written(subject: WrittenSubject) -> list[Diagnostic]:
    """Return an error for each clause of the model the written file lacks, and for each whose
    number in the file (as Word computes it) is not the model's."""
    out = []
    written = {c.anchor: c for c in subject.written.all_clauses() if c.anchor}
    for clause in subject.draft.all_clauses():
        if not clause.anchor:
            continue
        if not subject.written.has_anchor(clause.anchor):
            out.append(_problem(subject, f"clause `{clause.anchor}` is missing from the written "
                                         "document"))
        elif clause.anchor in written and clause.kind not in ("front", "end") \
                and written[clause.anchor].number != clause.number:
            out.append(_problem(subject, f"clause `{clause.anchor}` is numbered "
                                         f"`{written[clause.anchor].number}` in the written "
                                         f"document, not `{clause.number}`"))
    return out


def printed_numbers(clause: Clause) -> list[str]:
    """Return every number a clause prints below its heading, in order: its paragraphs' and
    items', and each section's heading and paragraphs'."""
    out: list[str] = []
    for part in [clause, *clause.sections]:
        out += [part.label] if part is not clause else []
        for paragraph in part.paragraphs:
            out += [paragraph.number, *_item_numbers(paragraph.items)]
    return [number for number in out if number]


def _item_numbers(items: list[Item]) -> list[str]:
    return [n for item in items for n in [item.number, *_item_numbers(item.items)]]


@check("written", ("written-draft",))
def numbers_written(subject: WrittenSubject) -> list[Diagnostic]:
    """Return an error for each clause whose paragraphs, items or sections Word numbers
    otherwise than the model (and so the Markdown twin) does, naming the first difference."""
    out = []
    written = {c.anchor: c for c in subject.written.all_clauses() if c.anchor}
    for clause in subject.draft.all_clauses():
        if clause.anchor not in written:
            continue
        ours, theirs = printed_numbers(clause), printed_numbers(written[clause.anchor])
        if ours != theirs:
            mine, word = _first_difference(ours, theirs)
            out.append(_problem(subject, f"clause `{clause.anchor}` numbers `{word}` in the "
                                         f"written document where the model numbers `{mine}`"))
    return out


def _first_difference(ours: list[str], theirs: list[str]) -> tuple[str, str]:
    """Return the first pair of numbers that differ, "nothing" standing for a missing one."""
    for index in range(max(len(ours), len(theirs))):
        mine = ours[index] if index < len(ours) else "nothing"
        word = theirs[index] if index < len(theirs) else "nothing"
        if mine != word:
            return mine, word
    return "nothing", "nothing"


@check("written", ("written-draft",))
def references_written(subject: WrittenSubject) -> list[Diagnostic]:
    """Return an error for each cross-reference in the file whose target the file does not
    have (the rule the assembled draft is held to), and for each showing a number other than
    its target's."""
    out = [_problem(subject, f"a cross-reference in clause `{clause.id}` points at "
                             f"`{bookmark_name(target)}`, which has no bookmark")
           for clause, target in unresolved_references(subject.written)]
    numbers = {bookmark_name(a): n for a, n in subject.draft.numbers.items()}
    computed = {bookmark_name(a): n for a, n in subject.written.numbers.items()}
    for ref in subject.written.refs:
        expected = numbers.get(ref.bookmark)
        if expected is not None and ref.shown != expected:
            out.append(_problem(subject, f"a cross-reference to `{ref.bookmark}` shows "
                                         f"`{ref.shown}`, not `{expected}`"))
        elif ref.bookmark in computed and ref.shown != computed[ref.bookmark]:
            out.append(_problem(subject, f"a cross-reference to `{ref.bookmark}` shows "
                                         f"`{ref.shown}`, but Word numbers its target "
                                         f"`{computed[ref.bookmark]}`"))
    return out


@check("written", ("written-draft",))
def nothing_left_over(subject: WrittenSubject) -> list[Diagnostic]:
    """Return an error for the body marker or internal markers left in the file's text."""
    return [_problem(subject, problem) for problem in leftovers(subject.written)]
