"""The board's legal model holds through the whole agreement: an advisory board's "decisions"
are read as its members' decisions under their own delegations, and a joint committee is one
under the Regulations, its members deciding what a joint committee may not (a board whose
members refer decisions back is drafted as advisory); a consensus is not a show of hands.
Read from the committed Word drafts."""

from __future__ import annotations

from conftest import ROOT
from docx import Document

OUTPUT = ROOT / "output"


def text(scheme: str, document: str = "section75-agreement") -> str:
    """Return the paragraphs of a committed draft, one a line."""
    return "\n".join(p.text for p in Document(str(OUTPUT / scheme / f"{document}.docx"))
                     .paragraphs)


def test_an_advisory_board_has_the_rule_that_reads_its_decisions_as_its_members() -> None:
    agreement = text("southampton-bcf-2017")
    assert "has no decision-making powers of its own" in agreement
    assert ("Any reference in this Agreement to a decision, approval, agreement or sign-off of "
            "the Partnership Board, or to authority delegated to it, is a reference to the "
            "decisions taken at its meetings by the members of the Partnership Board on behalf "
            "of their own Partner") in agreement
    assert "or to its own members of the Partnership Board acting at its meetings" not in agreement


def test_a_joint_committee_whose_members_refer_back_is_not_called_one() -> None:
    agreement = text("city-of-london")
    assert ("The Partnership Board is a joint committee of the Partners established under "
            "regulation 10 of the Regulations") not in agreement
    assert "The Partnership Board is not a committee of any Partner" in agreement
    assert "delegate to the Partnership Board, or to its own members" not in agreement


def test_consensus_is_not_a_show_of_hands() -> None:
    for scheme in ("southampton-bcf-2017", "city-of-london"):
        assert "shown by a show of hands" not in text(scheme)
