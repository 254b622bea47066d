"""The board must be able to work: errors when the quorum, decision rule or delegated limit
cannot, each with the line to change and what to write instead."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import extending, shown


def check(cli, scheme_file, body: str) -> tuple[int, list[str], str]:
    """Return exit status, output lines and the displayed path of a scheme extending Southampton."""
    path = scheme_file(extending(body))
    status, out = cli("check", path)
    return status, out, shown(path)


def test_southampton_board_is_consistent(cli):
    status, out = cli("check", "schemes/southampton-bcf-2017.yaml")
    assert status == 0, out


def test_quorum_total_larger_than_membership(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
        board:
          quorum: { total: 7, per_party: { the Council: 2, the CCG: 2 } }
        """)
    assert status == 1
    assert (f"{path}:3:13: error[quorum-unmeetable]: the quorum is 7 voting members but the board "
            "has only 6 voting members: lower `total:` to 6 or fewer, or add voting members") in out


def test_per_party_minimum_larger_than_that_partys_members(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
        board:
          quorum: { total: 4, per_party: { the Council: 4, the CCG: 2 } }
        """)
    assert status == 1
    assert (f"{path}:3:36: error[quorum-unmeetable]: the quorum needs 4 voting members from the "
            "Council but the Council appoints 3 voting members: lower its minimum to 3 or add "
            "members") in out


def test_co_opted_members_do_not_count_towards_quorum(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
        board:
          members:
            - { role: Cabinet Member, party: the Council }
            - { role: Director of Public Health, party: the Council, co_opted: true }
            - { role: Governing Body member, party: the CCG }
          quorum: { total: 3 }
        """)
    assert status == 1
    assert any("error[quorum-unmeetable]: the quorum is 3 voting members but the board has only "
               "2 voting members" in line for line in out)


def test_standard_quorum_needs_a_member_from_each_partner(cli, scheme_file):
    # An empty `quorum:` means the standard quorum: one voting member from each Partner.
    status, out, path = check(cli, scheme_file, """
        board:
          quorum: {}
          members:
            - { role: Cabinet Member, party: the Council }
        """)
    assert status == 1
    assert (f"{path}:4:3: error[quorum-unmeetable]: the standard quorum needs a voting member "
            "from each Partner but the CCG has none on the board: add one, or set `quorum:` with "
            "`total:` and `per_party:`") in out


def test_consensus_with_one_partner_quorate(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
        board:
          quorum: { total: 3 }
        """)
    assert status == 1
    assert (f"{path}:3:3: error[quorum-one-partner]: decisions need consensus of the Partners, "
            "but the CCG alone could make a quorum: require at least one voting member from "
            "every Partner, for example `per_party: { the CCG: 1, the Council: 1 }`") in out


def test_block_vote_with_only_one_partner_required(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
        board:
          decision_rule: block_vote
          quorum: { total: 3, per_party: { the Council: 3 } }
        """)
    assert status == 1
    assert (f"{path}:4:3: error[quorum-one-partner]: decisions need one block vote per Partner, "
            "all in favour, but the Council alone could make a quorum: require at least one "
            "voting member from every Partner, for example "
            "`per_party: { the CCG: 1, the Council: 3 }`") in out


def test_majority_rule_may_be_quorate_with_one_partner(cli, scheme_file):
    status, out, _ = check(cli, scheme_file, """
        board:
          decision_rule: majority
          quorum: { total: 3 }
        """)
    assert status == 0, out


def test_delegated_limit_larger_than_pooled_fund(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
        board:
          delegated_limit: { amount: 500000000 }
        """)
    assert status == 1
    matches = [line for line in out if "error[limit-exceeds-pooled-fund]" in line]
    assert len(matches) == 1
    assert matches == [f"{path}:3:22: error[limit-exceeds-pooled-fund]: the board's delegated "
                       "limit of £500,000,000 is larger than the whole pooled fund in 2017/18 "
                       "(£105,196,000): lower `amount:` to 105196000 or less (in pounds, not "
                       "thousands)"]


def test_board_member_of_no_party(cli, scheme_file):
    status, out, path = check(cli, scheme_file, """
        board:
          members:
            - { role: Cabinet Member, party: the Council }
            - { role: Chief Constable, party: Staffordshire Police }
            - { role: Governing Body member, party: the CCG }
        """)
    assert status == 1
    assert any(line.startswith(f"{path}:5:32: error[unknown-party]: `Staffordshire Police`")
               for line in out), out
    assert out[-1] == "1 file checked: 1 error, 0 warnings"


CROYDON = "schemes/croydon-icu.yaml"


def croydon_with(cli, scheme_file, body: str) -> tuple[int, list[str], str]:
    """Return exit status, output and path of a scheme extending Croydon (agreement and MOU)."""
    path = scheme_file(f"extends: {Path(CROYDON).resolve()}\n{textwrap.dedent(body).lstrip()}")
    status, out = cli("check", path)
    return status, out, shown(path)


def test_mou_scope_must_list_every_agreement_service(cli, scheme_file):
    status, out, path = croydon_with(cli, scheme_file, """
        services: [Urgent care, Planned care]
        mou:
          scope_in: [Urgent care]
        """)
    assert status == 1
    assert out == [f"{path}:2:25: error[mou-scope-mismatch]: the agreement covers `Planned care` "
                   "but `mou: scope_in:` does not list it: add it there in the same words, or "
                   "delete `scope_in:` so the memorandum's scope is the agreement's services",
                   "1 file checked: 1 error, 0 warnings"]


def test_mou_scope_must_not_exclude_an_agreement_service(cli, scheme_file):
    status, out, path = croydon_with(cli, scheme_file, """
        services: [Urgent care, Planned care]
        mou:
          scope_out: [Planned care]
        """)
    assert status == 1
    assert out == [f"{path}:2:25: error[mou-scope-mismatch]: the agreement covers `Planned care` "
                   "but `mou: scope_out:` excludes it: remove it from one list or the other",
                   "1 file checked: 1 error, 0 warnings"]


def test_the_suggested_minimums_are_enough(cli, scheme_file):
    status, out, _ = check(cli, scheme_file, """
        board:
          quorum: { total: 3, per_party: { the CCG: 1, the Council: 1 } }
        """)
    assert not any("quorum-one-partner" in line for line in out), out
