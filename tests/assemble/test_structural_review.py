"""A solicitor's structural points on the drafts, each built for real and its .docx read back
with python-docx: a list of one item is one sentence; the joint working schedule is called up
by a clause and leaves to the clauses what they already say, with one rule for changing
contracts; an Insurance clause, when a scheme includes it, takes the insurance obligation out of
the liabilities clause (clause text asking `included()`); the Scheme Specifications state their
services and access routes, with the illustrative-figures placeholder beside the figures; the
governance schedule is the Terms of Reference, deferring to no other document."""

from __future__ import annotations

import io
import textwrap

import docx
from conftest import ROOT

from generator.pipeline import Settings, process

SCHEMES = ROOT / "schemes"
NORTH_YORKSHIRE = SCHEMES / "north-yorkshire-healthy-child.yaml"
CROYDON = SCHEMES / "croydon-icu.yaml"


def build(library, path):
    """Return the agreement built from `path`, opened with python-docx, asserting it built
    clean."""
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    files = result.built[0].files
    name = next(n for n in files if n.endswith(".docx"))
    return docx.Document(io.BytesIO(files[name]))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def between(body: list[str], start: str, end: str) -> list[str]:
    """Return the paragraphs from the heading `start` up to the heading `end`."""
    first = body.index(start)
    return body[first:body.index(end, first + 1)]


def test_a_list_of_one_item_is_folded_into_its_lead_in(library):
    body = texts(build(library, NORTH_YORKSHIRE))
    assert ("The Eligible Persons are children and young people in North Yorkshire who need "
            "targeted support for their emotional and mental wellbeing.") in body
    assert not any(t.startswith("children and young people in North Yorkshire") for t in body)
    assert any(t.startswith("The NHS Functions which are the subject of the arrangements in this "
                            "Agreement are the functions of the CCG under sections 3 and 3A")
               for t in body)
    # a list of two stays a list
    assert "the school-based emotional wellbeing service" in body


def test_the_joint_working_schedule_is_called_up_and_does_not_repeat_the_clauses(library):
    body = texts(build(library, CROYDON))
    assert any(t.startswith("Each Partner shall perform the joint working obligations set out "
                            "in Schedule ") for t in body)
    schedule = between(body, "Joint Working Obligations", "Performance Arrangements")
    text = " ".join(schedule)
    assert "This Schedule sets out the joint working obligations to which clause " in text
    assert "remain employed by that Partner" not in text  # the contributions clause says so
    assert "any serious incident" not in text  # the standards clause says so
    assert "Lead Commissioner" not in text
    # one rule for changing contracts: the Partnership Board's approval, in the clause
    assert "shall consult the other Partner through the Partnership Board before varying" \
        not in text
    assert any(t.startswith("The approval of the Partnership Board needed before a contract for "
                            "the Services is awarded, extended, varied or ended is governed by "
                            "clause ") for t in schedule)


def test_an_included_insurance_clause_takes_insurance_out_of_the_liabilities_clause(
        library, tmp_path):
    plain = texts(build(library, CROYDON))
    assert "Liabilities, Insurance and Indemnity" in plain
    path = tmp_path / "scheme.yaml"
    path.write_text(f"extends: {CROYDON}\n" + textwrap.dedent("""\
        changes:
          include:
            - { clause: insurance, reason: Insurance in a clause of its own. }
        """), encoding="utf-8")
    body = texts(build(library, path))
    assert "Liabilities, Insurance and Indemnity" not in body
    liabilities = " ".join(between(body, "Liabilities and Indemnity", "Insurance"))
    assert "insurance" not in liabilities.lower()
    insurance = body[body.index("Insurance"):]
    assert any(t.startswith("Each Partner shall maintain, for the Term") for t in insurance)
    assert "employers’ liability;" in insurance


def test_scheme_specification_states_its_services_and_access(library):
    body = texts(build(library, NORTH_YORKSHIRE))
    schedule = between(body, "Scheme Specifications", "Aims and Outcomes")
    text = " ".join(schedule)
    assert ("Services: the Services under this Scheme are the targeted emotional wellbeing "
            "service of the Healthy Child Programme and the school-based emotional wellbeing "
            "service.") in schedule
    assert "described in this Scheme Specification" not in text
    assert "arrangements agreed by the Partners" not in text
    assert "referral routes and eligibility criteria set out in the contracts" in text
    assert "for the Financial Year 2022/23" in text and "each Financial Year" not in text.split(
        "The total")[0]
    # the placeholder sits in the contributions paragraph, beside the table, not in the
    # specification below it
    placeholder = next(i for i, t in enumerate(schedule) if t.startswith("[Drafting placeholder"))
    specification = schedule.index("Scheme Specification: Targeted Healthy Child Service")
    assert placeholder < specification


def test_the_governance_schedule_is_the_terms_of_reference(library):
    body = texts(build(library, NORTH_YORKSHIRE))
    schedule = " ".join(between(body, "Governance", "Performance Arrangements")[1:])
    assert "This Schedule is the Terms of Reference of the Partnership Board." in schedule
    assert "in accordance with the Terms of Reference" not in schedule
    assert "so far as the Terms of Reference allow" not in schedule
    assert "fuller Terms of Reference" not in schedule
    assert "shall appoint a chair and a vice-chair from among its voting members" in schedule
    assert "where the Terms of Reference so provide" not in " ".join(body)


def test_not_used_headings_keep_their_number_but_are_set_aside(library):
    document = build(library, NORTH_YORKSHIRE)
    set_aside = [p for p in document.paragraphs
                 if p.style.name == "Heading 1" and p.text == "Not used"]
    assert len(set_aside) == 2
    for paragraph in set_aside:
        assert paragraph.runs and all(r.italic is True and r.bold is False
                                      for r in paragraph.runs)
    real = next(p for p in document.paragraphs
                if p.style.name == "Heading 1" and p.text == "Confidentiality")
    assert all(r.italic is None for r in real.runs)


def test_the_variation_clause_names_where_each_matter_is_amended(library):
    body = texts(build(library, NORTH_YORKSHIRE))
    clause = " ".join(between(body, "Variations", "Standards"))
    assert "update the relevant Scheme Specification" not in clause
    assert "shall amend the clause or Schedule of this Agreement in which that matter is set out" \
        in clause
    # one route for the yearly contributions, named as the exception to the formal rule
    assert clause.count("without a further variation under this clause") == 1
    assert any(t.startswith("Except as clause 16.") and "no variation of this Agreement" in t
               for t in body)
