"""Presentation of the committed drafts, read back from the .docx: one spelling of co-operate
and co-ordinate, curly quotes in the library's words, and tables whose columns suit their
content, whose header row repeats, whose rows do not split and whose caption stays with them."""

from __future__ import annotations

import re

from conftest import ROOT
from docx import Document
from docx.oxml.ns import qn

from generator.load.typography import curly, curly_template
from generator.model.draft import Table
from generator.ooxml.docxtext import format_docx_text
from generator.writers.tablewidths import TEXT_WIDTH, column_widths

DRAFTS = sorted((ROOT / "output").rglob("*.docx"))
STAFFORDSHIRE = ROOT / "output" / "staffordshire-base" / "section75-agreement.docx"


def test_the_library_spells_co_operate_and_co_ordinate_one_way():
    words = set()
    for path in (ROOT / "clauses").rglob("*.yaml"):
        words |= set(re.findall(r"\b(?:co-?operat|co-?ordinat)\w*", path.read_text(), re.I))
    assert words and all(w.lower().startswith(("co-operat", "co-ordinat")) for w in words), words


def test_quotes_are_made_curly_outside_template_tags():
    assert curly('the "Council" and the Partners\' money') == (
        "the \u201cCouncil\u201d and the Partners\u2019 money")
    assert curly_template("in clause {{ ref('term') }}'s \"Term\"") == (
        "in clause {{ ref('term') }}\u2019s \u201cTerm\u201d")


def test_no_drafting_note_has_a_straight_quote():
    for draft in DRAFTS:
        comments = [c.text for c in Document(draft).comments]
        assert comments and not [t for t in comments if "'" in t or '"' in t], draft


def test_library_text_in_the_drafts_uses_curly_quotes():
    text = format_docx_text(STAFFORDSHIRE.read_bytes())
    assert "Partners\u2019" in text and "\u201cPartners\u201d" in text
    assert "each Partner's" not in text


def test_every_table_repeats_its_header_keeps_rows_whole_and_its_caption_with_it():
    tables = 0
    for draft in DRAFTS:
        document = Document(draft)
        for table in document.tables:
            tables += 1
            rows = table._tbl.findall(qn("w:tr"))
            assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
            before = table._tbl.getprevious()
            if before is not None and "Table Caption" in (before.xpath("string(.//w:pStyle/@w:val)")
                                                          or ""):
                assert before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert tables > 20


def test_scheme_names_get_the_room_figures_do_not_need():
    table = Table(header=["Scheme", "2017/18", "2018/19", "Total"],
                  rows=[["Integrated Community Equipment and Wheelchair Services", "1,240",
                         "1,300", "2,540"]], numeric_from=1)
    widths = column_widths(table)
    assert sum(widths) == TEXT_WIDTH
    assert widths[0] > 2 * widths[1] and widths[1] < TEXT_WIDTH / 6


def test_committed_tables_give_the_name_column_more_room_than_any_figure_column():
    document = Document(STAFFORDSHIRE)
    table = document.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[0] == max(grid) and sum(grid) == TEXT_WIDTH
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
