"""`s75 absorb`: a lawyer's edits to a generated draft, made in Word's file format with
python-docx (and as tracked changes written into the document's XML), come back into the scheme;
rebuilding the scheme then gives the lawyer's text, and the scheme file keeps its comments."""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path

import docx
import pytest
from conftest import ROOT

from generator.cli import main
from generator.ooxml.docxtext import DocumentText
from generator.ooxml.package import read_package
from generator.review.clausetext import REF_CLOSE, REF_OPEN, reference_key

CROYDON = ROOT / "schemes" / "croydon-icu.yaml"
DOCUMENT = "section75-agreement.docx"
HEADINGS = ("Heading 1", "Front Heading", "Schedule Heading")
MARKER = "# A comment the absorb tests check survives byte for byte.\n"


@pytest.fixture
def workspace(tmp_path, cli):
    """Return (scheme copy, its built agreement): Croydon's scheme with a comment of its own."""
    return make_workspace(tmp_path, cli)


def make_workspace(tmp_path: Path, cli) -> tuple[Path, Path]:
    """Write the scheme copy and build its agreement; return both paths."""
    scheme = tmp_path / "croydon-icu.yaml"
    scheme.write_text(MARKER + CROYDON.read_text(encoding="utf-8"), encoding="utf-8")
    status, _ = cli("build", scheme, "--out", tmp_path / "out", "--doc", "section75")
    assert status == 0
    return scheme, tmp_path / "out" / "croydon-icu" / DOCUMENT


def rebuild(cli, scheme: Path, folder: Path) -> Path:
    """Build the scheme again into `folder`; return the agreement."""
    status, out = cli("build", scheme, "--out", folder, "--doc", "section75")
    assert status == 0, out
    return folder / "croydon-icu" / DOCUMENT


def heading(document, title: str):
    """Return the top-level heading paragraph with this title."""
    return next(p for p in document.paragraphs if p.style.name in HEADINGS
                and p.text.strip().lower() == title.lower())


def clause_body(document, title: str) -> list:
    """Return the paragraphs of a clause after its heading, up to the next heading."""
    start = heading(document, title)
    out, seen = [], False
    for p in document.paragraphs:
        if p._p is start._p:
            seen = True
            continue
        if seen and p.style.name in HEADINGS:
            break
        if seen:
            out.append(p)
    return out


def set_text(paragraph, text: str) -> None:
    """Give a paragraph new text in its first run (fields and other runs removed, the anchor
    of a comment kept)."""
    for run in paragraph.runs[1:]:
        if not run._r.xpath("./w:commentReference"):
            run._r.getparent().remove(run._r)
    for child in list(paragraph._p):
        if child.tag.endswith("}fldSimple") or child.tag.endswith("}hyperlink"):
            paragraph._p.remove(child)
    paragraph.runs[0].text = text


def replace_in_runs(paragraph, old: str, new: str) -> None:
    """Change words inside one run of a paragraph, leaving its fields as they are."""
    run = next(r for r in paragraph.runs if old in r.text)
    run.text = run.text.replace(old, new)


def absorb(cli, edited: Path, scheme: Path, *extra: str) -> tuple[int, list[str]]:
    """Run `s75 absorb` in-process; return its exit status and printed lines."""
    return cli("absorb", edited, "--scheme", scheme, *extra)


def refused(edited: Path, scheme: Path, capsys) -> tuple[int, str]:
    """Run `s75 absorb` in-process; return its exit status and its error output."""
    status = main(["absorb", str(edited), "--scheme", str(scheme)])
    return status, capsys.readouterr().err.strip()


def lines_of(path: Path) -> list[str]:
    """Return a draft's text as textconv prints it, except that the contents page is left out
    and each cross-reference shows its target: Word refreshes both (F9, or on printing), and a
    document edited without Word keeps the numbers they had before the edit."""
    text = DocumentText(read_package(path.read_bytes()))
    comments = text.comments()
    body = [p for p in text.body() if not p.style.startswith(("TOC", "Contents Heading"))]
    numbers = {name: p.number.rstrip(".") for p in body for name in p.bookmarks}
    out = []
    for paragraph in body:
        line = re.sub(f"{REF_OPEN}([^{REF_CLOSE}]*){REF_CLOSE}",
                      lambda found: numbers.get(found.group(1), "?"), reference_key(paragraph))
        out.append(f"{paragraph.number} {line}".strip())
        out += [comments[i].line() for i in paragraph.comments if i in comments]
    return out


def assert_only_inserted(before: str, after: str) -> None:
    """Assert the scheme file text `after` is `before` with lines added or changed only where
    absorb wrote: the marker comment and every comment line are kept byte for byte."""
    assert after.startswith(MARKER)
    old_comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    new_comments = [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert old_comments == new_comments
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(),
                                      autojunk=False)
    for tag, a1, a2, _b1, _b2 in matcher.get_opcodes():
        assert tag in ("equal", "insert") or all(
            not line.lstrip().startswith("#") for line in before.splitlines()[a1:a2])


def round_trip(cli, scheme: Path, edited: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    """Absorb with --write, rebuild; return (absorb's report, textconv differences)."""
    before = scheme.read_text(encoding="utf-8")
    status, report = absorb(cli, edited, scheme, "--write")
    assert status == 0, report
    assert_only_inserted(before, scheme.read_text(encoding="utf-8"))
    rebuilt = rebuild(cli, scheme, tmp_path / "rebuilt")
    differences = [line for line in difflib.unified_diff(lines_of(edited), lines_of(rebuilt),
                                                         lineterm="", n=0)
                   if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return report, differences


def test_unedited_draft_has_nothing_to_absorb(cli, workspace):
    scheme, built = workspace
    status, out = absorb(cli, built, scheme)
    assert status == 0
    assert out[-1] == "nothing to absorb: the edited draft is the current draft"


def test_changed_words_become_a_replacement_keeping_references(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    second = clause_body(document, "Review")[0]
    replace_in_runs(second, "once in each", "twice in each")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    status, out = absorb(cli, edited, scheme)
    assert status == 0
    assert any(line.split() == ["wording", "changed", "review"] for line in out)
    assert "  replace:" in out
    text = "\n".join(out)
    assert "twice in each" in text
    # clause 21.2(a) refers to clause 4 through a field: written back as markup, not a number
    assert "[[clause:aims-and-outcomes]]" in text
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    # the one difference left is the library's drafting note, which the report lists
    assert [line[:28] for line in differences] == ["-Comment (Drafting note): Th"]
    assert any("21. Review: its drafting note" in line for line in report)


def clause_elements(document, title: str) -> list:
    """Return the XML elements of a clause: its heading and its body up to the next heading."""
    return [heading(document, title)._p] + [p._p for p in clause_body(document, title)]


def test_renamed_heading_becomes_a_rename(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    set_text(heading(document, "Complaints"), "Complaints and Compliments")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert any(line.split() == ["heading", "renamed", "complaints"] for line in report)
    assert "  rename:" in report
    assert "      title: Complaints and Compliments" in report
    assert differences == []


def test_deleted_clause_becomes_an_omission(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    for element in clause_elements(document, "Waiver"):
        element.getparent().remove(element)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert any(line.split() == ["clause", "deleted", "waiver"] for line in report)
    assert "      reason: Removed in negotiation (edited draft edited.docx)." in report
    # the contents page and every later number follow the omission in both documents
    assert differences == []


def test_inserted_clause_becomes_an_addition_with_its_typed_reference(cli, workspace,
                                                                       tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    anchor = heading(document, "Complaints")._p
    new_heading = copy.deepcopy(heading(document, "Review")._p)
    new_body = copy.deepcopy(clause_body(document, "Review")[0]._p)
    for element in (new_heading, new_body):
        for mark in element.xpath("./w:bookmarkStart | ./w:bookmarkEnd | ./w:commentRangeStart"
                                  " | ./w:commentRangeEnd | ./w:r[w:commentReference]"):
            element.remove(mark)
        anchor.addprevious(element)
    head = docx.text.paragraph.Paragraph(new_heading, None)
    body = docx.text.paragraph.Paragraph(new_body, None)
    set_text(head, "Annual Report")
    set_text(body, "The Partnership Board shall publish each year a report on the reviews "
                   "under clause 21.")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert any(line.split() == ["clause", "added", "annual-report"] for line in report)
    assert "      after: review" in report
    assert ("        - The Partnership Board shall publish each year a report on the reviews "
            "under clause [[clause:review]].") in report
    assert differences == []


def test_moved_clause_becomes_a_move(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    waiver = heading(document, "Waiver")._p
    for element in clause_elements(document, "Severance"):
        waiver.addprevious(element)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    # Severance before Waiver reads the same as Waiver after Severance: either move does it
    moves = [line.split()[-1] for line in report if line.startswith("  clause moved")]
    assert moves in (["severance"], ["waiver"])
    assert ("      after: change-in-law" if moves == ["severance"] else
            "      after: severance") in report
    assert differences == []


def test_changed_contribution_changes_the_scheme_value(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    table = next(t for t in document.tables if t.rows[1].cells[0].text == "Adult commissioning")
    cell = table.rows[1].cells[1]
    set_text(cell.paragraphs[0], "96,500")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    before = scheme.read_text(encoding="utf-8")
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert "  funds.lines[0].contributions.2013/14.the Council: 95200 -> 96500" in report
    after = scheme.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert changed == [("        2013/14: { the Council: 95200 }",
                        "        2013/14: { the Council: 96500 }"),
                       ("    2013/14: { the Council: 113160, the CCG: 105560, total: 218720 }",
                        "    2013/14: { the Council: 114460, the CCG: 105560, total: 220020 }")]
    # the edited cell now comes from the scheme; the totals and the scheme's own table,
    # which the lawyer left alone, follow the new value, as the report says they will
    assert "+Adult commissioning | 96,500 | – | 96,500" in differences
    assert "-Adult commissioning | 96,500 | – | 95,200" in differences
    assert all(" | " in line or "total of the Financial Contributions" in line
               for line in differences)
    assert any("figures computed from a changed value" in line for line in report)


def test_changed_party_name_changes_the_party(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    party = next(p for p in clause_body(document, "Parties")
                 if p.text.startswith("NHS Croydon Clinical Commissioning Group"))
    replace_in_runs(party, "NHS Croydon Clinical Commissioning Group",
                    "NHS Croydon Clinical Commissioning Group (the Croydon CCG)")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert ("  parties[1].name: NHS Croydon Clinical Commissioning Group -> "
            "NHS Croydon Clinical Commissioning Group (the Croydon CCG)") in report
    # the cover and the execution page, which the lawyer left alone, follow the new name
    assert differences
    assert all("NHS Croydon Clinical Commissioning Group" in line for line in differences)


def test_draft_of_another_scheme_is_refused(cli, workspace, capsys):
    scheme, _ = workspace
    other = ROOT / "output" / "southampton-bcf-2017" / DOCUMENT
    status, error = refused(other, scheme, capsys)
    assert status == 2
    assert error == (f"s75: {other} is a draft of scheme `southampton-bcf-2017`, not of "
                     f"`croydon-icu` ({scheme})")


def test_document_without_the_draft_clauses_is_refused(cli, workspace, tmp_path, capsys):
    scheme, _ = workspace
    letter = docx.Document()
    letter.add_heading("Dear Sirs", level=1)
    letter.add_paragraph("We write about the proposed agreement.")
    path = tmp_path / "letter.docx"
    letter.save(str(path))
    status, error = refused(path, scheme, capsys)
    assert status == 2
    assert error.startswith(f"s75: {path}: only 0 of the draft's ")
    assert error.endswith(f"clauses are found in it, so it is not a draft of {scheme}")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tracked(tag: str, author: str, when: str, ident: int):
    """Return an empty w:ins or w:del revision mark."""
    from lxml import etree

    return etree.Element(f"{W}{tag}", {f"{W}id": str(ident), f"{W}author": author,
                                       f"{W}date": f"{when}T10:00:00Z"})


def delete_tracked(paragraph, author: str, when: str, ident: int) -> None:
    """Mark a whole paragraph, its text and its paragraph mark, as a tracked deletion."""
    from lxml import etree

    mark = tracked("del", author, when, ident)
    runs = paragraph._p.xpath("./w:r")
    if runs:
        runs[0].addprevious(mark)
    for run in runs:
        mark.append(run)
        for text in run.xpath("./w:t"):
            text.tag = f"{W}delText"
    properties = paragraph._p.get_or_add_pPr()
    run_properties = properties.find(f"{W}rPr")
    if run_properties is None:
        run_properties = etree.SubElement(properties, f"{W}rPr")
    run_properties.append(tracked("del", author, when, ident + 1000))


def test_tracked_changes_are_absorbed_with_their_author_and_date(cli, workspace, tmp_path):
    """Tracked changes written into the document's XML as Word writes them (w:del around the
    deleted runs and on the deleted paragraph marks, w:ins around an inserted run)."""
    scheme, built = workspace
    document = docx.Document(str(built))
    for index, paragraph in enumerate(heading_and_body(document, "Waiver")):
        delete_tracked(paragraph, "Jane Counsel", "2026-11-20", 10 + index)
    review = clause_body(document, "Review")[0]
    inserted = tracked("ins", "Jane Counsel", "2026-11-21", 50)
    inserted.append(copy.deepcopy(review.runs[-1]._r))
    review._p.append(inserted)
    inserted.find(f"{W}r/{W}t").text = " Each review shall be minuted."
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert "      reason: Removed in negotiation on 2026-11-20 by Jane Counsel." in report
    assert "      reason: Amended in negotiation on 2026-11-21 by Jane Counsel." in report
    assert any("Each review shall be minuted." in line for line in report)
    assert [line[:28] for line in differences] == ["-Comment (Drafting note): Th"]


def heading_and_body(document, title: str) -> list:
    """Return a clause's heading and body paragraphs."""
    return [heading(document, title), *clause_body(document, title)]


def test_added_comment_and_formatting_are_listed_not_absorbed(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    paragraph = clause_body(document, "Complaints")[0]
    document.add_comment(paragraph.runs[0], text="Can we shorten this?", author="Jane Counsel")
    paragraph.runs[0].bold = True
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    status, report = absorb(cli, edited, scheme)
    assert status == 0
    assert any(line.startswith("  - 22. Complaints: a comment (Comment (Jane Counsel): Can we "
                               "shorten this?)") for line in report)
    assert "  - 22. Complaints: formatting changed (bold, italics, underlining or the like); " \
        "the draft's formatting comes from its template" in report
    assert not any(line.startswith("  replace:") for line in report)


def test_a_file_that_is_not_a_word_document_is_refused(workspace, tmp_path, capsys):
    scheme, _ = workspace
    path = tmp_path / "notes.docx"
    path.write_text("not a document", encoding="utf-8")
    status, error = refused(path, scheme, capsys)
    assert status == 2
    assert error.startswith(f"s75: {path}: not a Word .docx document")
    assert "\n" not in error


def test_changed_schedule_keeps_its_sections_and_other_acts_numbers(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    paragraph = next(p for p in document.paragraphs if p.text.startswith(
        "The Partnership Board shall review this protocol at least once"))
    replace_in_runs(paragraph, "at least once", "at least twice")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert "      sections:" in report
    assert "        - title: Purpose and Scope" in report
    text = "\n".join(report)
    # the protocol's reference to the data protection clause is a field: written as markup;
    # "Schedule 2 to the Data Protection Act 1998" names the Act's schedule: left as typed
    assert "made under clause [[clause:data-protection]]" in text
    assert "in Schedule 2 to the Data Protection Act 1998" in text
    assert [line[:28] for line in differences] == ["-Comment (Drafting note): A "]


def test_changed_commencement_date_changes_the_scheme_date(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    definition = next(p for p in document.paragraphs
                      if p.text.startswith("\u201cCommencement Date\u201d means 1 October 2013"))
    replace_in_runs(definition, "1 October 2013", "1 November 2013")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    before = scheme.read_text(encoding="utf-8")
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    assert "  commencement_date: 2013-10-01 -> 2013-11-01" in report
    changed = [(a, b) for a, b in zip(before.splitlines(),
                                      scheme.read_text(encoding="utf-8").splitlines(),
                                      strict=True) if a != b]
    assert changed == [("commencement_date: 2013-10-01", "commencement_date: 2013-11-01")]
    # wherever else the draft prints the date, or a date computed from it, follows it
    assert any("dates computed from a changed date" in line for line in report)
    assert "+2.2 This Agreement continues in force until and including 31 October 2016, " \
        "unless" in " ".join(line[:90] for line in differences)
    assert all(re.search(r"(October|November) 2013|(September|October) 2016", line)
               for line in differences)
