"""The money, scope and parties wording read back from the written drafts (.docx and twin):
contributions are paid to the Host Partner for the month they cover; one VAT clause keeps each
Partner's own VAT regime; an Overspend on a Scheme shared between areas is shared by
contributions to that Scheme; later changes go through the variation clause; a single
arrangement is not described as a choice; a unitary council is the local housing authority for
the Disabled Facilities Grant; and the parties are described by statute and capacity."""

from __future__ import annotations

import io
import re

import docx
from conftest import ROOT

from generator.pipeline import Settings, process

CITY = ROOT / "schemes/city-of-london.yaml"
STAFFS = ROOT / "schemes/staffordshire/older-people.yaml"
SOUTHAMPTON = ROOT / "schemes/southampton-bcf-2017.yaml"
NORTH_YORKSHIRE = ROOT / "schemes/north-yorkshire-healthy-child.yaml"


def built(library, path) -> tuple[str, str]:
    """Return the agreement's Markdown twin and the text of its .docx paragraphs, joined."""
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    files = result.built[0].files
    twin = files[next(n for n in files if n.endswith(".md"))].decode("utf-8")
    document = docx.Document(io.BytesIO(files[next(n for n in files if n.endswith(".docx"))]))
    return twin, "\n".join(p.text for p in document.paragraphs)


def numbered(twin: str, start: str) -> tuple[str, str]:
    """Return the number and text of the one twin paragraph that begins with `start`."""
    found = re.findall(rf"^(\d+\.\d+) ({re.escape(start)}.*)$", twin, re.M)
    assert len(found) == 1, (start, found)
    return found[0]


def clause(body: str, title: str) -> str:
    """Return the text of one clause of the .docx, from its heading to the next heading."""
    part = re.split(rf"^\d+\.\s*{re.escape(title)}$|^{re.escape(title)}$", body, flags=re.M)
    assert len(part) > 1, title
    return re.split(r"^\d+\.\s+[A-Z][^\n]{0,60}$", part[1], maxsplit=1, flags=re.M)[0]


def test_contributions_are_paid_to_the_host_partner_for_the_month_they_cover(library):
    twin, body = built(library, CITY)
    payment, text = numbered(twin, "Each Partner other than the Host Partner shall pay")
    assert "each for the month in which it falls due and paid on or before the 15th day of " \
        "that month" in text
    assert "in advance" not in text
    _, rollover = numbered(twin, "If the Partners have not agreed the Financial Contributions")
    assert f"paid to the Host Partner in accordance with clause {payment}" in rollover
    assert "paid to another Partner" not in body
    # the yearly record has the formality the variation clause's exception relies on
    assert re.search(r"referring expressly to this Agreement and signed by an authorised "
                     r"signatory of each Partner; that record updates paragraph 1 of Schedule "
                     r"1 without a further variation, as clause \d+\.\d+ provides", body)


def test_one_vat_clause_keeps_each_partners_own_vat_regime(library):
    twin, body = built(library, CITY)
    assert "VAT Advice" not in body  # the scheme's second VAT clause is gone
    assert body.count("The Partners shall comply with all Law and HMRC guidance on VAT") == 1
    assert "in the exercise of a Partner’s Functions shall be treated for VAT purposes in " \
        "accordance with the VAT regime that applies to that Partner" in body
    assert "in accordance with the VAT regime that applies to it, unless" not in body
    assert "before the Pooled Fund first receives Financial Contributions" not in body


def test_the_city_overspend_rules_are_stated_once(library):
    twin, body = built(library, CITY)
    assert "before asking either Partner for more money" not in body
    assert "agreed afresh for each Financial Year" not in body
    assert re.search(r"Any adjustment the Partners agree takes effect only by a variation under "
                     r"clause \d+", body)
    assert "Chief Finance Officer or any other officer" not in body  # not the CFO itself


def test_an_overspend_on_a_shared_scheme_is_shared_by_contributions_to_that_scheme(library):
    twin, body = built(library, STAFFS)
    assert "An Overspend on a Scheme commissioned for no single area is met from the sources " \
        "of the whole Pooled Fund" not in body
    assert "additional contributions in proportion to the Partners’ Financial Contributions " \
        "to the Scheme which is overspent" in body
    assert "none held for the Schemes shared between areas is used for an area" in body
    assert "new joint schemes agreed by the Partnership Board" not in body
    assert re.search(r"new Schemes which the Partners agree by a variation under clause \d+, on "
                     r"the recommendation of the Partnership Board", body)
    # each area Scheme serves only the Eligible Persons of its area
    assert "the Services under that Scheme are provided only to those Eligible Persons who " \
        "belong to that area" in body


def test_the_lead_commissioner_reports_through_the_performance_schedule(library):
    twin, body = built(library, STAFFS)
    _, reports = numbered(twin, "The Lead Commissioner shall report in writing")
    assert re.search(r"in the way the paragraph of Schedule \d+ headed “Reports by the Lead "
                     r"Commissioner” provides", reports)
    assert "Each report under clause" not in body  # no second list of what a report covers
    assert "Reports by the Lead Commissioner" in body  # the paragraph pointed to exists
    assert "regulations 8 and 9 of the Regulations (as they apply)" not in body
    assert "Lead commissioning under regulation 9 of the Regulations" in body


def test_a_single_arrangement_is_not_described_as_a_choice(library):
    twin, body = built(library, SOUTHAMPTON)
    assert "Every Scheme uses that arrangement, as its Scheme Specification states." in body
    assert "A Scheme may use more than one of them" not in body
    assert "pooled or aligned" not in body
    assert "Part 1 of the Housing Grants, Construction and Regeneration Act 1996 (grants for " \
        "disabled facilities)" in body
    assert "The Council is the local housing authority for its area" in body
    assert "passed to, or used by, the local housing authority or authorities" not in body
    assert "Children and Families Act 2014" not in body


def test_the_parties_are_described_by_statute_and_capacity(library):
    twin, body = built(library, CITY)
    assert "a clinical commissioning group established under section 14D of the National " \
        "Health Service Act 2006" in body
    assert "in its capacity as a local authority (and not in its capacity as police authority" \
        in body
    assert "whose principal office is at 3rd Floor, Hackney Service Centre" in body


def test_permitted_expenditure_and_non_financial_changes_follow_the_arrangements(library):
    twin, body = built(library, NORTH_YORKSHIRE)  # lead commissioned, no pool
    assert "Permitted Expenditure" not in body
    assert re.search(r"Any change to the Non-Financial Contributions, or any addition to them, "
                     r"takes effect only by a variation made in accordance with clause \d+", body)
    assert "A reference to a paragraph of a Schedule is to that paragraph of the Schedule in " \
        "which the reference appears" in body
