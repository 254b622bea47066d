"""`s75 textconv`: any .docx as stable text, numbered as Word numbers it, on real files."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from generator.errors import DocxUnreadable
from generator.ooxml.docxtext import DocParagraph, format_docx_text, normalise, read_paragraphs
from generator.ooxml.numbering import format_number

S75 = ROOT / ".venv" / "bin" / "s75"
SOUTHAMPTON = ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.docx"
DRAFTS = sorted(ROOT.glob("output/*/*.docx"))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MD_NUMBERED = re.compile(
    r"^(?:#{2,3} )?(\d+\.|\d+\.\d+|\d+|Schedule \d+:|\([a-zA-Z0-9]+\)) (.*)$")


def paragraphs(path: Path) -> list[DocParagraph]:
    """Return the paragraphs of a .docx file."""
    return read_paragraphs(path.read_bytes())


def markdown_numbered(path: Path) -> list[tuple[str, str]]:
    """Return (number, plain text) for each numbered heading, paragraph and item of a .md twin.

    A schedule heading ("## Schedule 2: Governance") gives ("Schedule 2", "Governance")."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = MD_NUMBERED.match(line.strip().removeprefix("- "))
        if match and not line.lstrip().startswith(("|", ">")):
            plain = re.sub(r"^\*(.+)\*$", r"\1", match.group(2).replace("**", ""))  # *Not used*
            number, text = match.group(1), normalise(re.sub(r"\\(.)", r"\1", plain))
            found.append((number.rstrip(":"), text))
    return found


def word_numbered(path: Path) -> list[tuple[str, str]]:
    """Return (number, text) for each numbered paragraph, a schedule's with its title line."""
    lines = [p for p in paragraphs(path) if not p.in_table]
    found = []
    for index, paragraph in enumerate(lines):
        if paragraph.number.startswith("Schedule ") and not paragraph.text:
            found.append((paragraph.number, lines[index + 1].text))
        elif paragraph.number:
            found.append((paragraph.number, paragraph.text))
    return found


# --- the committed drafts ---------------------------------------------------------------------


def test_there_are_committed_drafts_to_check():
    assert SOUTHAMPTON in DRAFTS
    assert len(DRAFTS) >= 10


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_word_numbers_match_the_markdown_twin(path):
    """Every heading, clause paragraph, item, party and recital shows the number the .md shows,
    in the same order, with the same text (cross-references showing their cached results)."""
    expected = markdown_numbered(path.with_suffix(".md"))
    got = word_numbered(path)
    assert len(expected) > 50
    assert got == expected
    headings = [number for number, _text in got if re.fullmatch(r"\d+\.", number)]
    assert headings[:3] == ["1.", "2.", "3."]
    assert any(re.fullmatch(r"\d+\.\d+", number) for number, _text in got)


def test_southampton_headings_levels_styles_and_bookmarks():
    found = {p.line(): p for p in paragraphs(SOUTHAMPTON)}
    services = found["7. Services and Eligible Persons"]
    assert (services.style, services.level, services.in_table) == ("Heading 1", 0, False)
    assert "_Ref_services" in services.bookmarks
    first = next(p for p in found.values() if p.number == "1.1")
    assert (first.style, first.level) == ("Clause 2", 1)
    schedule = next(p for p in found.values() if p.number == "Schedule 1")
    assert (schedule.text, schedule.style, schedule.level) == ("", "Schedule Heading", 0)
    assert found["(A) For the purposes of section 75 of the NHS Act, the CCG is an NHS body and "
                 "the Council is a local authority."].style == "Recital"


def test_cross_references_show_their_results_never_their_instructions():
    text = format_docx_text(SOUTHAMPTON.read_bytes())
    assert ("“Eligible Persons” means the people for whom the Services are commissioned or "
            "provided under this Agreement, as described in clause 7 and the Scheme "
            "Specifications;\n") in text
    assert "\n3.1 The Partners shall work together in good faith" in text
    assert re.search(r"in accordance with clause \d+", text)
    assert "REF" not in text and "_Ref" not in text and "TOC \\o" not in text
    # the table of contents is a field too: its cached entries show, one per line, each with
    # the page its heading falls on (the result of its PAGEREF field)
    assert re.search(r"\nContents\n1\. Definitions and Interpretation \d+\n2\. Term \d+\n", text)
    assert "PAGEREF" not in text


def test_tables_are_one_line_per_row():
    rows = [p for p in paragraphs(SOUTHAMPTON) if p.in_table]
    assert rows[0].line() == "Scheme | Council | CCG | Total"
    assert rows[0].style == "Table Grid" and rows[0].number == "" and rows[0].level is None
    assert "Carers | 134 | 1,240 | 1,374" in [row.text for row in rows]


def test_output_is_stable_plain_text():
    data = SOUTHAMPTON.read_bytes()
    text = format_docx_text(data)
    assert text == format_docx_text(data)
    assert text.endswith("\n") and not text.endswith("\n\n")
    lines = text.split("\n")[:-1]
    assert all(line and line == line.strip() and "  " not in line for line in lines)
    paragraphs = read_paragraphs(data)
    assert len(lines) == len(paragraphs) + sum(len(p.comments) for p in paragraphs)
    assert "\t" not in text and "\u00a0" not in text


# --- a draft edited in Word -------------------------------------------------------------------


def test_clause_inserted_as_in_word_is_numbered_live(tmp_path):
    """A lawyer adds a clause before clause 3: it shows as 3 and every later clause moves up."""
    before = paragraphs(SOUTHAMPTON)
    document = docx.Document(str(SOUTHAMPTON))
    heading = next(p for p in document.paragraphs
                   if p.style.name == "Heading 1" and p.text == "General Principles")
    heading.insert_paragraph_before("Interim Arrangements", style=heading.style)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    after = paragraphs(edited)

    lines = [p.line() for p in after]
    at = lines.index("3. Interim Arrangements")
    assert lines[at + 1] == "4. General Principles"
    assert lines[at + 2].startswith("4.1 The Partners shall work together in good faith")
    old_clauses = [p.text for p in before if p.style == "Heading 1"]
    new_clauses = [(p.number, p.text) for p in after if p.style == "Heading 1"]
    titles = old_clauses[:2] + ["Interim Arrangements"] + old_clauses[2:]
    assert new_clauses == [(f"{n}.", title) for n, title in enumerate(titles, start=1)]

    def moved(number: str) -> str:
        clause, sub = number.split(".")
        return f"{int(clause) + (int(clause) >= 3)}.{sub}"

    old_subclauses = [(moved(p.number), p.text) for p in before if p.style == "Clause 2"]
    assert [(p.number, p.text) for p in after if p.style == "Clause 2"] == old_subclauses
    # schedules number separately, so they are untouched
    assert [p.line() for p in after if p.style in ("Heading 2", "Schedule 2")] == [
        p.line() for p in before if p.style in ("Heading 2", "Schedule 2")]


# --- a document built by hand, exercising Word's numbering rules -------------------------------


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    """Return the XML of a w:lvl."""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{extra}<w:lvlText w:val="{text}"/></w:lvl>')


NUMBERING = "".join([
    '<w:abstractNum w:abstractNumId="10">',
    lvl(0, "upperRoman", "Article %1"), lvl(1, "lowerLetter", "(%2)"),
    lvl(2, "lowerRoman", "(%3)"), lvl(3, "decimal", "%1.%2.%3.%4", extra="<w:isLgl/>"),
    "</w:abstractNum>",
    '<w:abstractNum w:abstractNumId="20">',
    lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2", extra='<w:pStyle w:val="LevelTwo"/>'),
    lvl(2, "upperLetter", "%1.%2.%3"),
    "</w:abstractNum>",
    '<w:abstractNum w:abstractNumId="30">', lvl(0, "bullet", "\uf0b7"), "</w:abstractNum>",
    '<w:abstractNum w:abstractNumId="40">', lvl(0, "lowerLetter", "%1)", start=25),
    "</w:abstractNum>",
    '<w:abstractNum w:abstractNumId="50"><w:numStyleLink w:val="HouseList"/></w:abstractNum>',
    '<w:abstractNum w:abstractNumId="51"><w:styleLink w:val="HouseList"/>',
    lvl(0, "decimal", "[%1]"), "</w:abstractNum>",
    '<w:abstractNum w:abstractNumId="60">', lvl(0, "decimal", "%1."),
    lvl(1, "decimal", "%1.%2", extra='<w:lvlRestart w:val="0"/>'), "</w:abstractNum>",
    '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>',
    '<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>',
    '<w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>',
    '<w:num w:numId="4"><w:abstractNumId w:val="20"/>',
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>',
    '<w:num w:numId="5"><w:abstractNumId w:val="40"/></w:num>',
    '<w:num w:numId="6"><w:abstractNumId w:val="30"/></w:num>',
    '<w:num w:numId="7"><w:abstractNumId w:val="51"/></w:num>',
    '<w:num w:numId="8"><w:abstractNumId w:val="50"/></w:num>',
    '<w:num w:numId="9"><w:abstractNumId w:val="60"/></w:num>',
    '<w:num w:numId="10"><w:abstractNumId w:val="60"/><w:lvlOverride w:ilvl="0">',
    lvl(0, "upperLetter", "%1)"), "</w:lvlOverride></w:num>",
])

STYLES = "".join([
    '<w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/>',
    '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>',
    '<w:style w:type="paragraph" w:styleId="NumberedChild"><w:name w:val="Numbered Child"/>',
    '<w:basedOn w:val="Numbered"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="LevelTwo"><w:name w:val="Level Two"/>',
    '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>',
    '<w:style w:type="numbering" w:styleId="HouseList"><w:name w:val="House List"/>',
    '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>',
])


def elements(xml: str) -> list:
    """Return the WordprocessingML elements written in `xml`."""
    return list(parse_xml(f'<w:wrap xmlns:w="{W_NS}">{xml}</w:wrap>'))


def para(text: str = "", num: tuple[int, int] | None = None, style: str = "",
         mark: str = "", body: str | None = None) -> str:
    """Return the XML of a paragraph: a list and level, a style, paragraph-mark properties."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += f"<w:rPr>{mark}</w:rPr>" if mark else ""
    content = body if body is not None else (
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else "")
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


def run(text: str, props: str = "") -> str:
    """Return the XML of a run of text."""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def field(instruction: str, result: str) -> str:
    """Return the runs of a complex field with a cached result."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(result)}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


CHANGES = "".join([
    run("Kept "),
    '<w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">removed </w:delText>'
    "</w:r></w:del>",
    f'<w:ins w:id="2" w:author="A">{run("added ")}</w:ins>',
    f'<w:moveFrom w:id="3" w:author="A">{run("moved-away ")}</w:moveFrom>',
    f'<w:moveTo w:id="4" w:author="A">{run("moved-here ")}</w:moveTo>',
    run("secret ", "<w:rPr><w:vanish/></w:rPr>"),
    run("see clause "),
    f'<w:fldSimple w:instr=" REF _Ref1 \\r \\h ">{run("7")}</w:fldSimple>',
    run(" on "),
    field(" PAGEREF _Ref1 \\h ", "page 9"),
    run(", "),
    # a field nested in another's instruction: only the outer result shows
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>',
    field("REF _Ref2", "inner"),
    '<w:r><w:instrText> = "inner" "yes" "no"</w:instrText></w:r>',
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run("yes"),
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    "<w:r><w:tab/><w:t>tab</w:t><w:noBreakHyphen/><w:t>hyphen</w:t><w:br/><w:t>break</w:t>"
    "</w:r>",
    f"<w:hyperlink>{run(' linked')}</w:hyperlink>",
    f"<w:sdt><w:sdtContent>{run(' controlled')}</w:sdtContent></w:sdt>",
    f"<w:smartTag>{run(' tagged')}</w:smartTag>",
    run(" non\u00a0breaking  spaces "),
    '<w:bookmarkStart w:id="9" w:name="_RefChanges"/><w:bookmarkEnd w:id="9"/>',
])

DELETED_MARK = '<w:del w:id="5" w:author="A"/>'
HAND_BUILT = [
    para("Alpha", (2, 0)),
    para("Alpha one", (2, 1)),
    para("Alpha one A", (2, 2)),
    para("Alpha one B", (2, 2)),
    para("Beta", style="Numbered"),
    para("Beta one", style="LevelTwo"),
    para("Gamma", style="NumberedChild"),
    para("Not numbered", (0, 0), style="Numbered"),
    para(""),
    para("Restarted", (4, 0)),
    para("Restarted one", (4, 1)),
    para("Restarted again", (4, 0)),
    para(num=(2, 0), mark=DELETED_MARK,
         body='<w:del w:id="6" w:author="A"><w:r><w:delText>Gone</w:delText></w:r></w:del>'),
    para("Delta", (2, 0)),
    para("Merged ", mark=DELETED_MARK),
    para("into the next", (2, 1)),
    para("Article", (1, 0)),
    para("Section", (1, 1)),
    para("Paragraph", (1, 2)),
    para("Paragraph two", (1, 2)),
    para("Legal", (1, 3)),
    para("Article two", (1, 0)),
    *[para(f"Letter {n}", (5, 0)) for n in range(1, 5)],
    para("Bullet", (6, 0)),
    para("Linked", (8, 0)),
    para("Linked again", (7, 0)),
    para("One", (9, 0)),
    para("One one", (9, 1)),
    para("Two", (9, 0)),
    para("Two two", (9, 1)),
    para("Three, restyled", (10, 0)),
    para(num=(2, 1)),
    para(body=CHANGES),
]
EXPECTED = [
    "1. Alpha", "1.1 Alpha one", "1.1.A Alpha one A", "1.1.B Alpha one B",
    "2. Beta", "2.1 Beta one", "3. Gamma", "Not numbered",
    "5. Restarted", "5.1 Restarted one", "6. Restarted again",
    "4. Delta", "4.1 Merged into the next",
    "Article I Article", "(a) Section", "(i) Paragraph", "(ii) Paragraph two", "1.1.2.1 Legal",
    "Article II Article two",
    "y) Letter 1", "z) Letter 2", "aa) Letter 3", "bb) Letter 4",
    "\u2022 Bullet", "[1] Linked", "[2] Linked again",
    "1. One", "1.1 One one", "2. Two", "2.2 Two two", "C) Three, restyled",
    "4.2",
    "Kept added moved-here see clause 7 on page 9, yes tab-hyphen break linked controlled tagged "
    "non breaking spaces",
    "Cell one | Cell two (a) numbered in a cell",
]


def hand_built(path: Path) -> Path:
    """Write a document using each numbering rule under test, built as Word writes them."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    numbering.extend(elements(NUMBERING))
    document.styles.element.extend(elements(STYLES))
    assert document.styles["Numbered Child"].type == WD_STYLE_TYPE.PARAGRAPH
    sect = document.element.body.sectPr
    for element in elements("".join(HAND_BUILT)):
        sect.addprevious(element)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one"
    table.cell(0, 1).text = "Cell two"
    table.cell(0, 1)._tc.append(elements(para("numbered in a cell", (1, 1)))[0])
    document.save(str(path))
    return path


def test_hand_built_numbering_tracked_changes_and_fields(tmp_path):
    found = paragraphs(hand_built(tmp_path / "rules.docx"))
    assert [p.line() for p in found] == EXPECTED
    by_text = {p.text: p for p in found}
    assert (by_text["Beta one"].level, by_text["Beta one"].style) == (1, "Level Two")
    assert by_text["Gamma"].style == "Numbered Child"
    assert (by_text["Not numbered"].number, by_text["Not numbered"].level) == ("", None)
    assert by_text[EXPECTED[-2]].bookmarks == ["_RefChanges"]
    assert found[-1].in_table and not found[-2].in_table


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (4, "decimal", "4"), (7, "decimalZero", "07"), (12, "decimalZero", "12"),
    (1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"),
    (54, "upperLetter", "BBB"), (4, "lowerRoman", "iv"), (1994, "upperRoman", "MCMXCIV"),
    (2, "ordinal", "2nd"), (13, "ordinal", "13th"), (21, "ordinal", "21st"),
    (3, "cardinalText", "3"), (3, "ordinalText", "3"), (5, "none", ""),
    (5, "bullet", "\u2022"), (3, "decimalEnclosedParen", "(3)"), (5, "chicago", "**"),
])
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


# --- files that are not Word documents --------------------------------------------------------


def zipped(parts: dict[str, str]) -> bytes:
    """Return a zip package holding the given parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="{}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument"/></Relationships>')


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the file is empty"),
    (b"Dear colleague, please see the draft.\n", "not a Word .docx document"),
    (zipped({"notes.txt": "hello"}), "the package has no word/document.xml part"),
    (zipped({"word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body><w:p>'}),
     "its word/document.xml part is not well-formed XML"),
    (zipped({"_rels/.rels": RELS.format("xl/workbook.xml"), "xl/workbook.xml": "<workbook/>"}),
     "its main part is not a word-processing document"),
])
def test_unreadable_files_are_explained(data, message):
    with pytest.raises(DocxUnreadable, match=message):
        read_paragraphs(data)


@pytest.mark.parametrize("content", [b"This is a text file, not a Word document.\n", b""],
                         ids=["text-file", "empty-file"])
def test_cli_refuses_a_file_that_is_not_a_docx(tmp_path, content):
    path = tmp_path / "draft.docx"
    path.write_bytes(content)
    result = subprocess.run([str(S75), "textconv", str(path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"s75: {path}: ")
    assert "Traceback" not in result.stderr


def test_cli_prints_the_text(tmp_path):
    result = subprocess.run([str(S75), "textconv", str(SOUTHAMPTON)], capture_output=True,
                            timeout=60)
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.decode("utf-8") == format_docx_text(SOUTHAMPTON.read_bytes())


# --- git uses it to diff Word drafts ----------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    """Run real git in `repo` with no user or system configuration; return its output."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "HOME": str(repo), "LC_ALL": "C.UTF-8"}
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result.stdout.decode("utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_shows_the_changed_clause_with_its_number(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Reviewer")
    git(repo, "config", "user.email", "reviewer@example.org")
    git(repo, "config", "diff.docx.textconv", f"{S75} textconv")
    (repo / ".gitattributes").write_text("*.docx diff=docx\n", encoding="utf-8")
    draft = repo / "agreement.docx"
    shutil.copyfile(SOUTHAMPTON, draft)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Draft as generated")

    old = next(p for p in paragraphs(draft) if p.number == "12.3")
    document = docx.Document(str(draft))
    target = next(p for p in document.paragraphs if normalise(p.text) == old.text)
    longest = max(target.runs, key=lambda r: len(r.text))
    word = re.search(r"\b[a-z]{6,}\b", longest.text).group(0)
    longest.text = longest.text.replace(word, "amended", 1)
    new_text = normalise(target.text)
    document.save(str(draft))
    git(repo, "commit", "-q", "-am", "Lawyer's change to clause 12.3")

    diff = git(repo, "diff", "HEAD~1", "HEAD").splitlines()
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert removed == [f"-12.3 {old.text}"]
    assert added == [f"+12.3 {new_text}"]
    assert "amended" in new_text and "Binary files" not in "\n".join(diff)


def test_drafting_notes_show_after_the_heading_they_are_anchored_to():
    lines = format_docx_text(SOUTHAMPTON.read_bytes()).splitlines()
    at = lines.index("Comment (Drafting note): " + next(
        line.removeprefix("Comment (Drafting note): ") for line in lines
        if line.startswith("Comment (Drafting note): Follows the approach usual in partnership")))
    assert lines[at - 1].endswith("Liabilities and Insurance") or "Liabilit" in lines[at - 1]
    assert not any(line.startswith("Drafting note:") for line in lines)
