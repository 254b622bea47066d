"""Each governance rule is stated once in the drafts and referred to elsewhere: the reporting
timetable, the quorum and decision rule, the route to change the terms of reference, survival
after termination. Also: per-party delegated limits, decisions through a named committee,
"the other Partner" in a two-party draft, and eligibility fixed by the agreement. Read from the
Markdown twins the build writes (the .docx numbers its paragraphs through Word's numbering, so
the twin is where the numbers that cross-references print can be read)."""

from __future__ import annotations

import re
import textwrap

import pytest
from conftest import ROOT

from generator.pipeline import Settings, process

SOUTHAMPTON = "schemes/southampton-bcf-2017.yaml"
CITY = "schemes/city-of-london.yaml"
OLDER = "schemes/staffordshire/older-people.yaml"
SCHEMES = [SOUTHAMPTON, CITY, OLDER, "schemes/croydon-icu.yaml"]


def twin(library, scheme: str, document: str = "section75") -> list[str]:
    """Return the paragraphs of the Markdown twin of one of the scheme's built documents."""
    result = process(ROOT / scheme, library, Settings(ROOT), "all", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    built = next(b for b in result.built if b.document == document)
    text = next(v for n, v in built.files.items() if n.endswith(".md"))
    text = text.decode() if isinstance(text, bytes) else text
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def agreement(library, scheme: str) -> list[str]:
    """Return the paragraphs of the scheme's built agreement."""
    return twin(library, scheme)


def containing(paragraphs: list[str], pattern: str) -> list[str]:
    """Return the paragraphs in which the regular expression `pattern` occurs."""
    return [p for p in paragraphs if re.search(pattern, p)]


def number(paragraph: str) -> str:
    """Return the paragraph number a paragraph starts with ("2.1")."""
    return paragraph.split(" ", 1)[0]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_reporting_timetable_is_stated_once(library, scheme):
    paragraphs = agreement(library, scheme)
    quarterly = containing(paragraphs, r"Working Days after the end of (each|that) Quarter, the "
                                       r"Partners shall present")
    assert len(quarterly) == 1
    assert containing(paragraphs, r"Working Days after the end of (each|that) Quarter") == [
        quarterly[0], *containing(paragraphs, r"information it holds that is needed")]
    annual = containing(paragraphs, r"months? after the end of each Financial Year, the Partners "
                                    r"shall prepare an annual report")
    assert len(annual) == 1
    assert not containing(paragraphs, r"shall report on [^.]*at least once (a year|in each "
                                      r"Financial Year)")
    # The performance management clause refers to the schedule for the reports, and does not
    # restate when they are made.
    assert len(containing(paragraphs, r"The Partners shall report on the performance and the "
                                      r"financial position of the Schemes, [^.]*as Schedule \d+ "
                                      r"provides")) == 1
    assert not containing(paragraphs, r"each Quarter, and on the operation of this Agreement")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_one_underperformance_procedure_and_one_rule_for_the_measures(library, scheme):
    paragraphs = agreement(library, scheme)
    plans = containing(paragraphs, r"remedial action plan|improvement plan")
    assert not containing(paragraphs, r"improvement plan")
    remedial = containing(paragraphs, r"the Partnership Board shall require a remedial action plan")
    assert len(remedial) == 1 and len(plans) >= 2
    section = number(remedial[0]).split(".")[0]
    assert containing(paragraphs, rf"the remedial action procedure in paragraph {section} of "
                                  r"Schedule \d+ applies")
    # The measures are agreed and changed by the Partnership Board, recorded in its minutes:
    # nothing asks for them to be signed for each Partner.
    assert len(containing(paragraphs, r"The Partnership Board may change the performance "
                                      r"measures")) == 1
    assert not containing(paragraphs, r"performance measures[^.]*signed on behalf")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_data_protection_rules_are_in_the_protocol_only(library, scheme):
    paragraphs = agreement(library, scheme)
    assert len(containing(paragraphs, r"within 24 hours")) == 1
    assert len(containing(paragraphs, r"enquir(y|ies) from the Information Commissioner")) == 1
    assert len(containing(paragraphs, r"shall review this protocol|shall review that "
                                      r"protocol")) == 1
    assert len(containing(paragraphs, r"information governance protocol in Schedule \d+")) >= 1
    assert not containing(paragraphs, r"information sharing (protocol|arrangements agreed)")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quorum_and_decision_rule_in_the_governance_schedule_only(library, scheme):
    paragraphs = agreement(library, scheme)
    assert len(containing(paragraphs, r"The quorum for a meeting of the Partnership Board is")) == 1
    assert len(containing(paragraphs, r"Decisions at meetings of the Partnership Board")) == 1
    governance = containing(paragraphs, r"The Partnership Board meets, reaches a quorum and takes "
                                        r"decisions as paragraphs 3 and 4 of Schedule \d+ provide")
    assert len(governance) == 1


@pytest.mark.parametrize("scheme", SCHEMES)
def test_one_route_to_change_the_terms_of_reference(library, scheme):
    paragraphs = agreement(library, scheme)
    changes = containing(paragraphs, r"shall review its Terms of Reference")
    assert len(changes) == 1
    assert "takes effect only when every Partner has approved it" in changes[0]
    assert containing(paragraphs, rf"changed only as paragraph {number(changes[0])} of Schedule")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_one_survival_clause(library, scheme):
    paragraphs = agreement(library, scheme)
    survival = containing(paragraphs, r"accrued")
    assert len(survival) == 1
    assert "continue in force" in survival[0]
    assert containing(paragraphs, rf"clause {re.escape(number(survival[0]))} sets out the rights "
                                  r"and provisions which continue")
    assert not containing(paragraphs, r"Part of a Schedule")


def test_southampton_limit_belongs_to_the_council(library):
    paragraphs = agreement(library, SOUTHAMPTON)
    assert containing(paragraphs, r"\(a\) Southampton City Council: up to £2,000,000 for any one "
                                  r"decision, and only when all three Cabinet Members on the "
                                  r"Board agree; and")
    assert containing(paragraphs, r"\(b\) NHS Southampton City Clinical Commissioning Group: up "
                                  r"to £2,000,000")
    assert containing(paragraphs, r"Any decision beyond a Partner['’]s limit or authority shall "
                                  r"be referred")
    assert not containing(paragraphs, r"The authority the Partners delegate for decisions")
    tor = twin(library, SOUTHAMPTON, "tor")
    assert any("Southampton City Council: up to £2,000,000 for any one decision, and only when all "
            "three Cabinet Members on the Board agree;" in p for p in tor)


def test_city_members_decide_through_their_committee(library):
    paragraphs = agreement(library, CITY)
    through = containing(paragraphs, r"do not take decisions individually")
    assert len(through) == 1
    assert containing(paragraphs, r"\(a\) City of London Corporation: its Community and "
                                  r"Children['’]s Services Committee\.")
    assert containing(paragraphs, rf"for a Partner named in clause {number(through[0])}, to the "
                                  r"committee or officer named there")


@pytest.mark.parametrize("scheme", [SOUTHAMPTON, CITY])
def test_two_party_drafts_name_the_other_partner(library, scheme):
    paragraphs = agreement(library, scheme)
    assert containing(paragraphs, r"\bthe other Partner\b")
    # Only the finance and data protection clauses, outside this library's governance part,
    # may still say "each other Partner".
    left = containing(paragraphs, r"[Ee]ach other Partner")
    assert all(re.search(r"auditors|personal data|data subjects", p) for p in left), left


def test_many_party_drafts_keep_each_other_partner(library):
    assert containing(agreement(library, OLDER), r"to each other Partner")


def test_eligibility_is_fixed_and_reserved_matters_are_not_approved_by_the_board(library):
    paragraphs = agreement(library, OLDER)
    assert containing(paragraphs, r"The Eligible Persons are fixed by this Agreement and the "
                                  r"Scheme Specifications, and not by any decision of the "
                                  r"Partnership Board")
    assert containing(paragraphs, r"The Partnership Board may recommend changes to the Services "
                                  r"or to the description of the Eligible Persons\. Any change "
                                  r"to them is reserved to the Partners under clause \d+\.\d+")
    assert not containing(paragraphs, r"Partnership Board (shall|may) (approve|decide)")
    assert not containing(paragraphs, r"where the Partnership Board agrees that they")
    assert not containing(paragraphs, r"to whom the Services under this Scheme are provided")


def test_scheme_text_can_print_a_partners_own_limit(library, tmp_path):
    path = tmp_path / "scheme.yaml"
    path.write_text(f"extends: {ROOT / SOUTHAMPTON}\n" + textwrap.dedent("""\
        board:
          delegated_limits:
            the Council: 2000000
        changes:
          add:
            - after: governance
              title: Cabinet Members' Authority
              text: The Council's Cabinet Members may commit up to
                [[money:delegated_limit:the Council]] in any one decision.
              reason: Our agreement says so in the body.
        """), encoding="utf-8")
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    twin_text = next(v for n, v in result.built[0].files.items() if n.endswith(".md")).decode()
    assert "Cabinet Members may commit up to £2,000,000 in any one decision." in twin_text


def test_a_partner_without_its_own_limit_is_a_located_error(library, tmp_path):
    path = tmp_path / "scheme.yaml"
    path.write_text(f"extends: {ROOT / SOUTHAMPTON}\n" + textwrap.dedent("""\
        board:
          delegated_limits:
            the Council: 2000000
        changes:
          add:
            - after: governance
              title: CCG Authority
              text: The CCG's members may commit up to [[money:delegated_limit:the CCG]].
              reason: Testing.
        """), encoding="utf-8")
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert not result.ok and not result.built
    found = [d.format() for d in result.diagnostics if d.severity == "error"]
    assert len(found) == 1
    assert found[0].startswith(f"{path}:9:48: error[markup-unknown]: "), found  # the mark
    assert ("refers to the delegated limit of the CCG, which `board: delegated_limits:` does "
            "not give (it gives: Southampton City Council)") in found[0]
