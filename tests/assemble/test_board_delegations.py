"""Governance that holds together across the agreement and the terms of reference: every voting
Partner is named in a list of delegated limits, which ends as a list ends; a council's executive
decisions at the board follow the access to information rules from the Commencement Date; a
board of officers, or of members who refer decisions back, is not called a joint committee; a
providing Partner's conflict is managed, not a bar; notice expires on 31 March; a departing
Partner takes the consequences clause with it; the review can be more frequent at first and
consider added matters; the information governance schedule moves to the GDPR bases when the
term runs past 25 May 2018; and a sealing Partner sits with electronic signature. Read back from
the .docx (and its Markdown twin) the build writes."""

from __future__ import annotations

import io

import docx
from conftest import ROOT, shown
from test_three_documents import texts

from generator.assemble.render import close_list
from generator.model.draft import Item, Run
from generator.pipeline import process
from generator.settings import Settings

SOUTHAMPTON = "schemes/southampton-bcf-2017.yaml"
CITY = "schemes/city-of-london.yaml"
STAFFS = "schemes/staffordshire/older-people.yaml"
BASE = ROOT / "tests" / "cases" / "governance-shapes" / "base.yaml"
SHAPES = ROOT / "tests" / "cases" / "governance-shapes" / "scheme.yaml"


def build(library, scheme) -> dict[str, tuple[list[str], str]]:
    """Return, for each document a scheme builds, its paragraphs read back from the .docx and
    its Markdown twin."""
    result = process(ROOT / scheme, library, Settings(ROOT), "all", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    out = {}
    for built in result.built:
        name = next(n for n in built.files if n.endswith(".docx"))
        markdown = next(n for n in built.files if n.endswith(".md")
                        and not n.endswith("deviations.md"))
        document = docx.Document(io.BytesIO(built.files[name]))
        text = built.files[markdown]
        out[built.document] = (texts(document),
                               text.decode("utf-8") if isinstance(text, bytes) else text)
    return out


def with_text(paragraphs: list[str], part: str) -> list[str]:
    return [p for p in paragraphs if part in p]


def test_every_voting_partner_is_in_the_list_of_limits_which_ends_properly(library,
                                                                          scheme_file):
    path = scheme_file(f"""
        extends: {SHAPES}
        documents: [section75, tor]
        board:
          delegated_limits:
            the Council: {{ amount: 500000, condition: the Cabinet Member agrees }}
        """)
    drafts = build(library, path)
    for document in ("section75", "tor"):
        paragraphs = drafts[document][0]
        council = with_text(paragraphs, "Avonmere Borough Council: up to £500,000")
        icb = with_text(paragraphs, "NHS Avonmere Integrated Care Board: no limit is stated")
        assert len(council) == 1 and len(icb) == 1, document
        assert council[0].endswith("the Cabinet Member agrees; and")
        assert "decide under its own scheme of delegation" in icb[0]
        assert "[insert the limit and the post or posts holding it]" in icb[0]
        assert icb[0].endswith(".")
        assert not with_text(paragraphs, "not named above"), document
    notes = drafts["section75"][1]
    assert "No delegated limit is stated for at least one Partner whose members vote" in notes


def test_a_council_limit_and_an_nhs_limit_end_as_a_list(library):
    paragraphs = build(library, SOUTHAMPTON)["section75"][0]
    council = with_text(paragraphs, "Southampton City Council: up to £2,000,000")
    assert council and council[0].endswith("all three Cabinet Members on the Board agree; and")
    ccg = with_text(paragraphs, "NHS Southampton City Clinical Commissioning Group: up to")
    assert ccg and ccg[0].endswith(".")


def test_a_list_of_values_ends_with_and_and_a_full_stop() -> None:
    items = [Item([Run("text", f"entry {n};")]) for n in range(3)]
    close_list(items)
    assert [i.runs[-1].value for i in items] == ["entry 0;", "entry 1; and", "entry 2."]
    written = [Item([Run("text", "one; and")]), Item([Run("text", "two;")])]
    close_list(written)
    assert [i.runs[-1].value for i in written] == ["one; and", "two."]
    kept = [Item([Run("text", "one;")]), Item([Run("text", "two.")])]
    close_list(kept)
    assert [i.runs[-1].value for i in kept] == ["one;", "two."]


def test_council_executive_decisions_follow_access_to_information_from_commencement(library):
    drafts = build(library, SOUTHAMPTON)
    agreement, tor = drafts["section75"][0], drafts["tor"][0]
    rule = with_text(agreement, "From the Commencement Date, any executive decision of "
                                "Southampton City Council taken at a meeting of the "
                                "Partnership Board")
    assert len(rule) == 1
    assert "notice of a key decision shall be given in its forward plan" in rule[0]
    # several executive members deciding together do so only as a committee the Leader appoints
    assert ("that its Leader has appointed them as a committee of its executive with authority "
            "to take the decision under section 9E of the Local Government Act 2000") in rule[0]
    assert "A decision of an officer member is taken under that officer's own delegation" \
        in rule[0].replace("\u2019", "'")
    assert "otherwise held in public from 1 April 2018" in rule[0]
    assert with_text(tor, "From 1 April 2017, any executive decision of Southampton City "
                          "Council taken at a meeting of the Board")
    assert with_text(tor, "From 1 April 2018, all other meetings of the Board shall be held "
                          "in public")
    assert not with_text(tor, "From 1 April 2018, meetings of the Board")
    assert "Meetings in public are to begin after the Commencement Date" in drafts["section75"][1]


def test_the_deadlock_rule_is_the_same_in_both_documents(library):
    drafts = build(library, SOUTHAMPTON)
    agreement = " ".join(drafts["section75"][0])
    tor = " ".join(drafts["tor"][0])
    for words in ("the chair and the lead officer of each Partner shall discuss it before the "
                  "next meeting", "referred to the decision-making body of each Partner "
                  "concerned"):
        assert words in agreement and words in tor


def test_a_joint_committee_of_officers_is_drafted_as_an_advisory_board(library, cli,
                                                                       scheme_file):
    path = scheme_file(f"""
        extends: {BASE}
        documents: [section75, tor]
        board:
          name: Avonmere Officers Board
          model: joint_committee
          members:
            - {{ role: Director of Adult Social Services, party: the Council }}
            - {{ role: Director of Place, party: the ICB }}
          quorum: {{ total: 2, per_party: {{ the Council: 1, the ICB: 1 }} }}
          decision_rule: consensus
          frequency: monthly
        """)
    status, out = cli("check", path)
    assert any(f"{shown(path)}:5:3: warning[board-not-joint-committee]: the board is declared "
               "a joint committee, but the Council's voting members are all officers" in line
               for line in out), out
    drafts = build(library, path)
    agreement, tor = " ".join(drafts["section75"][0]), " ".join(drafts["tor"][0])
    assert "is not a committee of any Partner and has no decision-making powers" in agreement
    assert "joint committee of the Partners established under regulation 10" not in agreement
    assert "It is not a committee of any Partner" in tor
    assert "The Board is a joint committee" not in tor


def test_a_joint_committee_whose_members_refer_decisions_back_is_advisory(library):
    agreement = " ".join(build(library, CITY)["section75"][0])
    assert "joint committee of the Partners established under regulation 10" not in agreement
    assert "is not a committee of any Partner" in agreement
    assert "continues in force until the Partner that made it replaces or revokes it" in agreement
    assert "the one last agreed continues to apply until the next is agreed" in agreement


def test_a_providing_partner_is_managed_not_excluded(library):
    agreement = " ".join(build(library, SOUTHAMPTON)["section75"][0])
    assert "that Partner's members of the Partnership Board shall not take part" not in agreement
    assert ("A Partner does not have a conflict of interest only because it, or a body connected "
            "with it, provides any of the Services") in agreement
    assert "is not responsible for the provision of the Services concerned" in agreement


def test_notice_expires_on_31_march_and_a_leaving_partner_takes_the_consequences(library):
    agreement = " ".join(build(library, STAFFS)["section75"][0])
    assert ("12 months\u2019 written notice to each other Partner, expiring at the end of a "
            "Financial Year (on 31 March)") in agreement
    assert "When a Partner\u2019s participation ends, clause" in agreement
    assert "that Partner\u2019s share of every other Scheme, of the contracts" in agreement
    assert "or a Partner\u2019s participation ends, for whatever reason" in agreement


def test_a_scheme_written_clause_is_numbered_from_its_first_words(library):
    markdown = build(library, STAFFS)["section75"][1]
    heading = next(line for line in markdown.splitlines() if "Commissioning on a CCG" in line)
    number = heading.split(".")[0].removeprefix("## ")
    assert f"\n{number}.1 The Services for older people are commissioned" in markdown


def test_the_review_can_be_more_frequent_at_first_and_consider_added_matters(library,
                                                                           scheme_file):
    path = scheme_file(f"""
        extends: {ROOT / "tests" / "cases" / "governance-shapes" / "scheme.yaml"}
        documents: [section75]
        review:
          frequency: six-monthly
          more_often_years: 2
          also_consider:
            - whether the reablement service reaches people in every part of the Borough
        """)
    paragraphs = build(library, path)["section75"][0]
    assert with_text(paragraphs, "review the operation of this Agreement every six months "
                                 "during the first two Financial Years of this Agreement")
    assert with_text(paragraphs, "including the Terms of Reference; and")
    assert "whether the reablement service reaches people in every part of the Borough." \
        in paragraphs


def test_information_governance_moves_to_gdpr_bases_during_the_term(library):
    paragraphs = build(library, CITY)["section75"][0]
    later = with_text(paragraphs, "in place of the conditions in Schedules 2 and 3 to that Act")
    assert len(later) == 1
    assert later[0].startswith("From 25 May 2018")
    assert "(Article 6(1)(e))" in later[0] and "(Article 9(2)(h))" in later[0]
    assert with_text(paragraphs, "where feasible within 72 hours of becoming aware")


def test_a_sealing_partner_sits_with_electronic_signature(library):
    drafts = build(library, CITY)
    paragraphs, markdown = drafts["section75"]
    assert "execution schedule" not in markdown
    assert with_text(paragraphs, "This Agreement is a simple contract and not a deed, although "
                                 "the Mayor and Commonalty and Citizens of the City of London "
                                 "executes it under its common seal.")
    assert with_text(paragraphs, "shall affix it to a paper counterpart")
