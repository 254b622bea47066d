"""A party of a kind abolished during the term (a clinical commissioning group after 30 June
2022, a Primary Care Trust after 31 March 2013): the assignment clause says how the agreement
continues with the body its functions pass to, one subclause per such party, and a drafting
note tells the lawyers why; an agreement whose parties outlast its term has neither."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from conftest import ROOT

from generator.pipeline import Settings, load_project_library, process

SCHEMES = ROOT / "schemes"


@pytest.fixture(scope="module")
def library():
    library, problems = load_project_library(ROOT, ROOT)
    assert not problems
    return library


def agreement_text(library, name: str) -> tuple[list[str], str]:
    """Return the paragraphs of the scheme's agreement as python-docx reads them, and the text
    of its Word comments (the drafting notes)."""
    result = process(SCHEMES / name, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    files = result.built[0].files
    data = files[next(n for n in files if n.endswith(".docx"))]
    document = docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        notes = package.read("word/comments.xml").decode("utf-8")
    return [p.text for p in document.paragraphs], notes


def test_a_ccg_whose_term_runs_past_june_2022_is_succeeded_by_the_body_taking_its_functions(
        library):
    paragraphs, notes = agreement_text(library, "north-yorkshire-healthy-child.yaml")
    at = next(i for i, text in enumerate(paragraphs) if text.startswith(
        "If the CCG ceases to exist during the Term and any of its functions relevant to this "
        "Agreement pass by or under Law to another body"))
    items = paragraphs[at + 1:at + 5]
    assert items[0].startswith("that body is a Partner in place of the CCG")
    assert "to its Governing Body and officers" in items[1]
    assert items[2].startswith("each Scheme, Financial Contribution, contract and delegation")
    assert items[3].startswith("the Partners shall make, within 3 months, any variation under "
                               "clause 16")
    assert "clinical commissioning groups" in notes and "Health and Care Act 2022" in notes


def test_each_abolished_party_gets_its_own_succession_subclause(library):
    paragraphs, notes = agreement_text(library, "berkshire-community-equipment.yaml")
    starts = [text.split(" ceases")[0] for text in paragraphs if " ceases to exist during the "
              "Term and any of its functions" in text]
    assert starts == ["If NHS Berkshire East", "If NHS Berkshire West"]
    assert "Health and Social Care Act 2012" in notes


def test_parties_that_outlast_the_term_need_no_succession_subclause(library):
    paragraphs, notes = agreement_text(library, "southampton-bcf-2017.yaml")
    assert not [text for text in paragraphs if "ceases to exist during the Term" in text]
    assert "abolished during the Term" not in notes
