"""Execution and parties, read back from the written .docx: an unnumbered execution page after
the schedules with a block per party (signature, or the common seal), date lines blank on a
draft and filled on a final scheme, parties by their legal names and principal offices, the
memorandum's signature lines, the terms of reference's adoption block, and the recital of
interim arrangements in a retrospective agreement."""

from __future__ import annotations

import io
import json

import docx
from conftest import ROOT
from docx.oxml.ns import qn

from generator.model.draft import BLANK
from generator.pipeline import Settings, process

MINIMAL = ROOT / "tests/cases/pooled-fund-minimal/scheme.yaml"
TOR_ONLY = ROOT / "tests/cases/tor-only/scheme.yaml"
CITY = ROOT / "schemes/city-of-london.yaml"
SEAL = ("The common seal of the Mayor and Commonalty and Citizens of the City of London was "
        "affixed to this Agreement in the presence of:")
RETROSPECTIVE = "The Partners have worked together under the arrangements set out in this Agreement"


def documents(library, path) -> dict[str, docx.document.Document]:
    """Return each document the scheme builds, written and opened with python-docx."""
    result = process(path, library, Settings(ROOT), "all", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    return {b.document: docx.Document(io.BytesIO(
        b.files[next(n for n in b.files if n.endswith(".docx"))])) for b in result.built}


def edited(path, *replacements: tuple[str, str]) -> str:
    """Return a scheme's text (read from `path`, or `path` itself when it is text) with each
    (old, new) replaced once; every old must be there."""
    text = path if isinstance(path, str) else path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def final_minimal(agreement_date: str = "2025-04-01") -> str:
    """Return the minimal agreement made final (its figures no longer illustrative), dated
    `agreement_date`, the Council executing under its common seal."""
    return edited(MINIMAL, ("status: draft", "status: final"),
                  ("      illustrative: true\n", ""),
                  ("agreement_date: 2025-04-01", f"agreement_date: {agreement_date}"),
                  ("    type: unitary_council\n",
                   "    type: unitary_council\n    legal_name: Avonmere Borough Council\n"
                   "    address: Town Hall, High Street, Avonmere AV1 1AA\n"
                   "    execution: seal\n"))


def texts(document) -> list[str]:
    """Return the text of every body paragraph, in order."""
    return [p.text for p in document.paragraphs]


def execution(document) -> list:
    """Return the paragraphs of the execution page: from its heading to the end."""
    paragraphs = document.paragraphs
    start = max(i for i, p in enumerate(paragraphs)
                if p.style.name == "Front Heading" and p.text == "EXECUTION")
    return paragraphs[start:]


def numbered(paragraph) -> bool:
    """Return whether Word numbers the paragraph: directly, or through its style."""
    if paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:numPr")) is not None:
        return True
    style = paragraph.style.element
    return style.pPr is not None and style.pPr.find(qn("w:numPr")) is not None


def test_execution_is_one_unnumbered_block_per_party_after_the_schedules(library):
    agreement = documents(library, CITY)["section75"]
    page = execution(agreement)
    lines = [p.text for p in page]
    assert lines[1] == ("This Agreement is a simple contract and not a deed, although the Mayor "
                        "and Commonalty and Citizens of the City of London executes it under its "
                        "common seal. This Agreement has been entered into on the date stated at "
                        "the beginning of it.")
    assert not any(numbered(p) for p in page)
    assert lines.count(SEAL) == 1  # the City Corporation seals
    assert lines.count("Signed for and on behalf of NHS City and Hackney Clinical "
                       "Commissioning Group") == 1
    assert lines.count(f"Authorised Signatory: {BLANK}") == 1
    assert lines.count(f"Signature: {BLANK}") == 1
    for line in ("Name", "Position", "Date"):
        assert lines.count(f"{line}: {BLANK}") == 2  # one of each per party
    assert lines[-1] == f"Date: {BLANK}"  # nothing comes after it (the note is a comment)


def test_the_execution_page_leaves_clause_and_schedule_numbering_alone(library):
    agreement = documents(library, CITY)["section75"]
    manifest = json.loads((ROOT / "output/city-of-london/section75-agreement.manifest.json")
                          .read_text("utf-8"))["clauses"]
    schedules = [e for e in manifest if e["kind"] == "schedule"]
    assert [e["number"] for e in schedules] == [f"Schedule {i}"
                                                for i in range(1, len(schedules) + 1)]
    assert "Execution" not in [p.text for p in agreement.paragraphs
                               if p.style.name == "Schedule Title"]
    assert [(e["kind"], e["number"]) for e in manifest if e["id"] == "execution"] == [("end", "")]
    clauses = [e for e in manifest if e["kind"] == "clause"]
    assert [e["number"] for e in clauses] == [str(i) for i in range(1, len(clauses) + 1)]
    headings = [p.text for p in agreement.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == len(clauses)


def test_a_draft_leaves_its_date_lines_blank(library):
    agreement = documents(library, MINIMAL)["section75"]
    body = texts(agreement)
    assert f"Dated {BLANK}" in body  # the cover
    assert f"This Agreement is dated {BLANK} and is made between:" in body
    assert "1 April 2025" not in " ".join(body[:12])
    assert [p.text for p in execution(agreement)].count(f"Date: {BLANK}") == 2


def test_a_final_scheme_fills_its_date_lines_and_seals_where_asked(library, scheme_file):
    agreement = documents(library, scheme_file(final_minimal()))["section75"]
    body = texts(agreement)
    assert "Dated 1 April 2025" in body
    assert "This Agreement is dated 1 April 2025 and is made between:" in body
    page = [p.text for p in execution(agreement)]
    assert page.count("Date: 1 April 2025") == 2
    assert ("The common seal of Avonmere Borough Council was affixed to this Agreement in the "
            "presence of:") in page
    assert "Signed for and on behalf of NHS Avonmere Integrated Care Board" in page


def test_parties_by_legal_name_and_principal_office_then_the_partners(library):
    agreement = documents(library, CITY)["section75"]
    body = texts(agreement)
    party = next(t for t in body if t.startswith("The Mayor and Commonalty"))
    assert party.startswith("The Mayor and Commonalty and Citizens of the City of London, whose "
                            "principal office is at Guildhall, London EC2V 7HH, acting by the "
                            "Common Council of the City of London")
    assert "City of London Corporation" in body  # the cover keeps the name in use
    assert party.endswith("(the \u201cCity Corporation\u201d); and")
    assert body[body.index(party) + 1].endswith("(the \u201cCCG\u201d),")  # the last party
    closing = body[body.index(party) + 2]
    assert closing == "(together the \u201cPartners\u201d and each a \u201cPartner\u201d)."
    assert not any(t.startswith("\u201cPartners\u201d means") for t in body)  # defined once


def test_memorandum_signatories_have_signature_name_position_and_date_lines(library):
    memorandum = documents(library, ROOT / "schemes/croydon-icu.yaml")["mou"]
    body = texts(memorandum)
    start = body.index("Signed for and on behalf of NHS Croydon Clinical Commissioning Group")
    assert body[start:start + 5] == [
        "Signed for and on behalf of NHS Croydon Clinical Commissioning Group",
        f"Signature: {BLANK}", "Name: Paula Swann", "Position: Chief Officer",
        f"Date: {BLANK}"]
    assert body.count(f"Signature: {BLANK}") == 4  # one per signatory
    assert body.count("Signed for and on behalf of the Mayor and Burgesses of the London "
                      "Borough of Croydon") == 3


def test_terms_of_reference_carry_an_adoption_block(library, scheme_file):
    draft = texts(documents(library, TOR_ONLY)["tor"])
    assert draft[-3:] == [f"Approved by: {BLANK}", f"Date of approval: {BLANK}",
                          f"Date of next review: {BLANK}"]
    adopted = edited(TOR_ONLY, ("status: draft", "status: final"),
                     ("board:\n", "tor:\n  approved_by: the Avonshire Health and Wellbeing Board\n"
                                  "  approved_on: 2025-06-18\n  review_by: 2026-06-30\n\nboard:\n"))
    final = texts(documents(library, scheme_file(adopted))["tor"])
    assert "Dated 18 June 2025" in final  # dated on adoption
    assert final[-3:] == ["Approved by: the Avonshire Health and Wellbeing Board",
                          "Date of approval: 18 June 2025", "Date of next review: 30 June 2026"]


def test_the_interim_arrangements_recital_only_when_the_agreement_is_retrospective(
        library, scheme_file):
    signed_later = texts(documents(library, scheme_file(final_minimal("2025-07-15")))[
        "section75"])
    assert any(t.startswith(RETROSPECTIVE) for t in signed_later)
    assert "This Agreement is dated 15 July 2025 and is made between:" in signed_later
    same_day = texts(documents(library, scheme_file(final_minimal()))["section75"])
    assert not any(t.startswith(RETROSPECTIVE) for t in same_day)


def test_an_execution_page_the_scheme_writes_keeps_its_lists(library, scheme_file):
    text = MINIMAL.read_text(encoding="utf-8") + (
        "\nchanges:\n  replace:\n    - clause: execution\n"
        "      reason: The Council's standing orders prescribe the attestation.\n"
        "      text: Executed by the Partners as follows.\n"
        "      subclauses:\n"
        "        - text: 'The Council, by:'\n"
        "          items: [its Monitoring Officer; and, its Chief Executive.]\n")
    agreement = documents(library, scheme_file(text))["section75"]
    page = execution(agreement)
    assert [p.text for p in page[1:5]] == ["Executed by the Partners as follows.",
                                          "The Council, by:", "its Monitoring Officer; and",
                                          "its Chief Executive."]
    assert [p.style.name for p in page[2:5]] == ["Body Indent", "Clause 3", "Clause 3"]


def test_a_final_scheme_without_the_date_of_adoption_is_warned(cli, scheme_file):
    path = scheme_file(edited(TOR_ONLY, ("status: draft", "status: final")))
    status, out = cli("check", path)
    assert status == 0
    assert any("warning[final-undated]: the scheme is final but gives no `tor: approved_on:`"
               in line for line in out)


def test_named_signatories_and_seal_attesting_officers_fill_their_lines(library, scheme_file):
    text = edited(final_minimal(),
                  ("    execution: seal\n",
                   "    execution: seal\n    attested_by:\n"
                   "      - { name: Jane Okafor, position: Head of Legal Services }\n"
                   "      - { name: Sam Price, position: Monitoring Officer }\n"),
                  ("    type: icb\n",
                   "    type: icb\n"
                   "    signatory: { name: Alex Reid, position: Chief Executive }\n"))
    page = [p.text for p in execution(documents(library, scheme_file(text))["section75"])]
    seal = page.index("The common seal of Avonmere Borough Council was affixed to this "
                      "Agreement in the presence of:")
    assert page[seal + 1:seal + 7] == [
        f"Authorised Signatory: {BLANK}", "Name: Jane Okafor",
        "Position: Head of Legal Services", f"Authorised Signatory: {BLANK}",
        "Name: Sam Price", "Position: Monitoring Officer"]
    signed = page.index("Signed for and on behalf of NHS Avonmere Integrated Care Board")
    assert page[signed + 1:signed + 4] == [f"Signature: {BLANK}", "Name: Alex Reid",
                                           "Position: Chief Executive"]


def test_a_seal_with_no_named_officer_has_one_blank_attestation(library, scheme_file):
    page = [p.text for p in execution(documents(library, scheme_file(final_minimal()))
                                      ["section75"])]
    assert page.count(f"Authorised Signatory: {BLANK}") == 1
    assert page.count(f"Name: {BLANK}") == 2  # the seal's officer and the ICB's signatory


def test_reports_go_to_each_partners_own_decision_making_body(library, scheme_file):
    """A clinical commissioning group reports to its governing body, an NHS trust to its board,
    a council to its cabinet unless the scheme names its decision-making body."""
    text = edited(MINIMAL, ("agreement_date: 2025-04-01", "agreement_date: 2016-04-01"),
                  ("commencement_date: 2025-04-01", "commencement_date: 2016-04-01"),
                  ("2025/26:", "2016/17:"), ("2025/26:", "2016/17:"),
                  ("    type: icb\n", "    type: ccg\n"),
                  ("    type: unitary_council\n",
                   "    type: unitary_council\n    decision_body: Health and Care Committee\n"))
    body = " ".join(texts(documents(library, scheme_file(text))["section75"]))
    assert ("present the report to its decision-making body (the Council\u2019s Health and "
            "Care Committee and the ICB\u2019s Governing Body)") in body
    assert "for an NHS body, its board" not in body
    agreement = documents(library, MINIMAL)["section75"]
    assert ("(the Council\u2019s Cabinet and the ICB\u2019s Board)"
            in " ".join(texts(agreement)))
