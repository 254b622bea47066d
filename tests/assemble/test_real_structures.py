"""Three example schemes reproduce the structure of real published section 75 agreements: each
is built for real and its .docx read back with python-docx, and the clause headings and schedule
titles come out in the real agreement's order. Also the `pct` party type and the rolling term."""

from __future__ import annotations

import io
import textwrap

import docx
from conftest import ROOT

from generator.pipeline import Settings, process

SCHEMES = ROOT / "schemes"


def build(library, path):
    """Return (result, the agreement opened with python-docx), asserting it built clean."""
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    # A board declared a joint committee whose council members are officers is drafted as an
    # advisory board, with a warning until the scheme says so itself.
    assert not [d.format() for d in result.diagnostics if d.severity == "warning"
                and d.code != "board-not-joint-committee"]
    files = result.built[0].files
    name = next(n for n in files if n.endswith(".docx"))
    return result, docx.Document(io.BytesIO(files[name]))


def styled(document, style: str) -> list[str]:
    """Return the text of every paragraph in `style`, in order."""
    return [p.text for p in document.paragraphs if p.style.name == style]


def texts(document) -> list[str]:
    """Return the text of every paragraph and table cell."""
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    return found


NORTH_YORKSHIRE = [
    "Definition and Interpretation", "Commencement and Duration", "Extending the Initial Term",
    "Partnership Arrangements", "Services", "Annual Service Review Plan",
    "Performance Management", "Financial Contributions", "Overspends and Underspends",
    "Capital Expenditure", "Set Up Costs", "Contracts (Pre-existing and Future)", "Governance",
    "Quarterly Review and Reporting", "Annual Review", "Variations", "Standards",
    "Health and Safety", "Equality Duties", "Freedom of Information",
    "Data Protection and Information Sharing", "Not used", "Confidentiality", "Audit",
    "Insurance", "Not used", "Liabilities and Indemnities", "Complaints and Investigations",
    "Healthwatch", "Dispute Resolution", "Termination", "Consequences of Termination",
    "Publicity", "No Partnership", "Third Party Rights", "Notices",
    "Assignment and Sub-contracting", "Severability", "Waiver", "Entire Agreement"]


def test_north_yorkshire_has_its_own_clause_order_with_not_used_at_22_and_26(library):
    _, document = build(library, SCHEMES / "north-yorkshire-healthy-child.yaml")
    headings = styled(document, "Heading 1")
    assert headings[:40] == NORTH_YORKSHIRE
    # Clause 41 was cut off in the source: governing law follows clause 40.
    assert headings[40:] == ["Governing Law and Jurisdiction"]
    # The schedules were not seen: the library's, without a risk share (no pooled fund) or
    # joint working obligations (the clauses hold them), and after the specifications the
    # required content the clauses have no heading for, each made a schedule.
    assert styled(document, "Schedule Title") == [
        "Scheme Specifications", "Aims and Outcomes", "Functions",
        "Non-Financial Contributions", "Governance", "Performance Arrangements",
        "Information Governance Protocol"]
    assert styled(document, "Front Heading")[-1] == "EXECUTION"  # unnumbered, after them
    body = texts(document)
    assert body.index("Not used") + 1 == body.index("Confidentiality")  # nothing under it
    assert any(t.startswith("NHS North Yorkshire Clinical Commissioning Group, a clinical")
               for t in body)  # the NHS body first
    # Insurance is a clause of substance, and the liabilities clause does not repeat it.
    start, end = body.index("Insurance"), body.index("Liabilities and Indemnities")
    insurance = " ".join(body[start:end])
    assert insurance.count("Each Partner shall") >= 4
    assert "employers’ liability" in insurance and "risk pooling scheme" in insurance
    liabilities = " ".join(body[end:body.index("Complaints and Investigations")])
    assert "insurance" not in liabilities.lower().split("drafting note")[0]


REDBRIDGE_CLAUSES = [
    "Interpretation and General", "Purpose of and Establishment of the Partnership",
    "Duration Composition and Governance of the Partnership", "Workforce Arrangements",
    "Accommodation Services and Goods",
    "Commissioning and Contracting Framework - Best Value and Clinical Governance",
    "Record Keeping Information Sharing Confidentiality and Data Protection", "The Host Partner",
    "Pooled Fund Contributions and Budget", "Assessment and Eligibility Criteria", "Charges",
    "Performance Management", "Inspection Arrangements", "Complaints", "Review", "Variation",
    "Indemnities", "Dispute Resolution", "Statutory Compliance", "Termination",
    "Assignment and Sub-Contracting", "Severance"]


def test_redbridge_and_waltham_forest_has_four_parties_and_a_schedule_per_partner(library):
    _, document = build(library, SCHEMES / "redbridge-waltham-forest-ld.yaml")
    headings = styled(document, "Heading 1")
    assert headings[:22] == REDBRIDGE_CLAUSES
    # Required library clauses the agreement has no heading for, and those they refer to.
    assert headings[22:] == [
        "Term", "Functions", "Establishment of the Pooled Fund",
        "Risk Share, Overspends and Underspends", "Consequences of Termination",
        "Confidentiality", "Freedom of Information", "Governing Law and Jurisdiction"]
    # Schedules 5 to 8 are one per partner, in the order of the parties (the real agreement
    # has Waltham Forest LBC first): the per-partner copies cannot be ordered or retitled.
    assert styled(document, "Schedule Title") == [
        "Eligibility Criteria", "Relevant Functions", "Services", "Posts Covering the Services",
        "Financial Contributions of London Borough of Redbridge",
        "Financial Contributions of London Borough of Waltham Forest",
        "Financial Contributions of Redbridge Primary Care Trust",
        "Financial Contributions of Waltham Forest Primary Care Trust",
        "Governance", "Risk Share and Overspends", "Performance Arrangements",
        "Information Governance Protocol"]
    body = texts(document)
    assert any(t.endswith("Redbridge Primary Care Trust, a Primary Care Trust established under "
                          "section 18 of the National Health Service Act 2006 "
                          "(\u201cRedbridge PCT\u201d); and")
               for t in body)
    assert document.core_properties.subject == "Agreement"  # the heading: no "Section 75"


def test_berkshire_has_a_lead_council_groups_and_a_rolling_term(library):
    _, document = build(library, SCHEMES / "berkshire-community-equipment.yaml")
    headings = styled(document, "Heading 1")
    assert headings[0] == "Terms of Agreement"
    assert headings[19] == "Termination"
    assert len(headings) == 44
    body = texts(document)
    assert ("This Agreement continues in force from the Commencement Date for a period of one "
            "year and then from year to year, until it is terminated in accordance with clause "
            "20. It has no fixed date of expiry.") in body
    joined = "\n".join(body)
    drafted = [p.text for p in document.paragraphs if p.style.name != "Drafting Note"]
    assert not [t for t in drafted if "Host Partner" in t]  # drafting notes keep the library's
    assert "Lead Council\u201d means Slough, which hosts the Pooled Fund" in joined
    assert ("Partnership Councils\u201d means Slough, Windsor and Maidenhead, Bracknell Forest, "
            "Reading, West Berkshire and Wokingham;") in joined
    assert "PCTs\u201d means NHS Berkshire East and NHS Berkshire West;" in joined
    assert "until and including" not in joined and "due to expire" not in joined


def rolling(tmp_path, lines: str):
    """Return a scheme extending the Berkshire scheme (a rolling term) with `lines` added."""
    path = tmp_path / "rolling.yaml"
    path.write_text(f"extends: {SCHEMES / 'berkshire-community-equipment.yaml'}\n"
                    + textwrap.dedent(lines), encoding="utf-8")
    return path


def test_a_rolling_term_continues_from_year_to_year_with_no_end_date(library, tmp_path):
    path = rolling(tmp_path, """\
        commencement_date: 2011-07-01
        exit: { notice_months: 6 }
        """)
    _, document = build(library, path)
    joined = "\n".join(texts(document))
    assert "then from year to year, until it is terminated in accordance with clause" in joined
    assert "continuing from year to year in accordance with clause 1 until" in joined
    assert ("this Scheme runs for the Term, from the Commencement Date and continues from year "
            "to year") in joined
    assert "giving not less than 6 months\u2019 written notice" in joined
    assert "30 June 20" not in joined  # no expiry date (the day before an anniversary)
    assert "until and including" not in joined and "It has no fixed date of expiry." in joined


def test_a_rolling_term_with_an_end_or_years_is_an_error(library, tmp_path):
    path = rolling(tmp_path, """\
        term:
          end: 2014-03-31
          initial_years: 3
          extension_years: 1
        """)
    result = process(path, library, Settings(ROOT), "section75", write=False)
    found = [d.format() for d in result.diagnostics]
    assert not result.ok
    for line, key in enumerate(("end", "initial_years", "extension_years"), start=3):
        assert any(f"rolling.yaml:{line}:3: error[invalid-value]: `{key}:` cannot be given with "
                   "`rolling: true`" in m for m in found), found


def test_each_real_structure_is_written_in_at_most_150_lines_of_yaml():
    """The three schemes reproducing real agreements stay short enough for a commissioner to
    read: at most 150 lines each, comments included."""
    for name in ("north-yorkshire-healthy-child.yaml", "redbridge-waltham-forest-ld.yaml",
                 "berkshire-community-equipment.yaml"):
        lines = (SCHEMES / name).read_text(encoding="utf-8").count("\n")
        assert lines <= 150, f"{name}: {lines} lines"
