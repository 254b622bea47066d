"""Every committed draft and template keeps the package rules Word holds it to, and Word's own
list styles stay lists of their own."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from lxml import etree

from generator.ooxml.conformance import package_problems
from generator.ooxml.docxtext import format_docx_text
from generator.ooxml.ns import w
from generator.ooxml.package import read_package, zip_parts

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = sorted((ROOT / "output").glob("*/*.docx"))
TEMPLATES = sorted((ROOT / "templates").glob("*/template.docx"))


def parts_of(path: Path) -> dict[str, bytes]:
    """Return every part of a .docx by name."""
    return read_package(path.read_bytes()).parts()


@pytest.mark.parametrize("path", DRAFTS + TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_committed_draft_and_template_keeps_the_package_rules(path):
    assert DRAFTS and TEMPLATES
    assert package_problems(path.read_bytes()) == []


def test_the_rules_find_what_word_would_repair():
    parts = parts_of(TEMPLATES[0])
    styles = etree.fromstring(parts["word/styles.xml"])
    heading = styles.find(f"{w('style')}[@{w('styleId')}='Heading1']/{w('pPr')}")
    heading.insert(0, heading.find(w("numPr")))  # as the old template builder wrote it
    parts["word/styles.xml"] = etree.tostring(styles).replace(
        b'<w:numId w:val="3"/>', b'<w:numId w:val="9"/>', 1)
    document = parts["word/document.xml"].decode()
    paragraph = ('<w:p><w:bookmarkStart w:id="7" w:name="a"/><w:bookmarkEnd w:id="7"/>'
                 '<w:bookmarkStart w:id="7" w:name="b"/><w:bookmarkEnd w:id="7"/><w:r>'
                 '<w:instrText xml:space="preserve"> REF _Ref_gone \\h </w:instrText></w:r></w:p>')
    parts["word/document.xml"] = document.replace("<w:body>", "<w:body>" + paragraph).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/image" Target="media/gone.png"/></Relationships>')
    problems = package_problems(zip_parts(parts))
    assert "word/styles.xml: w:pPr: w:keepNext after w:numPr" in problems, problems
    assert "word/styles.xml: numbering id 9 is used but not defined" in problems
    assert "word/document.xml: bookmark id 7 is used twice" in problems
    assert ("word/document.xml: the field `REF _Ref_gone \\h` names a bookmark the document "
            "does not have") in problems
    assert ("word/document.xml: relationship rIdX points at word/media/gone.png, which is not "
            "in the package") in problems


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.parent.name)
def test_templates_are_british_current_and_honest(path):
    parts = parts_of(path)
    styles, settings = parts["word/styles.xml"].decode(), parts["word/settings.xml"].decode()
    assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {"en-GB"}
    assert '<w:themeFontLang w:val="en-GB"/>' in settings
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert "Theme=" not in styles.replace("cstheme", "Theme=")  # no theme fonts at all
    app = parts["docProps/app.xml"].decode()
    assert "<Application>s75</Application>" in app and "Macintosh" not in app
    assert "python-docx" not in parts["docProps/core.xml"].decode()
    document = docx.Document(str(path))
    assert document.styles["Heading 1"].font.name == document.styles["Normal"].font.name


def list_styles_numbering(path: Path) -> dict[str, str]:
    """Return the numbering id each of Word's list styles uses."""
    document = docx.Document(str(path))
    found = {}
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        numpr = document.styles[name].element.pPr.numPr
        found[name] = numpr.numId.val
    return found


def test_word_list_styles_have_lists_of_their_own():
    clause_lists = {1, 2, 3, 4}
    for path in TEMPLATES:
        numbering = list_styles_numbering(path)
        assert not clause_lists & set(numbering.values()), numbering


def clause_numbers(text: str, leaving_out: tuple[str, ...] = ()) -> list[str]:
    """Return the clause and paragraph numbers textconv shows, in order, leaving out the lines
    that hold any of the texts given."""
    lines = [line for line in text.splitlines() if not any(t in line for t in leaving_out)]
    return re.findall(r"(?m)^(\d+(?:\.\d+)*\.?) ", "\n".join(lines))


def test_word_list_shortcuts_do_not_renumber_clauses():
    path = ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.docx"
    before = format_docx_text(path.read_bytes())
    document = docx.Document(str(path))
    # two definitions: unnumbered paragraphs early in the agreement, with every clause after
    bulleted, numbered = [p for p in document.paragraphs if p.style.name == "Definition"][5:7]
    bulleted.style = document.styles["List Bullet"]
    numbered.style = document.styles["List Number"]
    edited = io.BytesIO()
    document.save(edited)
    after = format_docx_text(edited.getvalue())
    listed = (bulleted.text[:40], numbered.text[:40])
    assert clause_numbers(after, listed) == clause_numbers(before, listed)
    assert len(clause_numbers(before)) > 200
    assert re.search(r"(?m)^1\. " + re.escape(numbered.text[:40]), after)  # a list of its own
