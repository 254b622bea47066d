"""Governance shapes in the written drafts: co-chairs who chair jointly, a co-opted member from
outside the Partners in the membership table, an existing committee governing in place of a new
board, and the providers of integrated provision. Read from the .docx files the build writes."""

from __future__ import annotations

from test_three_documents import built_documents, membership_rows, texts

SHAPES = "tests/cases/governance-shapes/scheme.yaml"
EXISTING = "tests/cases/governance-existing-committee/scheme.yaml"
BOARD = "Avonmere Community Health and Care Board"


def test_outside_member_appears_in_both_membership_tables(library):
    _data, drafts = built_documents(library, SHAPES)
    agreement = membership_rows(drafts["section75"], BOARD)
    assert agreement == membership_rows(drafts["tor"], BOARD)
    # No member is named, so the table has no Name column.
    assert agreement[0] == ["Member", "Partner or organisation", "Status"]
    assert agreement[-1] == ["Chief Executive", "Healthwatch Avonmere", "Co-opted, non-voting"]
    assert [row[2] for row in agreement[1:-1]] == ["Voting"] * 4


def test_co_chairs_chair_jointly_in_every_document(library):
    _data, drafts = built_documents(library, SHAPES)
    joint = ("chaired jointly by the Cabinet Member for Adult Care and the Director of Place "
             "(the \u201cCo-Chairs\u201d)")
    for document in ("section75", "tor"):
        paragraphs = texts(drafts[document])
        assert any(joint in p for p in paragraphs), document
        assert any("the other Co-Chair shall chair that meeting or item alone" in p
                   for p in paragraphs), document
        assert any("Neither Co-Chair has a second or casting vote" in p
                   for p in paragraphs), document
        assert not any("vice-chair" in p for p in paragraphs), document
    assert any("will chair the Avonmere Community Health and Care Board jointly" in p
               for p in texts(drafts["mou"]))


def test_lead_provider_and_each_lines_provider(library):
    _data, drafts = built_documents(library, SHAPES)
    paragraphs = texts(drafts["section75"])
    assert any(p.endswith("The Council is the Lead Provider. The Lead Provider "
                          "shall lead and co-ordinate the integrated provision of the Services, "
                          "including the management arrangements for the staff and resources "
                          "which the Partners make available for it, and shall report on it to "
                          "the Partnership Board.") for p in paragraphs)
    assert any("transfer the role of Lead Provider to another Partner" in p for p in paragraphs)
    providers = [p for p in paragraphs if "Provider: the Services under this Scheme" in p]
    assert len(providers) == 2
    assert "provided by Avonmere Borough Council, as a Partner" in providers[0]
    assert "provided by Avonmere Equipment Services Limited, which is not a Partner" in providers[1]


def test_existing_committee_governs_without_a_board(library):
    _data, drafts = built_documents(library, EXISTING)
    assert set(drafts) == {"section75"}
    agreement = drafts["section75"]
    paragraphs = texts(agreement)
    assert not any(p.startswith("Membership of the") for p in paragraphs)
    assert not [t for t in agreement.tables if t.rows[0].cells[0].text == "Member"]
    assert not any("The quorum for a meeting" in p for p in paragraphs)
    assert any("No new partnership board is established under this Agreement. The Partners "
               "agree that the Avonmere Health and Wellbeing Board, a committee of Avonmere "
               "Borough Council, shall act as the Partnership Board" in p for p in paragraphs)
    assert any("Its membership, chair, quorum, voting and procedure are those set by the Terms "
               "of Reference" in p for p in paragraphs)
