"""The words around a cross-reference that depend on what it points at.

A scheme may move a clause among the schedules, where it becomes a schedule (an agreement that
sets out its aims or its functions in a schedule). Library text written for the clause still
calls it "clause {{ ref(...) }}" and speaks of "this clause". After numbering:

- "clause " (or "Clause ") just before a reference to a schedule is dropped, so the text reads
  "set out in Schedule 2", not "clause Schedule 2";
- a reference to a numbered paragraph of a schedule's own text (a paragraph of the clause it
  was), written "clause {{ ref(...) }}" or "clause [[clause:...]]", reads "paragraph N of
  Schedule M" (or "paragraph N of this Schedule" inside that schedule): the paragraph's number
  is typed and the schedule is the live reference, as elsewhere in the library;
- a reference to a schedule's section, or a paragraph of one, is typed as its number (a live
  reference would print the schedule's number run into it), beside the live schedule reference;
- a schedule made from a clause speaks of "this Schedule" where its text (and its drafting
  note) says "this clause".
"""

from __future__ import annotations

import re

from generator.assemble.reflists import clause_runs
from generator.model.draft import Draft, Run, joined_text

CLAUSE_WORD = re.compile(r"(?:^|(?<=\s)|(?<=\())[Cc]lause $")
THIS_CLAUSE = re.compile(r"\bthis clause\b")


def fit_reference_words(draft: Draft, from_clauses: set[str]) -> None:
    """Fit the words before references to the schedules they point at, in place; `from_clauses`
    names the schedules made from clauses, whose "this clause" becomes "this Schedule"."""
    schedules = {s.anchor for s in draft.schedules}
    paragraphs = schedule_paragraphs(draft)
    typed = _section_anchors(draft)
    for clause in draft.all_clauses():
        own = clause.anchor if clause.kind == "schedule" else ""
        for runs in clause_runs(clause):
            runs[:] = _typed(_fitted(runs, schedules, paragraphs, own, draft), typed, draft)
            if own in from_clauses:
                _say_this_schedule(runs)
        if own in from_clauses:
            clause.note = THIS_CLAUSE.sub("this Schedule", clause.note)


def schedule_paragraphs(draft: Draft) -> dict[str, str]:
    """Return each numbered paragraph of a schedule's own text: its anchor -> the schedule's."""
    out = {}
    for schedule in draft.schedules:
        for paragraph in schedule.paragraphs:
            if paragraph.anchor and paragraph.number:
                out[paragraph.anchor] = schedule.anchor
    return out


def _section_anchors(draft: Draft) -> set[str]:
    """Return the anchors of a schedule's sections and of their paragraphs, which a live
    reference would print with the schedule's number run into them."""
    out = set()
    for schedule in draft.schedules:
        for section in schedule.sections:
            out.add(section.anchor)
            out.update(p.anchor for p in section.paragraphs if p.anchor)
    return {a for a in out if a}


def _typed(runs: list[Run], typed: set[str], draft: Draft) -> list[Run]:
    """Return the runs with each reference to a schedule's section or its paragraph typed as
    its number ("paragraph 2 of Schedule 5": the schedule stays the live reference)."""
    return joined_text([Run("text", draft.ref_text(r.value)) if r.kind == "ref"
                        and r.value in typed else r for r in runs])


def _fitted(runs: list[Run], schedules: set[str], paragraphs: dict[str, str], own: str,
            draft: Draft) -> list[Run]:
    """Return the runs with the word before each reference to a schedule fitted to it."""
    out: list[Run] = []
    for run in runs:
        before = out[-1] if out and out[-1].kind == "text" else None
        worded = before is not None and CLAUSE_WORD.search(before.value) is not None
        if run.kind == "ref" and run.value in paragraphs:
            capital = before is not None and before.value.endswith("Clause ")
            if before is not None:
                out[-1] = Run("text", CLAUSE_WORD.sub("", before.value) if worded
                              else before.value)
            out += [Run("text", "Paragraph " if capital else "paragraph "),
                    Run("text", draft.ref_text(run.value))]
            out += _of_schedule(paragraphs[run.value], own)
            continue
        if run.kind == "ref" and run.value in schedules and before is not None and worded:
            out[-1] = Run("text", CLAUSE_WORD.sub("", before.value))
        out.append(run)
    return joined_text(out)


def _of_schedule(schedule: str, own: str) -> list[Run]:
    """Return " of this Schedule" inside that schedule, else " of " and a live reference."""
    if schedule == own:
        return [Run("text", " of this Schedule")]
    return [Run("text", " of "), Run("ref", schedule)]


def _say_this_schedule(runs: list[Run]) -> None:
    """Replace "this clause" with "this Schedule" in the text runs, in place."""
    for index, run in enumerate(runs):
        if run.kind == "text" and THIS_CLAUSE.search(run.value):
            runs[index] = Run("text", THIS_CLAUSE.sub("this Schedule", run.value))
