"""The Markdown twin renders on the web as the document reads: a CommonMark renderer shows its
(a), (b) and (i) items as list items, never as code blocks, and each item stays on a line of its
own, led by the number Word shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from markdown_it import MarkdownIt

TWINS = sorted(p for p in (ROOT / "output").rglob("*.md") if not p.name.endswith(".deviations.md"))
ITEM = re.compile(r"^(?: {2})*- (\((?:[a-z]{1,2}|[ivxl]+)\)) ")


def item_lines(text: str) -> list[str]:
    """Return the lines of the twin that are lettered or numbered items."""
    return [line for line in text.splitlines() if ITEM.match(line)]


@pytest.mark.parametrize("twin", TWINS, ids=lambda p: str(p.relative_to(ROOT / "output")))
def test_no_twin_renders_anything_as_code(twin: Path):
    tokens = MarkdownIt("commonmark").parse(twin.read_text(encoding="utf-8"))
    assert [t.content[:60] for t in tokens if t.type in ("code_block", "fence")] == []


def test_items_render_as_list_items_led_by_their_number():
    twin = (ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.md")
    text = twin.read_text(encoding="utf-8")
    assert len(item_lines(text)) > 50
    tokens = MarkdownIt("commonmark").parse(text)
    in_items = [tokens[i + 2].content for i, t in enumerate(tokens[:-2])
                if t.type == "list_item_open" and tokens[i + 2].type == "inline"]
    assert sum(1 for c in in_items if re.match(r"\([a-z]\) ", c)) == sum(
        1 for line in item_lines(text) if re.match(r"- \([a-z]\) ", line))
    assert any(c.startswith("(a) every Partner has a full voice") for c in in_items)


def test_nested_items_nest_as_lists_not_code():
    from generator.model.draft import Item, Run
    from generator.writers.markdown import _items

    lines = _items([Item([Run("text", "first;")], number="(a)",
                         items=[Item([Run("text", "inner.")], number="(i)")])], None, 1)  # type: ignore[arg-type]
    assert lines == ["- (a) first;", "  - (i) inner."]
    html = MarkdownIt("commonmark").render("Lead:\n\n" + "\n".join(lines))
    assert "<code>" not in html and html.count("<ul>") == 2 and "<li>(i) inner.</li>" in html
