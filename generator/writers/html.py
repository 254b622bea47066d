"""The draft as HTML, for reading in a browser (the live preview): the same numbers, headings and
text as the Word draft, cross-references as links to the clause or paragraph they name, tables,
and the drafting notes while the document is a draft."""

from __future__ import annotations

import re
from html import escape

from generator.model.draft import (
    BLANK,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Clause,
    Draft,
    Item,
    Paragraph,
    Run,
    Table,
)
from generator.writers.options import WriterOptions

STYLE = """
.draft { font-family: Arial, Helvetica, sans-serif; line-height: 1.45; max-width: 46em;
  color: #1b1b1b; }
.draft .cover { border-bottom: 1px solid #bbb; margin-bottom: 1.5em; }
.draft h1 { font-size: 1.6em; } .draft h2 { font-size: 1.2em; margin-top: 1.6em; }
.draft h3 { font-size: 1.05em; margin-top: 1.2em; }
.draft .number { font-weight: bold; margin-right: 0.6em; }
.draft .paragraph { margin: 0.5em 0; }
.draft .paragraph > .number { font-weight: normal; display: inline-block; min-width: 2.6em; }
.draft ol.items { list-style: none; margin: 0.3em 0 0.3em 2.6em; padding: 0; }
.draft ol.items > li { margin: 0.25em 0; }
.draft ol.items .number { font-weight: normal; display: inline-block; min-width: 2.2em; }
.draft a.xref { color: #0b57a4; }
.draft :target { background: #fff3b0; }
.draft table { border-collapse: collapse; margin: 0.8em 0; }
.draft th, .draft td { border: 1px solid #999; padding: 0.25em 0.6em; vertical-align: top; }
.draft td.figure, .draft th.figure { text-align: right; }
.draft tr.total td { font-weight: bold; }
.draft caption { font-style: italic; text-align: left; padding-bottom: 0.3em; }
.draft .note { background: #eef4fb; border-left: 4px solid #0b57a4; padding: 0.4em 0.8em;
  margin: 0.6em 0; font-size: 0.92em; }
.draft .not-used { color: #666; font-style: italic; font-weight: normal; }
"""

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def element_id(anchor: str) -> str:
    """Return the HTML id of the clause or paragraph with this anchor."""
    return "x-" + _UNSAFE_ID.sub("-", anchor)


def write_html(draft: Draft, options: WriterOptions | None = None) -> bytes:
    """Return the draft as a standalone HTML page (UTF-8)."""
    page = ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(draft.doc_title)}: {escape(draft.scheme_title)}</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n{html_article(draft)}</body>\n</html>\n")
    return page.encode("utf-8")


def html_article(draft: Draft) -> str:
    """Return the draft as one HTML <article> element (for a page of its own or the preview)."""
    parts = [f'<article class="draft" data-document="{escape(draft.document)}">', _cover(draft)]
    parts += [_front(clause, draft) for clause in draft.front]
    parts += [_clause(clause, draft) for clause in draft.clauses]
    parts += [_schedule(schedule, draft) for schedule in draft.schedules]
    parts += [_end(block, draft) for block in draft.end]
    return "\n".join(parts) + "\n</article>\n"


def runs_html(runs: list[Run], draft: Draft) -> str:
    """Return runs as HTML: defined terms bold in quotation marks, references as links."""
    out = []
    for run in runs:
        if run.kind == "term":
            out.append(f"{QUOTE_OPEN}<strong>{escape(run.value)}</strong>{QUOTE_CLOSE}")
        elif run.kind == "ref":
            number = escape(draft.ref_text(run.value))
            out.append(f'<a class="xref" href="#{element_id(run.value)}">{number}</a>'
                       if number else "")
        else:
            out.append(escape(run.value))
    return "".join(out)


def _cover(draft: Draft) -> str:
    lines = [f"<h1>{escape(draft.doc_title)}</h1>",
             f'<p class="scheme"><strong>{escape(draft.scheme_title)}</strong></p>',
             f'<p class="status">Status: {escape(draft.status)}</p>']
    lines.append(f'<p class="date">Dated {escape(draft.date_text or BLANK)}</p>')
    lines.append('<p class="parties">Between: '
                 + "; ".join(escape(p.name) for p in draft.parties) + "</p>")
    return '<header class="cover">\n' + "\n".join(lines) + "\n</header>"


def _opening(clause: Clause, kind: str) -> str:
    anchor = f' id="{element_id(clause.anchor)}"' if clause.anchor else ""
    return f'<section class="{kind}"{anchor} data-clause="{escape(clause.id)}">'


def _heading(level: int, number: str, title: str) -> str:
    shown = f'<span class="number">{escape(number)}</span>' if number else ""
    return f"<h{level}>{shown}{title}</h{level}>"


def _front(clause: Clause, draft: Draft) -> str:
    return "\n".join([_opening(clause, "front"), _heading(2, "", escape(clause.title)),
                      *_body(clause, draft), "</section>"])


def _end(block: Clause, draft: Draft) -> str:
    """Return an unnumbered block after the schedules (the execution): heading, lead, lines,
    each section's lead and lines, then its note."""
    parts = [_opening(block, "end"), _heading(2, "", escape(block.title))]
    parts += _body(block, draft, with_note=False)
    for section in block.sections:
        parts += _body(section, draft, with_note=False)
    return "\n".join(parts + _note(block, draft) + ["</section>"])


def _clause(clause: Clause, draft: Draft, level: int = 2, kind: str = "clause") -> str:
    title = ('<span class="not-used">Not used</span>' if clause.not_used
             else escape(clause.title))
    return "\n".join([_opening(clause, kind), _heading(level, clause.label, title),
                      *_body(clause, draft), "</section>"])


def _schedule(schedule: Clause, draft: Draft) -> str:
    parts = [_opening(schedule, "schedule"),
             _heading(2, f"{schedule.label}:", escape(schedule.title))]
    parts += _body(schedule, draft, with_note=False)
    parts += [_clause(section, draft, 3, "section") for section in schedule.sections]
    return "\n".join(parts + _note(schedule, draft) + ["</section>"])


def _body(clause: Clause, draft: Draft, with_note: bool = True) -> list[str]:
    """Return the HTML of a clause's lead and paragraphs (and its drafting note)."""
    parts = [f'<p class="lead">{runs_html(clause.lead, draft)}</p>'] if clause.lead else []
    for paragraph in clause.paragraphs:
        parts += _paragraph(paragraph, draft)
    return parts + (_note(clause, draft) if with_note else [])


def _note(clause: Clause, draft: Draft) -> list[str]:
    if not clause.note or draft.status != "DRAFT":
        return []
    return [f'<aside class="note"><strong>Drafting note:</strong> '
            f"{escape(' '.join(clause.note.split()))}</aside>"]


def _paragraph(paragraph: Paragraph, draft: Draft) -> list[str]:
    """Return a paragraph's HTML, led by its number as the template's numbering prints it."""
    if paragraph.table is not None:
        return [_table(paragraph.table)]
    anchor = f' id="{element_id(paragraph.anchor)}"' if paragraph.anchor else ""
    number = (f'<span class="number">{escape(paragraph.number)}</span>'
              if paragraph.number else "")
    text = runs_html(paragraph.runs, draft)
    parts = []
    if number or text:
        parts.append(f'<div class="paragraph"{anchor}>{number}{text}</div>')
        anchor = ""
    for definition in paragraph.definitions:
        parts.append(f'<p class="definition"{anchor}><dfn>{QUOTE_OPEN}<strong>'
                     f"{escape(definition.term)}</strong>{QUOTE_CLOSE}</dfn> "
                     f"{runs_html(definition.runs, draft)}</p>")
        anchor = ""
    if paragraph.items:
        parts.append(_items(paragraph.items, draft))
    return parts


def _items(items: list[Item], draft: Draft) -> str:
    rows = []
    for item in items:
        inner = _items(item.items, draft) if item.items else ""
        rows.append(f'<li><span class="number">{escape(item.number)}</span>'
                    f"{runs_html(item.runs, draft)}{inner}</li>")
    return '<ol class="items">' + "".join(rows) + "</ol>"


def _table(table: Table) -> str:
    def cell(tag: str, text: str, index: int) -> str:
        figure = ' class="figure"' if index >= table.numeric_from else ""
        return f"<{tag}{figure}>{escape(text)}</{tag}>"

    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    head = "<tr>" + "".join(cell("th", c, i) for i, c in enumerate(table.header)) + "</tr>"
    body = [("<tr class=\"total\">" if n in table.total_rows else "<tr>")
            + "".join(cell("td", c, i) for i, c in enumerate(row)) + "</tr>"
            for n, row in enumerate(table.rows)]
    return (f"<table>{caption}<thead>{head}</thead><tbody>" + "".join(body)
            + "</tbody></table>")
