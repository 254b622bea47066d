"""A scheme shapes the document: order, moves, headings, "Not used", added clauses and
schedules, and references written in scheme text. Each built for real and read back from the
.docx with python-docx (headings, numbers and REF fields)."""

from __future__ import annotations

import io
import re
import textwrap

import docx
from conftest import ROOT, shown

from generator.pipeline import Settings, process

SOUTHAMPTON = ROOT / "schemes" / "southampton-bcf-2017.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def scheme(tmp_path, changes: str, extra: str = "") -> object:
    """Return the path of a scheme extending Southampton with `changes:` (dedented) added."""
    path = tmp_path / "scheme.yaml"
    body = textwrap.indent(textwrap.dedent(changes).strip(), "  ")
    path.write_text(f"extends: {SOUTHAMPTON}\n{textwrap.dedent(extra).lstrip()}changes:\n{body}\n",
                    encoding="utf-8")
    return path


def build(library, path, ok: bool = True):
    """Return (result, the agreement opened with python-docx or None)."""
    result = process(path, library, Settings(ROOT), "section75", write=True)
    if ok:
        assert result.ok, [d.format() for d in result.diagnostics]
    if not result.built:
        return result, None
    files = result.built[0].files
    name = next(n for n in files if n.endswith(".docx"))
    return result, docx.Document(io.BytesIO(files[name]))


def headings(document, style: str = "Heading 1") -> list[str]:
    """Return the text of every paragraph in `style`, in order."""
    return [p.text for p in document.paragraphs if p.style.name == style]


def schedule_titles(document) -> list[str]:
    """Return the schedules' titles in order."""
    return headings(document, "Schedule Title")


def messages(result) -> list[str]:
    """Return the formatted diagnostics."""
    return [d.format() for d in result.diagnostics]


def ref_fields(document) -> list[str]:
    """Return the bookmark names the REF fields of the body point at, in order."""
    found = []
    for instr in document.element.body.iter(f"{W}instrText"):
        match = re.match(r"\s*REF\s+(\S+)", instr.text or "")
        if match:
            found.append(match.group(1))
    return found


def test_move_after_and_before_reorders_required_clauses(library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: governance
            after: term
            reason: Governance comes early in our house agreement.
          - clause: definitions
            before: governing-law
            reason: Definitions at the end, as in the signed agreement.
        """)
    _, document = build(library, path)
    titles = headings(document)
    assert titles[:3] == ["Term", "Governance", "General Principles"]
    assert titles[-2:] == ["Definitions and Interpretation", "Governing Law and Jurisdiction"]


def test_order_list_sets_the_order_of_the_clauses_it_names(library, tmp_path):
    path = scheme(tmp_path, """
        order:
          - clauses: [term, definitions, vat, audit, schedule-risk-share, schedule-governance]
            reason: The order of the agreement signed in 2015.
        """)
    _, document = build(library, path)
    titles = headings(document)
    assert titles[:2] == ["Term", "Definitions and Interpretation"]
    assert titles.index("VAT") + 1 == titles.index("Audit and Right of Access")
    schedules = schedule_titles(document)
    assert schedules.index("Risk Share and Overspends") < schedules.index("Governance")


def test_a_clause_moved_among_the_schedules_becomes_a_schedule(library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: aims-and-outcomes
            after: schedule-scheme-specifications
            reason: Our agreement sets its aims out in a schedule.
          - clause: functions
            after: aims-and-outcomes
            reason: And its functions in the next one.
        """)
    result, document = build(library, path)
    assert "Aims and Outcomes" not in headings(document)
    assert schedule_titles(document)[:3] == ["Scheme Specifications", "Aims and Outcomes",
                                             "Functions"]
    twin = next(v for k, v in result.built[0].files.items() if k.endswith(".md")).decode()
    assert "## Schedule 2: Aims and Outcomes" in twin
    assert "clause Schedule" not in twin
    assert "in line with the aims and outcomes set out in Schedule 2." in twin
    assert "which are listed in Schedule 3, to the extent" in twin
    functions = twin[twin.index("## Schedule 3: Functions"):]
    functions = functions[:functions.index("\n## ", 5)]
    assert "review this Schedule and the Scheme Specifications" in functions
    assert "this clause" not in functions
    paragraphs = [p for p in document.paragraphs if p.style.name == "Schedule Paragraph"]
    assert any(p.text.startswith("The NHS Functions which are the subject") for p in paragraphs)
    assert ref_fields(document).count("_Ref_aims_and_outcomes") >= 3


def test_a_reference_to_a_paragraph_of_a_clause_made_a_schedule_names_the_schedule(
        library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: non-financial-contributions
            after: schedule-scheme-specifications
            reason: Our agreement lists them in a schedule.
        add:
          - after: governance
            title: Accommodation
            text: The review of accommodation is under clause
              [[clause:non-financial-contributions-review]].
            reason: Ours.
        """)
    result, document = build(library, path)
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Accommodation") + 1] == \
        "The review of accommodation is under paragraph 6 of Schedule 2."
    twin = next(v for k, v in result.built[0].files.items() if k.endswith(".md")).decode()
    schedule = twin[twin.index("## Schedule 2: Non-Financial Contributions"):]
    assert "\n6. The Partners shall review the Non-Financial Contributions" in schedule


def test_a_schedule_cannot_move_among_the_clauses(library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: schedule-governance
            after: vat
            reason: Misplaced.
        """)
    result, _ = build(library, path, ok=False)
    assert any("error[move-across-parts]" in m and "`schedule-governance` is a schedule" in m
               for m in messages(result)), messages(result)


def test_rename_keeps_the_library_text_and_references_follow(library, tmp_path):
    path = scheme(tmp_path, """
        rename:
          - clause: governance
            title: The Joint Commissioning Board
            reason: Our heading.
        replace:
          - clause: review
            title: Annual Review
            reason: A heading only; the library text stays.
        """)
    _, document = build(library, path)
    titles = headings(document)
    assert "The Joint Commissioning Board" in titles and "Governance" not in titles
    assert "Annual Review" in titles
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Annual Review")
    assert texts[start + 1].strip(), "the renamed clause keeps its library text"
    contents = [p.text for p in document.paragraphs if p.style.name == "TOC 1"]
    assert not contents or any("The Joint Commissioning Board" in c for c in contents)


def test_not_used_keeps_the_numbers_of_later_clauses(library, tmp_path):
    _, vanilla = build(library, SOUTHAMPTON)
    path = scheme(tmp_path, """
        omit:
          - clause: force-majeure
            keep_number: true
            reason: Deleted in negotiation; numbers kept as signed.
        """)
    _, document = build(library, path)
    assert len(headings(document)) == len(headings(vanilla))
    at = headings(vanilla).index("Force Majeure")
    assert headings(document)[at] == "Not used"
    assert headings(document)[at + 1] == headings(vanilla)[at + 1]
    contents = [p.text for p in document.paragraphs if p.style.name == "TOC 1"]
    assert contents[at] == f"{at + 1}.\tNot used\t"  # then the page number field


def test_additions_after_one_anchor_keep_their_written_order(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - after: governance
            title: First Added
            text: One.
            reason: Ours.
          - after: governance
            title: Second Added
            text: Two.
            reason: Ours.
          - after: second-added
            title: Third Added
            text: Three, after an added clause.
            reason: Ours.
          - before: governance
            title: Before Governance
            text: Zero.
            reason: Ours.
        """)
    _, document = build(library, path)
    titles = headings(document)
    at = titles.index("Governance")
    assert titles[at - 1:at + 4] == ["Before Governance", "Governance", "First Added",
                                     "Second Added", "Third Added"]


def test_an_optional_clause_after_an_omitted_anchor_is_still_included(library, tmp_path):
    path = scheme(tmp_path, """
        omit:
          - clause: commissioning-arrangements
            reason: Not for this scheme.
        include:
          - clause: existing-contracts
            reason: Contracts transfer.
        """)
    _, document = build(library, path)
    titles = headings(document)
    assert "Commissioning Arrangements" not in titles
    assert titles[titles.index("Services and Eligible Persons") + 1] == \
        "Contracts (Pre-existing and Future)"
    path2 = scheme(tmp_path, """
        include:
          - clause: set-up-costs
            reason: Set-up costs are shared.
        add:
          - after: set-up-costs
            title: Our Set Up Arrangements
            text: The Partners shall agree a set-up budget.
            reason: Ours.
        """)
    _, document = build(library, path2)
    titles = headings(document)
    assert titles[titles.index("Financial Contributions") + 1] == "Set Up Costs"
    assert titles[titles.index("Set Up Costs") + 1] == "Our Set Up Arrangements"


def test_an_added_clause_may_not_take_a_library_id_or_an_earlier_additions(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - after: governance
            title: Schedule Governance
            text: Clashes with the schedule's id.
            reason: Ours.
          - after: governance
            title: Local Arrangements
            text: One.
            reason: Ours.
          - after: review
            title: Local Arrangements
            text: Two.
            reason: Ours.
        """)
    result, _ = build(library, path, ok=False)
    found = [m for m in messages(result) if "duplicate-clause" in m]
    assert len(found) == 2, messages(result)
    assert "schedule-governance" in found[0] and "local-arrangements" in found[1]


def test_references_in_scheme_text_are_live_ref_fields(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - after: governance
            title: Hospital Discharge
            text: >-
              The [[term:Pooled Fund]] pays for discharge support under clause
              [[clause:governance]] and [[schedule:schedule-governance]]; [[party:the CCG]]
              contributes [[money:2017/18:the CCG]] in 2017/18 ([[party:the CCG:name]]).
            reason: Ours.
        """)
    _, document = build(library, path)
    texts = [p.text for p in document.paragraphs]
    added = texts[texts.index("Hospital Discharge") + 1]
    governance = headings(document).index("Governance") + 1
    schedule = schedule_titles(document).index("Governance") + 1
    assert added.startswith("The Pooled Fund pays for discharge support under clause "
                            f"{governance} and Schedule {schedule}; the CCG contributes £")
    assert "(NHS Southampton City Clinical Commissioning Group)" in added
    assert "£69,501,000" in added
    assert ref_fields(document).count("_Ref_governance") >= 2  # the library's and the scheme's


def test_unknown_reference_targets_are_errors_at_their_line_and_column(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - after: governance
            title: Hospital Discharge
            text: See clause [[clause:goverance]] and [[term:Pooled Fnd]].
            subclauses:
              - Also [[schedule:governance]] and [[clouse:term]] and [[party:the PCT]].
            reason: Ours.
        """)
    result, _ = build(library, path, ok=False)
    found = messages(result)
    line_text = path.read_text().splitlines()
    col = line_text[5].index("[[clause:goverance]]") + 1
    assert f"{shown(path)}:6:{col}: error[markup-unknown]: `[[clause:goverance]]` names no " \
           "clause of this document. Did you mean `governance`?" in found
    assert any("`[[term:Pooled Fnd]]` is not a defined term" in m and "Pooled Fund" in m
               for m in found)
    assert any("`[[schedule:governance]]` names a clause, not a schedule" in m for m in found)
    assert any(":8:" in m and "`[[clouse:term]]` is not a reference" in m for m in found)
    assert any("`[[party:the PCT]]` names no party" in m for m in found)


def test_template_syntax_in_scheme_text_is_a_warning_saying_how_to_refer(library, tmp_path):
    path = scheme(tmp_path, """
        replace:
          - clause: review
            text: The Partners shall review this Agreement as clause {{ ref('term') }} says.
            reason: Ours.
        """)
    result, document = build(library, path)
    warnings = [m for m in messages(result) if "scheme-template-text" in m]
    assert len(warnings) == 1 and "[[clause:termination]]" in warnings[0]
    assert any("{{ ref('term') }}" in p.text for p in document.paragraphs)  # printed as written


def test_an_added_schedule_has_sections_items_and_a_table(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - after: schedule-governance
            schedule: true
            id: schedule-discharge-pathway
            title: Discharge Pathway
            sections:
              - title: Stages
                text: The pathway has the following stages.
                subclauses:
                  - text: "Before discharge:"
                    items:
                      - assessment of need; and
                      - text: "a plan agreed with:"
                        items: [the person, their carer]
                  - table:
                      header: [Stage, Lead]
                      rows: [[Assessment, the Council], [Review, the CCG]]
                      caption: Stages and leads
              - title: Review
                text: The Board reviews the pathway under [[clause:review]].
            reason: Ours.
          - schedule: true
            document: section75
            title: Signature Page for Local Partners
            text: Signed for and on behalf of each local partner.
            reason: Appended at the end.
        """)
    _, document = build(library, path)
    schedules = schedule_titles(document)
    assert schedules[schedules.index("Governance") + 1] == "Discharge Pathway"
    assert schedules[-1] == "Signature Page for Local Partners"
    texts = [p.text for p in document.paragraphs]
    assert "Stages" in texts and "Before discharge:" in texts
    assert "the person" in texts and "their carer" in texts
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Stage")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Stage", "Lead"], ["Assessment", "the Council"], ["Review", "the CCG"]]


def test_schedules_can_be_omitted_and_the_specifications_need_not_be_first(library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: schedule-scheme-specifications
            after: schedule-performance
            reason: Our schedules' order.
        omit:
          - clause: schedule-joint-working
            reason: Not used in this agreement.
        """)
    result, document = build(library, path, ok=False)
    dangling = [m for m in messages(result) if "dangling-reference" in m]
    if dangling:  # the joint-working schedule is referred to: the errors say so, all at once
        assert all("schedule-joint-working" in m for m in dangling)
        return
    schedules = schedule_titles(document)
    assert schedules[0] != "Scheme Specifications"
    specifications = schedules.index("Scheme Specifications") + 1
    assert any(f"Schedule {specifications}" in p.text for p in document.paragraphs
               if "Financial Contributions" in p.text)


def test_placement_mistakes_are_located_errors(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - title: Nowhere
            text: Where does this go?
            reason: Ours.
          - after: term
            before: vat
            title: Twice Placed
            text: Here or there.
            reason: Ours.
        move:
          - clause: vat
            reason: Forgot where.
        order:
          - clauses: [vat, audit, vat]
            reason: Twice.
        replace:
          - clause: review
            reason: Nothing given.
        """)
    result, _ = build(library, path, ok=False)
    found = [m for m in messages(result) if "change-placement" in m]
    assert len(found) == 5, messages(result)


def test_unknown_clauses_in_moves_and_orders_are_reported(library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: governanse
            after: terms
            reason: Typos.
        order:
          - clauses: [term, definitons]
            reason: Typo.
        """)
    result, _ = build(library, path, ok=False)
    found = [m for m in messages(result) if "unknown-clause" in m]
    assert len(found) == 3, messages(result)
    assert any("`clause: governanse`" in m and "`governance`" in m for m in found)
    assert any("`clauses: definitons`" in m and "`definitions`" in m for m in found)


def test_a_memorandum_can_have_a_schedule_of_its_own(library, tmp_path):
    croydon = ROOT / "schemes" / "croydon-icu.yaml"
    path = tmp_path / "scheme.yaml"
    path.write_text(textwrap.dedent(f"""\
        extends: {croydon}
        changes:
          add:
            - schedule: true
              document: mou
              title: Form of Confirmation
              text: Each Party confirms its support for this Memorandum by signing below.
              subclauses:
                - "Signed for and on behalf of [[party:the Council:name]]: ____________"
              reason: A signature page for the Parties' executive boards.
        """), encoding="utf-8")
    result = process(path, library, Settings(ROOT), "mou", write=True)
    assert result.ok, messages(result)
    files = result.built[0].files
    document = docx.Document(io.BytesIO(files[next(n for n in files if n.endswith(".docx"))]))
    assert schedule_titles(document) == ["Form of Confirmation"]
    assert any(p.text.startswith("Signed for and on behalf of London Borough of Croydon")
               or "Croydon" in p.text and p.text.startswith("Signed for")
               for p in document.paragraphs)
    agreement = process(path, library, Settings(ROOT), "section75", write=False)
    assert agreement.ok, messages(agreement)
    assert all(s.title != "Form of Confirmation" for s in agreement.built[0].draft.schedules)


def test_a_schedule_added_at_the_end_must_name_its_document(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - schedule: true
            title: Forms
            text: The forms.
            reason: Ours.
        """)
    result, _ = build(library, path, ok=False)
    assert any("change-placement" in m and "`document:`" in m for m in messages(result))


def test_one_contribution_schedule_per_partner_from_the_funds(library, tmp_path):
    path = scheme(tmp_path, """
        include:
          - clause: schedule-partner-contributions
            reason: One schedule per partner, as in our agreement.
        """)
    _, document = build(library, path)
    schedules = schedule_titles(document)
    assert schedules[1:3] == [
        "Financial Contributions of Southampton City Council",
        "Financial Contributions of NHS Southampton City Clinical Commissioning Group"]
    totals = {}
    for table in document.tables:
        cells = [[c.text for c in row.cells] for row in table.rows]
        if cells[0][:2] == ["Scheme", "2017/18"] and len(cells[0]) == 3:
            totals[len(totals)] = cells[-1]
    assert totals == {0: ["Total", "35,695", "35,695"], 1: ["Total", "69,501", "69,501"]}


def test_one_partners_contribution_schedule_can_be_moved_renamed_and_omitted(library, tmp_path):
    path = scheme(tmp_path, """
        include:
          - clause: schedule-partner-contributions
            reason: One schedule per partner, as in our agreement.
        move:
          - clause: schedule-partner-contributions-the-ccg
            before: schedule-partner-contributions-the-council
            reason: The CCG's schedule comes first in our agreement.
        rename:
          - clause: schedule-partner-contributions-the-ccg
            title: Contributions of the CCG
            reason: Our agreement's heading.
        """)
    _, document = build(library, path)
    assert schedule_titles(document)[1:3] == [
        "Contributions of the CCG", "Financial Contributions of Southampton City Council"]
    path = scheme(tmp_path, """
        include:
          - clause: schedule-partner-contributions
            reason: One schedule per partner, as in our agreement.
        omit:
          - clause: schedule-partner-contributions-the-ccg
            reason: The CCG's contributions are in the Scheme Specifications.
        """)
    _, document = build(library, path)
    titles = schedule_titles(document)
    assert "Financial Contributions of Southampton City Council" in titles
    assert not any("Clinical Commissioning Group" in t for t in titles)


def test_a_misspelt_copy_of_a_repeated_schedule_is_an_unknown_clause(library, tmp_path):
    path = scheme(tmp_path, """
        include:
          - clause: schedule-partner-contributions
            reason: One schedule per partner.
        omit:
          - clause: schedule-partner-contributions-the-cgg
            reason: Misspelt.
        """)
    result, _ = build(library, path, ok=False)
    assert any("error[unknown-clause]" in m and "schedule-partner-contributions-the-cgg" in m
               for m in messages(result)), messages(result)


def test_a_term_reference_follows_the_schemes_vocabulary(library, tmp_path):
    path = scheme(tmp_path, """
        add:
          - after: governance
            title: Local Fund
            text: The [[term:Pooled Fund]] and the [[term:Integrated Care Fund]] are one fund.
            reason: Ours.
        """, extra="""
        vocabulary:
          terms:
            Pooled Fund: Integrated Care Fund
        """)
    _, document = build(library, path)
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Local Fund") + 1] == \
        "The Integrated Care Fund and the Integrated Care Fund are one fund."


def test_an_added_definition_may_refer_to_a_schedule(library, tmp_path):
    path = scheme(tmp_path, "", extra="""
        vocabulary:
          definitions:
            - term: Eligibility Criteria
              meaning: the criteria set out in [[schedule:schedule-governance]] {{ x }}
        """)
    path.write_text(path.read_text().replace("changes:\n", ""), encoding="utf-8")
    result, document = build(library, path)
    texts = [p.text for p in document.paragraphs]
    governance = schedule_titles(document).index("Governance") + 1
    assert any(t.startswith("“Eligibility Criteria” means the criteria set out in Schedule "
                            f"{governance} {{{{ x }}}}") for t in texts), \
        [t for t in texts if "Eligibility" in t]
    assert "_Ref_schedule_governance" in ref_fields(document)
    assert any("scheme-template-text" in m for m in messages(result))


def test_lists_of_references_come_out_in_number_order(library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: dispute-resolution
            after: governing-law
            reason: Disputes last, as in our agreement.
        """)
    _, document = build(library, path)
    sentence = next(p.text for p in document.paragraphs
                    if "takes effect. Clauses" in p.text)
    listed = re.search(r"Clauses ([\d, and]+?), any provision", sentence)
    assert listed, sentence
    numbers = [int(n) for n in re.findall(r"\d+", listed.group(1))]
    assert numbers == sorted(numbers) and len(numbers) == 4
    assert max(numbers) == len(headings(document))  # the moved clause is now the last


def test_alternatives_written_clause_by_clause_come_out_in_number_order(library, tmp_path):
    path = scheme(tmp_path, """
        move:
          - clause: confidentiality
            after: governing-law
            reason: Confidentiality comes last in our agreement.
        """)
    _, document = build(library, path)
    sentence = next(p.text for p in document.paragraphs if "a serious breach of clause" in p.text)
    listed = re.search(r"clause (\d+) or clause (\d+)", sentence)
    assert listed, sentence
    first, second = int(listed.group(1)), int(listed.group(2))
    assert first < second, sentence
    assert second == len(headings(document))  # the moved clause is now the last
