"""The law of the document's date: one scheme dated 2009 (Primary Care Trusts), 2016 (clinical
commissioning groups) and 2024 (an integrated care board) builds three agreements, each read back
from its .docx and each citing only the law in force on its date; parties out of their era are
errors at their type; and every committed draft cites no statute of another era."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import docx
import pytest
from conftest import ROOT

REDBRIDGE = ROOT / "schemes" / "redbridge-waltham-forest-ld.yaml"

# For each era, the NHS parties written in place of the Redbridge scheme's two PCTs.
ERAS = {
    "2009": ("2009-04-01",
             "  - { name: Redbridge Primary Care Trust, short_name: Redbridge NHS, type: pct }\n"
             "  - { name: Waltham Forest Primary Care Trust, short_name: Waltham Forest NHS, "
             "type: pct }\n"),
    "2016": ("2016-04-01",
             "  - { name: NHS Redbridge Clinical Commissioning Group, short_name: Redbridge NHS, "
             "type: ccg }\n"
             "  - { name: NHS Waltham Forest Clinical Commissioning Group, short_name: Waltham "
             "Forest NHS, type: ccg }\n"),
    "2024": ("2024-04-01",
             "  - { name: NHS North East London Integrated Care Board, short_name: Redbridge NHS, "
             "type: icb }\n"
             "  - { name: North East London NHS Foundation Trust, short_name: Waltham Forest NHS, "
             "type: nhs_foundation_trust }\n"),
}

# For each era, statutes and bodies the agreement must cite, and those it must not.
MUST = {
    "2009": ["the Data Protection Act 1998", "For the purposes of section 75 of the NHS Act",
             "“NHS Act” means the National Health Service Act 2006", "the NHS Litigation Authority",
             "the Information Governance Toolkit", "the Care Quality Commission",
             "directly applicable European Union law", "SI 2000/617), as amended",
             "a Primary Care Trust established under section 18 of the National Health Service "
             "Act 2006", "Schedule 2 to the Data Protection Act 1998"],
    "2016": ["the Data Protection Act 1998", "the NHS Litigation Authority",
             "Health and Wellbeing Board", "the Care Quality Commission",
             "a clinical commissioning group established under the National Health Service Act "
             "2006", "directly applicable European Union law", "privacy impact assessment"],
    "2024": ["the UK GDPR (as defined in the Data Protection Act 2018)",
             "Article 26 of the UK GDPR", "NHS Resolution", "data protection impact assessment",
             "the Data Security and Protection Toolkit", "assimilated law",
             "an integrated care board established under the National Health Service Act 2006",
             "read as a reference to the integrated care board"],
}
MUST_NOT = {
    "2009": ["GDPR", "Data Protection Act 2018", "Procurement Act 2023", "Provider Selection",
             "Public Contracts Regulations 2015", "NHS Resolution", "Data Security and Protection",
             "Health and Wellbeing Board", "Care Act 2014", "integrated care board",
             "clinical commissioning group", "assimilated law", "retained EU law",
             "Equality Act 2010", "Bribery Act 2010", "NHS England", "National Data Guardian",
             "Health Act 1999"],
    "2016": ["GDPR", "Data Protection Act 2018", "Procurement Act 2023", "Provider Selection",
             "NHS Resolution", "Data Security and Protection", "integrated care board",
             "assimilated law", "retained EU law", "Primary Care Trust", "Health Act 1999",
             "Public Contracts Regulations 2006"],
    "2024": ["Data Protection Act 1998", "Procurement Act 2023", "NHS Litigation Authority",
             "Information Governance Toolkit", "retained EU law", "Primary Care Trust",
             "(Procurement, Patient Choice and Competition)", "Public Contracts Regulations 2006",
             "Health Act 1999", "European Union law"],
}


def era_scheme(tmp_path: Path, era: str, day: str = "") -> Path:
    """Return the Redbridge scheme rewritten for an era: its date (the era's, or `day`), its
    financial years moved to match, and its NHS parties."""
    day = day or ERAS[era][0]
    parties = ERAS[era][1]
    text = REDBRIDGE.read_text("utf-8")
    text = re.sub(r"  - \{ name: Redbridge Primary Care Trust.*\n  - \{ name: Waltham Forest "
                  r"Primary Care Trust.*\n", lambda _m: parties, text)
    text = text.replace("Redbridge PCT", "Redbridge NHS").replace(
        "Waltham Forest PCT", "Waltham Forest NHS").replace("each PCT", "each NHS Partner")
    text = re.sub(r"agreement_date: .*\n", f"agreement_date: {day}\n", text)
    text = re.sub(r"commencement_date: .*\n", f"commencement_date: {day}\n", text)
    text = text.replace("id: redbridge-waltham-forest-ld", f"id: redbridge-{era}")
    moved = datetime.date.fromisoformat(day)
    shift = (moved.year if moved.month >= 4 else moved.year - 1) - 2009
    text = re.sub(r"\b(20\d\d)/(\d\d)\b", lambda m: f"{int(m[1]) + shift}/"
                  f"{(int(m[2]) + shift) % 100:02d}", text)
    path = tmp_path / f"redbridge-{era}.yaml"
    path.write_text(text, "utf-8")
    return path


def clause_text(path: Path) -> str:
    """Return the text of a .docx without its drafting notes, white space collapsed."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs if p.style.name != "Drafting Note"]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, str]:
    from generator.cli import main

    folder = tmp_path_factory.mktemp("eras")
    out = {}
    for era in ERAS:
        scheme = era_scheme(folder, era)
        assert main(["build", str(scheme), "--doc", "section75", "--out",
                     str(folder / "out")]) == 0, era
        out[era] = clause_text(folder / "out" / f"redbridge-{era}" / "section75-agreement.docx")
    return out


@pytest.mark.parametrize("era", sorted(ERAS))
def test_each_era_cites_the_law_of_its_date(drafts, era):
    text = drafts[era]
    assert [m for m in MUST[era] if m not in text] == []
    assert [m for m in MUST_NOT[era] if m in text] == []


def test_an_agreement_before_1_march_2007_is_made_under_section_31_of_the_health_act_1999(
        tmp_path, cli):
    scheme = era_scheme(tmp_path, "2009", "2006-04-01")
    status, out = cli("build", scheme, "--doc", "section75", "--out", tmp_path / "out")
    assert status == 0, out
    text = clause_text(tmp_path / "out" / "redbridge-2009" / "section75-agreement.docx")
    assert "For the purposes of section 31 of the Health Act 1999" in text
    assert "“NHS Act” means the National Health Service Act 1977" in text
    assert ("a Primary Care Trust established under section 16A of the National Health Service "
            "Act 1977") in text
    assert "National Health Service Act 2006" not in text


def test_the_procurement_and_equality_law_follow_the_date():
    """The Redbridge scheme replaces these clauses with its own: the library's own wording is
    read from committed drafts of 2017 (Southampton) and 2021 (North Yorkshire)."""
    southampton = (ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.md").read_text()
    assert ("including (as applicable) the Public Contracts Regulations 2015 and the National "
            "Health Service (Procurement, Patient Choice and Competition) (No. 2) Regulations "
            "2013") in southampton
    assert ("comply with the Equality Act 2010 and have due regard, as section 149 of that Act "
            "requires") in southampton
    yorkshire = (ROOT / "output" / "north-yorkshire-healthy-child" / "section75-agreement.md")
    assert "Article 26 of the UK GDPR" in yorkshire.read_text()


@pytest.mark.parametrize(("era", "day", "message"), [
    ("2016", "2023-01-01", "error[party-out-of-era]: NHS Redbridge Clinical Commissioning Group "
     "is a clinical commissioning group (type: ccg), but clinical commissioning groups could be "
     "parties only from 1 April 2013 to 30 June 2022, and this scheme is dated 1 January 2023: "
     "name the body that held its functions on that date, or correct the date"),
    ("2016", "2012-04-01", "error[party-out-of-era]: NHS Redbridge Clinical Commissioning Group "
     "is a clinical commissioning group (type: ccg), but clinical commissioning groups could be "
     "parties only from 1 April 2013 to 30 June 2022, and this scheme is dated 1 April 2012: "
     "name the body that held its functions on that date, or correct the date"),
    ("2024", "2022-06-30", "error[party-out-of-era]: NHS North East London Integrated Care "
     "Board is an integrated care board (type: icb), but integrated care boards could be "
     "parties only from 1 July 2022, and this scheme is dated 30 June 2022: name the body that "
     "held its functions on that date, or correct the date"),
    ("2009", "2013-04-01", "error[party-out-of-era]: Redbridge Primary Care Trust is a Primary "
     "Care Trust (type: pct), but Primary Care Trusts could be parties only from 1 April 2000 to "
     "31 March 2013, and this scheme is dated 1 April 2013: name the body that held its "
     "functions on that date, or correct the date"),
])
def test_a_party_out_of_its_era_is_an_error_at_its_type(tmp_path, cli, era, day, message):
    scheme = era_scheme(tmp_path, era, day)
    text = scheme.read_text()
    status, out = cli("check", scheme)
    assert status == 1
    line = 1 + text.split("\n").index(next(x for x in text.split("\n") if "type: " in x
                                           and "NHS" in x or "Primary Care Trust" in x))
    found = [x for x in out if "[party-out-of-era]" in x]
    assert found and found[0].endswith(message), out
    assert f":{line}:" in found[0], found[0]


def test_a_strategic_health_authority_or_care_trust_after_march_2013_is_an_error(tmp_path, cli):
    scheme = era_scheme(tmp_path, "2016")
    text = scheme.read_text().replace("type: ccg }", "type: care_trust }", 1)
    text = text.replace("type: ccg }", "type: strategic_health_authority }", 1)
    scheme.write_text(text)
    _status, out = cli("check", scheme)
    assert [x.split("error[party-out-of-era]: ")[1].split(", and")[0] for x in out
            if "party-out-of-era" in x] == [
        "NHS Redbridge Clinical Commissioning Group is a Care Trust (type: care_trust), but Care "
        "Trusts could be parties only from 1 April 2002 to 31 March 2013",
        "NHS Waltham Forest Clinical Commissioning Group is a Strategic Health Authority (type: "
        "strategic_health_authority), but Strategic Health Authorities could be parties only from "
        "1 July 2002 to 31 March 2013"]


def test_a_subject_with_no_wording_on_the_date_is_an_error_at_the_agreement_date(
        tmp_path, cli):
    scheme = era_scheme(tmp_path, "2009", "2004-06-01")
    text = scheme.read_text()
    status, out = cli("check", scheme)
    assert status == 1
    line = 1 + text.split("\n").index("agreement_date: 2004-06-01")
    gaps = [x for x in out if "[no-law-for-date]" in x]
    assert any(f"redbridge-2009.yaml:{line}:1: error[no-law-for-date]: the draft cites the law "
               "on “Freedom of information” (`freedom_of_information`), and the clause "
               "library's law table (clauses/law.yaml) has no wording for it on 1 June 2004 (it "
               "has wording for 1 January 2005 onwards): correct the date, or omit the clauses "
               "that cite it" in x for x in gaps), out


# Citations that cannot appear in a draft dated outside their span: (pattern, first, last day).
WRONG_ERA = [
    (r"\bUK GDPR\b", datetime.date(2021, 1, 1), None),
    (r"General Data Protection Regulation|\bGDPR\b", datetime.date(2018, 5, 25), None),
    (r"Data Protection Act 2018", datetime.date(2018, 5, 23), None),
    (r"Data Protection Act 1998", None, datetime.date(2018, 5, 24)),
    (r"Procurement Act 2023", datetime.date(2025, 2, 24), None),
    (r"Provider Selection Regime", datetime.date(2024, 1, 1), None),
    (r"Public Contracts Regulations 2006", None, datetime.date(2015, 2, 25)),
    (r"assimilated law", datetime.date(2024, 1, 1), None),
    (r"retained EU law", datetime.date(2021, 1, 1), datetime.date(2023, 12, 31)),
    (r"NHS Resolution", datetime.date(2017, 4, 1), None),
    (r"NHS Litigation Authority", None, datetime.date(2017, 3, 31)),
    (r"Data Security and Protection Toolkit", datetime.date(2018, 4, 1), None),
    (r"Information Governance Toolkit", None, datetime.date(2018, 3, 31)),
    (r"Care Act 2014", datetime.date(2014, 5, 14), None),
    (r"Health and Wellbeing Board", datetime.date(2013, 4, 1), None),
    (r"integrated care board", datetime.date(2022, 7, 1), None),
    (r"a clinical commissioning group established", datetime.date(2013, 4, 1),
     datetime.date(2022, 6, 30)),
    (r"a Primary Care Trust established", None, datetime.date(2013, 3, 31)),
    (r"section 31 of the Health Act 1999", None, datetime.date(2007, 2, 28)),
    (r"Local Government and Social Care Ombudsman", datetime.date(2017, 6, 19), None),
    (r"Local Government Ombudsman", None, datetime.date(2017, 6, 18)),
    (r"Local Safeguarding Children Board", None, datetime.date(2019, 9, 28)),
    (r"local safeguarding children partnership", datetime.date(2019, 9, 29), None),
]
DATED = re.compile(r"(?:This Agreement is dated|^Date:|dated) (\d{1,2} \w+ \d{4})", re.M)


def committed_drafts() -> list[Path]:
    return sorted((ROOT / "output").glob("*/*.md"))


def draft_date(text: str) -> datetime.date | None:
    found = DATED.search(text)
    return datetime.datetime.strptime(found.group(1), "%d %B %Y").date() if found else None


@pytest.mark.parametrize("path", committed_drafts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_committed_draft_cites_a_statute_of_another_era(path):
    if path.name.endswith(".deviations.md"):
        pytest.skip("a report, not a draft")
    text = "\n".join(line for line in path.read_text("utf-8").splitlines()
                     if not line.startswith("> Drafting note"))
    day = draft_date(text)
    if day is None:
        pytest.skip("undated")
    wrong = [pattern for pattern, first, last in WRONG_ERA
             if re.search(pattern, text) and ((first and day < first) or (last and day > last))]
    assert wrong == [], f"{path.parent.name} dated {day}"


def straddling_draft(tmp_path: Path, day: str, years: int) -> str:
    """Return the clause text of the 2016-era Redbridge agreement dated `day`, with a term of
    `years` years from that day."""
    from generator.cli import main

    scheme = era_scheme(tmp_path, "2016", day)
    text = re.sub(r"^term: .*\n", f"term: {{ initial_years: {years} }}\n",
                  scheme.read_text("utf-8"), count=1, flags=re.M)
    scheme.write_text(text, "utf-8")
    assert main(["build", str(scheme), "--doc", "section75", "--out", str(tmp_path / "out")]) == 0
    return clause_text(tmp_path / "out" / "redbridge-2016" / "section75-agreement.docx")


def test_a_term_running_past_25_may_2018_names_both_data_protection_regimes(tmp_path):
    text = straddling_draft(tmp_path, "2017-04-01", 3)
    assert ("“Data Protection Legislation” means the data protection legislation in force "
            "during the Term (until 24 May 2018, the Data Protection Act 1998; from 25 May 2018, "
            "the General Data Protection Regulation ((EU) 2016/679) and any legislation of the "
            "United Kingdom implementing or supplementing it), the Privacy and Electronic "
            "Communications") in text
    assert ("From 25 May 2018, when the General Data Protection Regulation ((EU) 2016/679) and "
            "any legislation of the United Kingdom implementing or supplementing it replace the "
            "Data Protection Act 1998:") in text
    # the Act of 2018 had not been passed on the agreement's date, so no body text names it
    assert not [line for line in text.splitlines()
                if "Data Protection Act 2018" in line and not line.startswith(">")]
    assert "Article 26 of the General Data Protection Regulation requires" in text
    assert "privacy impact assessment" in text  # the 1998 regime until that date
    assert "UK GDPR" not in text  # the term ends before 2021, and it was not yet made


def test_a_term_ending_before_25_may_2018_cites_the_1998_act_alone(tmp_path):
    text = straddling_draft(tmp_path, "2017-04-01", 1)
    assert "“Data Protection Legislation” means the Data Protection Act 1998, the Privacy" in text
    assert "GDPR" not in text and "General Data Protection Regulation" not in text


def test_law_not_yet_made_on_the_agreement_date_is_not_cited(tmp_path):
    """An agreement made before the General Data Protection Regulation was adopted cannot name
    it, however long its term."""
    text = straddling_draft(tmp_path, "2016-04-01", 5)
    assert "General Data Protection Regulation" not in text
    assert "the Data Protection Act 1998" in text


def test_the_title_and_cover_of_an_agreement_before_1_march_2007_cite_section_31(tmp_path, cli):
    scheme = era_scheme(tmp_path, "2009", "2006-04-01")
    text = scheme.read_text("utf-8")
    assert "headings: { section75: Agreement }\n" in text
    scheme.write_text(text.replace("headings: { section75: Agreement }\n", ""), "utf-8")
    status, out = cli("build", scheme, "--doc", "section75", "--out", tmp_path / "out")
    assert status == 0, out
    folder = tmp_path / "out" / "redbridge-2009"
    twin = (folder / "section75-agreement.md").read_text("utf-8")
    assert twin.startswith("# Section 31 Partnership Agreement\n")
    document = docx.Document(str(folder / "section75-agreement.docx"))
    xml = "".join(t.text or "" for t in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert "Partnership agreement made under section 31 of the Health Act 1999" in xml
    assert "Section 75" not in xml and "section 75" not in xml
    assert document.core_properties.subject == "Section 31 Partnership Agreement"


def test_no_draft_dated_before_the_better_care_fund_cites_it(tmp_path, cli):
    """Neither the text nor the drafting notes (Word comments) of a 2009 agreement mention the
    Better Care Fund, its template, planning requirements or the 2015 transparency code."""
    scheme = era_scheme(tmp_path, "2009")
    status, out = cli("build", scheme, "--doc", "section75", "--out", tmp_path / "out")
    assert status == 0, out
    document = docx.Document(str(tmp_path / "out" / "redbridge-2009" / "section75-agreement.docx"))
    notes = " ".join(c.text for c in document.comments)
    assert "is usual in partnership agreements between NHS bodies and councils" in notes
    for text in (notes, clause_text(tmp_path / "out" / "redbridge-2009" /
                                    "section75-agreement.docx")):
        assert "Better Care Fund" not in text
        assert "Transparency Code" not in text


def test_a_body_renamed_during_the_term_is_cited_with_its_successor(tmp_path):
    """The NHS Litigation Authority became NHS Resolution on 1 April 2017, the Local Government
    Ombudsman the Local Government and Social Care Ombudsman on 19 June 2017 and the Information
    Governance Toolkit the Data Security and Protection Toolkit on 1 April 2018: an agreement
    made in 2016 for three years names each as it was, with its successor."""
    text = straddling_draft(tmp_path, "2016-04-01", 3)
    assert "the NHS Litigation Authority (or any successor body)" in text
    assert "the Local Government Ombudsman (or any successor body)" in text
    assert "the Information Governance Toolkit (or any assessment that replaces it)" in text


def test_a_body_not_renamed_during_the_term_is_cited_alone(tmp_path):
    text = straddling_draft(tmp_path, "2016-04-01", 1)  # ends 31 March 2017
    assert "the NHS Litigation Authority" in text
    assert "successor body" not in text and "replaces it" not in text


def test_a_successor_that_is_not_text_is_an_error_at_its_line(tmp_path):
    from generator.load.law import load_law

    path = tmp_path / "law.yaml"
    path.write_text("body:\n  subject: A body\n  successor: [or, any]\n  eras:\n"
                    "    - { id: one, from: 2000-01-01, wording: the Body }\n", "utf-8")
    table, problems = load_law(path)
    assert [(p.code, p.loc.line) for p in problems] == [("wrong-type", 3)]
    assert table.subjects["body"].successor == ""
