"""Text a scheme writes (a replaced or added clause, a definition, its lists) prints with curly
quotes and apostrophes like the library's own, read back from the written .docx; the `[[...]]`
references in it still resolve."""

from __future__ import annotations

import io

import docx
from conftest import ROOT

from generator.pipeline import Settings, process

MINIMAL = ROOT / "tests/cases/pooled-fund-minimal/scheme.yaml"
CHANGES = """
services:
  - Reablement at home
  - The Council's step-down beds
vocabulary:
  definitions:
    - term: Discharge Plan
      meaning: the plan agreed for each person's discharge, known as the "home first" plan
changes:
  add:
    - after: review
      title: The ICB's Own Review
      text: >-
        The ICB's "quarterly check" of the [[term:Pooled Fund]] is made under clause
        [[clause:review]], and 'each' report says so.
      reason: Our own review.
"""


def paragraphs(library, scheme_file) -> list[str]:
    """Return the paragraphs of the minimal agreement with the scheme text above added."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("services:\n  - Reablement at home\n  - Step-down beds for people "
                        "leaving hospital\n", "")
    path = scheme_file(text + CHANGES)
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    files = result.built[0].files
    document = docx.Document(io.BytesIO(files[next(n for n in files if n.endswith(".docx"))]))
    return [p.text for p in document.paragraphs]


def test_scheme_text_prints_curly_quotes_and_keeps_its_references(library, scheme_file):
    body = paragraphs(library, scheme_file)
    added = next(p for p in body if p.startswith("The ICB\u2019s \u201cquarterly check\u201d"))
    assert added.startswith("The ICB\u2019s \u201cquarterly check\u201d of the Pooled Fund is "
                            "made under clause ")
    assert added.endswith(", and \u2018each\u2019 report says so.")
    assert "The ICB\u2019s Own Review" in body  # the added clause's title
    assert any("each person\u2019s discharge, known as the \u201chome first\u201d plan" in p
               for p in body)
    assert any(p.startswith("The Council\u2019s step-down beds") for p in body)
    assert not any("'" in p or '"' in p for p in body), [p for p in body if "'" in p or '"' in p]


def test_no_committed_draft_prints_a_straight_quote():
    twins = [p for p in (ROOT / "output").glob("*/*.md")
             if not p.name.endswith(".deviations.md")]
    assert len(twins) >= 14
    straight = {str(p.relative_to(ROOT)): [
        line for line in p.read_text(encoding="utf-8").splitlines() if "'" in line or '"' in line]
        for p in twins}
    assert {name: lines for name, lines in straight.items() if lines} == {}
