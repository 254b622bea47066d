"""Rules on what an assembled draft says: the recitals the Regulations' preconditions call for,
no placeholder left in a final document, and a periodic review in a long agreement. Each reads
the Draft as the Markdown twin prints it, so scheme text and library text are judged alike."""

from __future__ import annotations

import datetime
import re

from generator.checks.registry import DocumentSubject, check
from generator.diagnostics import Diagnostic, Loc, error, warning
from generator.model.draft import Clause, Draft, Paragraph, Run
from generator.model.scheme import SchemeModel
from generator.writers.markdown import clause_blocks

PLACEHOLDER = re.compile(r"\[(?:insert|tbc|tba|tbd|●|•|\s*)[^\]]*\]|\b(?:TBC|TBA|TBD|XXX+)\b|"
                         r"TO FILL", re.IGNORECASE)
CONSULTATION = re.compile(r"\bconsult", re.IGNORECASE)
IMPROVEMENT = re.compile(r"\bimprove", re.IGNORECASE)
LONG_TERM_YEARS = 10


def clause_text(clause: Clause, draft: Draft) -> str:
    """Return the clause as the Markdown twin prints it, drafting notes left out."""
    blocks = [b for b in clause_blocks(clause, draft) if not b.lstrip().startswith(">")]
    return "\n".join(blocks)


def _written_at(clause: Clause, scheme: SchemeModel) -> Loc:
    """Return where the scheme wrote a clause's text (the `text:` of its replacement), else
    the scheme line that supplied it, else the scheme's `status:` line."""
    for change in scheme.changes:
        if change.kind == "replace" and change.target == clause.id and change.writes_text:
            return change.at("text")
    source = clause.source
    if source is not None and source.layer not in ("vanilla", "local"):
        return Loc(source.file, source.line)
    return scheme.at("status")


@check("document", ("placeholder-in-final",))
def placeholders_in_final(subject: DocumentSubject) -> list[Diagnostic]:
    """Return an error for each clause of a final document that still holds a placeholder
    ("[insert …]", "TBC", "XXX", "TO FILL")."""
    if subject.scheme.status != "final":
        return []
    out = []
    draft = subject.draft
    for clause in draft.front + draft.clauses + draft.schedules:
        found = PLACEHOLDER.search(clause_text(clause, draft))
        if found:
            out.append(error(_written_at(clause, subject.scheme), "placeholder-in-final",
                             f"“{found.group()}” is left in “{clause.title}”, and this scheme's "
                             "status is final: complete the text, or keep the status draft"))
    return out


@check("document", ("recitals-missing",), documents=("section75",))
def recitals_of_the_preconditions(subject: DocumentSubject) -> list[Diagnostic]:
    """Return a warning for each precondition of partnership arrangements (joint consultation,
    likely improvement) that the agreement's recitals do not record."""
    draft = subject.draft
    recitals = "\n".join(clause_text(c, draft) for c in draft.front)
    missing = [what for what, pattern in (("the Partners' joint consultation of the people "
                                            "affected", CONSULTATION),
                                           ("that the arrangements are likely to improve the "
                                            "way the functions are exercised", IMPROVEMENT))
               if not pattern.search(recitals)]
    written = next((c for c in draft.front if c.id == "recitals"), None)
    where = _written_at(written, subject.scheme) if written else subject.scheme.at("id")
    return [warning(where, "recitals-missing",
                    f"the recitals do not record {what}, which the Partners must have done "
                    "or be satisfied of before entering into the arrangements: add it to the "
                    "recitals")
            for what in missing]


def term_years(scheme: SchemeModel) -> float | None:
    """Return how many years the agreement can run for, with its extensions (infinity when it
    rolls on), or None when the scheme does not say."""
    term = scheme.term
    if term.rolling:
        return float("inf")
    if term.initial_years is not None:
        return float(term.initial_years + (term.extension_years or 0))
    start = scheme.commencement_date
    if term.end is not None and isinstance(start, datetime.date):
        return (term.end - start).days / 365.25
    return None


@check("document", ("long-term-no-review",), documents=("section75",))
def review_in_a_long_agreement(subject: DocumentSubject) -> list[Diagnostic]:
    """Return a warning when an agreement that can run for more than ten years has no clause
    providing for its periodic review."""
    years = term_years(subject.scheme)
    if years is None or years <= LONG_TERM_YEARS:
        return []
    draft = subject.draft
    reviewed = any(c.id == "review" and not c.not_used and
                   re.search(r"\breview", "\n".join(clause_text(c, draft).split("\n")[1:]),
                             re.IGNORECASE)
                   for c in draft.clauses)  # the clause's words, its heading left out
    if reviewed:
        return []
    length = "rolls on from year to year" if years == float("inf") else \
        f"can run for {round(years)} years"
    return [warning(subject.scheme.term.loc, "long-term-no-review",
                    f"the agreement {length} but no clause provides for its periodic review: "
                    "keep the review clause, or write a review into its replacement")]


WORD_CHAR = re.compile(r"[\w-]")


def _uses(term: str, text: str) -> int:
    """Return how often `term` (or its singular, plural or possessive) occurs in `text` as
    whole words."""
    stem = term[:-1] if term.endswith("s") else term  # a plural term used in the singular
    # The literal comes first so the search can skip ahead to it; the word boundary before it
    # is checked by hand (a look-behind first would make the search try every position).
    pattern = re.compile(re.escape(stem) + r"(?:s|’s|'s|s’)?(?![\w-])")
    return sum(1 for match in pattern.finditer(text)
               if match.start() == 0 or not WORD_CHAR.match(text[match.start() - 1]))


@check("document", ("defined-term-unused",))
def defined_terms_used(subject: DocumentSubject) -> list[Diagnostic]:
    """Return a warning for each term a document defines in its definitions but never uses
    anywhere else in its text (drafting notes left out)."""
    draft = subject.draft
    clauses = draft.front + draft.clauses + draft.schedules
    text = "\n".join(clause_text(c, draft) for c in clauses).replace("**", "")
    out = []
    for clause in clauses:
        for paragraph in _paragraphs(clause):
            for definition in paragraph.definitions:
                if _uses(definition.term, text) <= 1:
                    out.append(warning(
                        _term_at(definition.term, clause, subject.scheme),
                        "defined-term-unused",
                        f"“{definition.term}” is defined in “{clause.title}” but used nowhere "
                        "else in the document: take the definition out, or use the term"))
    plain = re.sub(r"\\(.)", r"\1", text)  # as printed, without the twin's escapes
    for clause in draft.clauses + draft.schedules:
        for paragraph in _paragraphs(clause):
            own = _paragraph_text(paragraph)
            for run in _runs(paragraph):
                if run.kind == "term" and _uses(run.value, plain) - _uses(run.value, own) < 1:
                    out.append(warning(
                        _term_at(run.value, clause, subject.scheme), "defined-term-unused",
                        f"“{run.value}” is defined in “{clause.title}” but used nowhere "
                        "outside the sentence that defines it: take the definition out, or "
                        "use the term"))
    return out


def _runs(paragraph: Paragraph) -> list[Run]:
    """Return the runs of a paragraph and of its items, at every depth."""
    runs = list(paragraph.runs)
    pending = list(paragraph.items)
    while pending:
        item = pending.pop()
        runs += item.runs
        pending += item.items
    return runs


def _paragraph_text(paragraph: Paragraph) -> str:
    """Return the plain text of a paragraph and its items."""
    return " ".join(run.value for run in _runs(paragraph))


def _paragraphs(clause: Clause) -> list[Paragraph]:
    """Return a clause's paragraphs and those of its sections."""
    return clause.paragraphs + [p for section in clause.sections for p in section.paragraphs]


def _term_at(term: str, clause: Clause, scheme: SchemeModel) -> Loc:
    """Return where the scheme defines `term` (its vocabulary entry or party group), else
    where it wrote the clause that defines it."""
    vocabulary = scheme.vocabulary
    if vocabulary is not None:
        for added in vocabulary.definitions:
            if added.term == term:
                return added.loc
        for group in vocabulary.groups:
            if group.name == term:
                return group.loc
        for rename in vocabulary.renames:
            if term in (rename.singular, rename.plural):
                return rename.loc
    return _written_at(clause, scheme)
