"""Terms defined in running text (bold, in quotation marks, inside a clause) must be used outside
the sentence that defines them, as terms of the definitions clause must: the rule reads the
assembled draft of a real example, before and after the paragraphs that use the term are taken
out of it."""

from __future__ import annotations

from conftest import ROOT

from generator.assemble.assembly import assemble
from generator.assemble.context import build_context
from generator.checks.content import defined_terms_used
from generator.checks.registry import DocumentSubject
from generator.model.draft import Clause
from generator.pipeline import Settings, process

SCHEME = ROOT / "schemes/southampton-bcf-2017.yaml"


def subject(library) -> DocumentSubject:
    """Return the agreement of the Southampton example, assembled, as the document rules read
    it."""
    result = process(SCHEME, library, Settings(ROOT), "section75", write=False)
    assert result.ok and result.scheme is not None
    values = build_context(result.scheme, library.variables, library.phrases).values
    outline = library.outlines["section75"]
    assembly = assemble(outline, library, result.scheme, values)
    return DocumentSubject(result.scheme, values, library, outline, assembly)


def review(checked: DocumentSubject) -> Clause:
    """Return the draft's review clause, which defines the Annual Review in its first
    paragraph."""
    return next(c for c in checked.draft.clauses if c.id == "review")


def unused(checked: DocumentSubject) -> list[str]:
    """Return the messages of the defined-term-unused warnings for the draft."""
    return [d.message for d in defined_terms_used(checked) if d.code == "defined-term-unused"]


def test_a_term_defined_in_running_text_and_used_later_is_not_reported(library):
    checked = subject(library)
    first = "".join(run.value for run in review(checked).paragraphs[0].runs)
    assert "Annual Review" in first
    assert not [m for m in unused(checked) if "Annual Review" in m]


def test_a_term_used_only_in_the_sentence_that_defines_it_is_reported(library):
    checked = subject(library)
    clause = review(checked)
    clause.paragraphs = clause.paragraphs[:1]  # the definition, with its own uses, alone
    assert unused(checked) == [
        "“Annual Review” is defined in “Review” but used nowhere outside the sentence that "
        "defines it: take the definition out, or use the term"]
