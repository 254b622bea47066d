"""A solicitor's review of the Southampton, City of London and Staffordshire drafts: each point
is read back from the Word file of a built agreement (the committed schemes, or one changed in a
temporary folder), never from the generator's own structures."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from conftest import ROOT

SOUTHAMPTON = ROOT / "schemes" / "southampton-bcf-2017.yaml"
CITY = ROOT / "schemes" / "city-of-london.yaml"
OLDER = ROOT / "schemes" / "staffordshire" / "older-people.yaml"
CHILDREN = ROOT / "schemes" / "staffordshire" / "children.yaml"


def build(scheme: Path, out: Path) -> str:
    """Return the text of the agreement built from `scheme`, read back from its .docx, without
    its drafting notes (one paragraph a line)."""
    from generator.cli import main

    assert main(["build", str(scheme), "--doc", "section75", "--out", str(out)]) == 0
    folder = next(p for p in out.iterdir() if p.is_dir())
    document = docx.Document(str(folder / "section75-agreement.docx"))
    lines = [p.text for p in document.paragraphs if p.style.name != "Drafting Note"]
    return "\n".join(" ".join(line.split()) for line in lines)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, str]:
    out = {}
    for name, scheme in (("southampton", SOUTHAMPTON), ("city", CITY), ("older", OLDER),
                         ("children", CHILDREN)):
        out[name] = build(scheme, tmp_path_factory.mktemp(name))
    return out


def test_lead_commissioning_takes_effect_only_once_delegated_with_a_fallback(drafts):
    text = drafts["older"]
    assert re.search(r"The arrangements in clause \d+\.1 take effect for a Partner’s Functions "
                     r"only when that Partner has made the decision and the delegations its "
                     r"constitution requires", text)
    assert "that Partner continues to exercise those Functions itself" in text
    assert "the Lead Commissioner shall not commit that Partner’s Financial Contributions" in text
    assert "if it proposes to withdraw or change a decision or delegation" in text


def test_officers_commit_funding_only_under_a_statutory_route(drafts):
    for name in ("southampton", "older"):
        text = drafts[name]
        assert "have authority over the funding" not in text
        assert "section 113 of the Local Government Act 1972" in text
        assert "payments out of the Pooled Fund are authorised by the Pooled Fund Manager" in text
    assert "committed by officers of the Lead Commissioner" in drafts["older"]
    assert "committed by officers of the Lead Commissioner" not in drafts["southampton"]


def test_the_pool_has_a_payment_mechanism_and_reports_to_each_finance_officer(drafts):
    text = drafts["southampton"]
    assert "Payments out of the Pooled Fund shall be made as follows:" in text
    assert "certified as Permitted Expenditure" in text
    assert "claims the amount from the Pooled Fund monthly in arrears" in text
    assert "a statement of the instalments due for that Financial Year" in text
    assert ("The Pooled Fund Manager shall give the Partnership Board, and at the same time the "
            "chief finance officer of each Partner (for a local authority, the officer "
            "responsible for its financial affairs under section 151 of the Local Government "
            "Act 1972)") in text


def test_grant_conditions_prevail_over_virement_and_underspends(drafts):
    text = drafts["southampton"]
    assert ("Where any part of a Partner’s Financial Contributions is funded from a grant paid "
            "to it on conditions, including the public health grant") in text
    assert "The conditions of the grant prevail over every other provision" in text
    virement = re.search(r"Every virement is subject to clause (\d+\.\d+)\.", text)
    underspend = re.search(r"This clause is subject to clause (\d+\.\d+)\.", text)
    assert virement and underspend and virement[1] == underspend[1]


def test_shared_overspends_are_capped_unless_approved(drafts):
    assert "which together exceed 5 per cent of its Financial Contributions" \
        in drafts["southampton"]
    # each Partner bears its own Overspends in the City of London: nothing to cap
    assert "per cent of its Financial Contributions to the Pooled Fund" not in drafts["city"]


def test_virement_and_underspends_stop_at_the_area_boundary(drafts):
    text = drafts["older"]
    assert ("Money may be moved from one pooled Scheme to another, other than as clause 15 "
            "provides for Overspends and Underspends, only with the prior written agreement of "
            "every Partner which contributes to either Scheme") in text
    assert "may be used only for the Schemes for that area" in text
    assert "Scheme for one area" not in drafts["southampton"]


def test_the_budget_timetable_is_stated_once(drafts):
    text = drafts["southampton"]
    assert len(re.findall(r"by 1 October", text)) == 1
    assert "They are not repeated in this Schedule." in text


def test_the_better_care_fund_minimum_is_not_pulled_in_whole(drafts):
    text = drafts["older"]
    assert "shall include at least the amounts" not in text
    assert "this Agreement does not require it to contribute that part again" in text


def test_southampton_replaces_the_existing_agreement_with_transitional_terms(drafts):
    text = drafts["southampton"]
    assert ("This Agreement replaces the existing section 75 agreement between the Partners for "
            "the Better Care Fund (the “Previous Agreement”) with effect from the Commencement "
            "Date") in text
    assert "Although it is made after the Commencement Date, this Agreement takes effect" in text
    assert "whether or not under the Previous Agreement" in text


def test_a_scheme_dated_on_its_commencement_without_an_earlier_agreement_has_neither(tmp_path):
    scheme = tmp_path / "southampton-plain.yaml"
    text = SOUTHAMPTON.read_text("utf-8")
    text = re.sub(r"agreement_date: .*\n", "agreement_date: 2017-04-01\n", text)
    text = re.sub(r"^replaces: .*\n", "", text, flags=re.M)
    scheme.write_text(text.replace("id: southampton-bcf-2017", "id: plain"), "utf-8")
    built = build(scheme, tmp_path / "out")
    assert "Previous Agreement" not in built
    assert "Although it is made after the Commencement Date" not in built


def test_the_consultation_recital_is_a_point_to_confirm_in_a_draft(drafts):
    assert ("[Before entering into this Agreement, the Partners jointly consulted the people who "
            "appeared to them to be likely to be affected by the arrangements in it.] [Confirm "
            "that the joint consultation has taken place") in drafts["southampton"]


def test_the_disabled_facilities_grant_duty_is_not_fettered(drafts):
    text = drafts["southampton"]
    assert "This does not apply to disabled facilities grants" in text
    assert ("no business case, plan, budget or approval under this Agreement is a condition of "
            "deciding or paying such a grant") in text


def test_council_decisions_respect_executive_arrangements_and_access_to_information(drafts):
    text = drafts["southampton"]
    assert "only where the executive has delegated it to that member under section 9E" in text
    assert "the Local Authorities (Executive Arrangements) (Meetings and Access to Information) " \
           "(England) Regulations 2012" in text
    assert "the notice in its forward plan of any key decision" in text


def test_southampton_states_a_limit_for_the_ccg(drafts):
    assert ("NHS Southampton City Clinical Commissioning Group: up to £2,000,000 (illustrative "
            "only) for any one decision") in drafts["southampton"]


def test_staffordshire_eligibility_has_an_ordinary_residence_limb(drafts):
    assert "for the County Council’s functions, ordinarily resident in Staffordshire" \
        in drafts["older"]
    assert "under 18 who are ordinarily resident in Staffordshire" in drafts["children"]
    assert "hospital discharge services for older people" in drafts["older"]


def test_staffordshire_constitutes_the_board_rather_than_establishing_the_existing_group(drafts):
    text = drafts["older"]
    assert "Integrated Commissioning Executive Group established in accordance" not in text
    assert "the Partners constitute the Partnership Board under clause" in text
    assert "The substitute counts towards the quorum and may speak and vote" not in text


def test_the_seal_block_reads_the_corporate_name_inside_the_sentence(drafts):
    assert ("The common seal of the Mayor and Commonalty and Citizens of the City of London was "
            "affixed to this Agreement") in drafts["city"]
