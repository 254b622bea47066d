"""The HTML writer: the draft in a browser has the Markdown twin's numbers and headings, every
cross-reference is a link to an element of the page, tables and drafting notes are kept, and
`s75 build` does not write it (the live preview asks for it)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from generator.pipeline import Settings, process
from generator.writers import WRITERS
from generator.writers.html import html_article
from generator.writers.markdown import write_markdown


class Page(HTMLParser):
    """The parts of an HTML page the tests read: ids, link targets, headings' text, tags."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.headings: list[str] = []
        self.tags: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append(tag)
        if "id" in found:
            self.ids.append(found["id"])
        if tag == "a" and found.get("class") == "xref":
            self.links.append(found["href"])
        if tag in ("h2", "h3"):
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data + " " if data.endswith((".", ":")) else data)


@pytest.fixture(scope="module")
def drafts(library):
    built = []
    for name in ("croydon-icu.yaml", "southampton-bcf-2017.yaml"):
        result = process(ROOT / "schemes" / name, library, Settings(ROOT))
        assert result.ok
        built += [b.draft for b in result.built]
    return built


def parsed(draft) -> Page:
    page = Page()
    page.feed(html_article(draft))
    page.close()
    return page


def twin_headings(draft) -> list[str]:
    return [line.lstrip("#").strip().replace("\\", "")
            for line in write_markdown(draft).decode("utf-8").splitlines()
            if re.match(r"^#{2,3} ", line)]


def test_the_html_has_the_twins_numbers_and_headings(drafts):
    for draft in drafts:
        assert parsed(draft).headings == twin_headings(draft), draft.document


def test_every_cross_reference_links_to_an_element_of_the_page(drafts):
    for draft in drafts:
        page = parsed(draft)
        assert len(page.ids) == len(set(page.ids)), draft.document
        assert page.links, draft.document
        assert [link for link in page.links if link[1:] not in page.ids] == []


def test_tables_and_drafting_notes_are_kept(drafts):
    agreement = next(d for d in drafts if d.document == "section75")
    text = html_article(agreement)
    assert "<table>" in text and "<th" in text
    notes = sum(1 for c in agreement.all_clauses() + [s for c in agreement.schedules
                                                     for s in c.sections] if c.note)
    assert text.count('<aside class="note">') == notes > 0


def test_text_is_escaped():
    from generator.model.draft import Clause, Draft, Paragraph, Run

    draft = Draft("section75", "<Agreement>", "x", "A & B", "DRAFT", "", [],
                  clauses=[Clause("c", "Title <b>", "clause", number="1",
                                  paragraphs=[Paragraph([Run("text", "<script>")])])])
    text = html_article(draft)
    assert "<script>" not in text and "&lt;script&gt;" in text and "<b>" not in text


def test_the_html_is_a_format_the_build_leaves_out(library, tmp_path):
    assert WRITERS["html"].on_request and WRITERS["html"].suffix == ".html"
    result = process(ROOT / "schemes" / "city-of-london.yaml", library, Settings(ROOT),
                     write=True)
    assert result.built and not any(name.endswith(".html") for b in result.built
                                    for name in b.files)
