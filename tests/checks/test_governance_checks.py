"""Governance shapes beyond one board of Partners' members: co-chairs, co-opted members from
outside the Partners, an existing committee in place of a new board, and the roles of
integrated provision. Each incoherent input is one located error saying what to write."""

from __future__ import annotations

from conftest import ROOT, shown

BASE = ROOT / "tests" / "cases" / "governance-shapes" / "base.yaml"
SHAPES = ROOT / "tests" / "cases" / "governance-shapes" / "scheme.yaml"

MEMBERS = """
  members:
    - { role: Cabinet Member for Adult Care, party: the Council }
    - { role: Director of Place, party: the ICB }
"""


def check(cli, scheme_file, body: str, base=BASE) -> tuple[int, list[str], str]:
    """Return exit status, output lines and the displayed path of a scheme extending `base`."""
    path = scheme_file(f"extends: {base}\n" + body.lstrip("\n"))
    status, out = cli("check", path)
    return status, out, shown(path)


def test_the_golden_governance_cases_are_clean(cli):
    for case in ("governance-shapes", "governance-existing-committee"):
        status, out = cli("check", f"tests/cases/{case}/scheme.yaml")
        assert status == 0, out
        assert out[-1] == "1 file checked: 0 errors, 0 warnings"


def test_co_chair_must_be_a_members_role(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  chair:
    co_chairs: [Cabinet Member for Adult Care, Director of Placee]
""" + MEMBERS)
    assert status == 1
    assert (f"{path}:4:48: error[chair-not-member]: `Director of Placee` is not the role of any "
            "member of the board. Did you mean `Director of Place`?: each co-chair must be the "
            "`role:` of a voting member, written the same way") in out


def test_co_chair_who_does_not_vote(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  chair:
    co_chairs: [Cabinet Member for Adult Care, Chief Executive]
  members:
    - { role: Cabinet Member for Adult Care, party: the Council }
    - { role: Director of Place, party: the ICB }
    - { role: Chief Executive, organisation: Healthwatch Avonmere }
""")
    assert status == 1
    assert (f"{path}:4:48: error[chair-not-member]: `Chief Executive` is a non-voting member of "
            "the board: each co-chair must be the `role:` of a voting member, written the same "
            "way") in out


def test_co_chairs_with_a_single_chair_and_the_wrong_number(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  chair:
    role: Director of Place
    co_chairs: [Director of Place]
""" + MEMBERS)
    assert status == 1
    assert (f"{path}:5:5: error[invalid-value]: the chair is given both as `role:` and as "
            "`co_chairs:`: keep one") in out
    assert (f"{path}:5:5: error[invalid-value]: `co_chairs:` names 1 role: name exactly two "
            "(or, for one chair, write the role as `role:`)") in out


def test_outside_member_marked_voting(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  members:
    - { role: Cabinet Member for Adult Care, party: the Council }
    - { role: Director of Place, party: the ICB }
    - { role: Chief Executive, organisation: Healthwatch Avonmere, voting: true }
""")
    assert status == 1
    assert (f"{path}:6:68: error[co-opted-voting]: the member `Chief Executive` is co-opted from "
            "Healthwatch Avonmere, and co-opted members do not vote: remove `voting: true` (a "
            "Partner wanting another vote appoints its own member)") in out


def test_co_opted_partner_member_marked_voting(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  members:
    - { role: Cabinet Member for Adult Care, party: the Council }
    - { role: Director of Place, party: the ICB }
    - { role: Carers' lead, party: the Council, co_opted: true, voting: true }
""")
    assert status == 1
    assert any("error[co-opted-voting]: the member `Carers' lead` is co-opted, and co-opted "
               "members do not vote" in line for line in out)


def test_member_with_neither_party_nor_organisation(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  members:
    - { role: Cabinet Member for Adult Care, party: the Council }
    - { role: Director of Place, party: the ICB }
    - { role: Chief Executive }
""")
    assert status == 1
    assert (f"{path}:6:7: error[missing-key]: the member `Chief Executive` needs `party:` (the "
            "Partner that appoints them) or, for a co-opted member from outside the Partners, "
            "`organisation:`") in out


def test_outside_members_do_not_count_to_quorum(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  members:
    - { role: Cabinet Member for Adult Care, party: the Council }
    - { role: Director of Place, party: the ICB }
    - { role: Chief Executive, organisation: Healthwatch Avonmere }
  quorum: { total: 3 }
""")
    assert status == 1
    assert any("error[quorum-unmeetable]: the quorum is 3 voting members but the board has only "
               "2 voting members" in line for line in out)


def test_existing_committee_with_a_new_boards_members(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  existing_committee: Avonmere Health and Wellbeing Board
  quorum: { total: 2 }
""" + MEMBERS)
    assert status == 1
    assert (f"{path}:4:3: error[existing-committee-fields]: `quorum:` describes a new board, but "
            "the arrangements are governed by the existing Avonmere Health and Wellbeing Board "
            "under its own constitution: remove `quorum:`, or remove `existing_committee:` to set "
            "up a new board") in out
    assert sum("existing-committee-fields" in line for line in out) == 2


def test_existing_committee_cannot_have_terms_of_reference(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
documents: [section75, tor]
board:
  existing_committee: Avonmere Health and Wellbeing Board
""")
    assert status == 1
    assert (f"{path}:2:24: error[existing-committee-document]: no board is set up (the Avonmere "
            "Health and Wellbeing Board governs the arrangements), so there is no terms of "
            "reference of a board to build: remove `tor` from `documents:`, or set up a new board "
            "with `name:` and `members:` in place of `existing_committee:`") in out


def test_committee_of_without_a_committee(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
board:
  committee_of: the Council
""" + MEMBERS)
    assert status == 1
    assert any("error[existing-committee-fields]: `committee_of:` says whose committee" in line
               for line in out)


def test_integrated_provision_needs_a_lead_provider_and_providers(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
id: no-roles
flexibilities: [pooled_fund, integrated_provision]
funds:
  lines:
    - name: Integrated reablement
      contributions:
        2025/26: { the ICB: 1800, the Council: 1200 }
board:
  chair: { role: Director of Place }
""" + MEMBERS, base=ROOT / "tests" / "cases" / "pooled-fund-minimal" / "scheme.yaml")
    assert status == 1
    assert (f"{path}:3:30: error[provision-roles]: integrated provision needs a lead provider: "
            "add `lead_provider:` naming the Partner that leads it") in out
    assert (f"{path}:6:7: error[provision-roles]: the scheme uses integrated provision, so each "
            "Scheme Specification must identify its provider: add `provider:` to the line "
            "`Integrated reablement`, naming a Partner or the outside provider") in out


def test_integrated_provision_with_no_partner_providing(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
funds:
  lines:
    - name: Community equipment
      provider: Avonmere Equipment Services Limited
      contributions:
        2025/26: { the ICB: 300, the Council: 200 }
""", base=SHAPES)
    assert status == 1
    assert any("error[provision-roles]: the scheme uses integrated provision, but no line's "
               "`provider:` is a Partner" in line for line in out)


def test_provider_spelt_like_a_party_warns(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
funds:
  lines:
    - name: Integrated reablement
      provider: the Councill
      contributions:
        2025/26: { the ICB: 1800, the Council: 1200 }
    - name: Reablement therapy
      provider: the ICB
      contributions:
        2025/26: { the ICB: 100 }
""", base=SHAPES)
    assert (f"{path}:5:7: warning[provider-not-party]: `the Councill` is not one of the "
            "parties, so it is printed as a provider from outside the Partners. Did you mean "
            "`the Council`?") in out
    assert status == 0, out
