"""Reading written drafts back into the draft model: the committed drafts, a draft built here,
and a draft with a heading deleted from its XML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SOUTHAMPTON

from generator.checks.readback import leftovers, read_back, reference_number
from generator.model.draft import Clause, Item, Run
from generator.ooxml.build import bookmark_name
from generator.ooxml.ns import w
from generator.ooxml.package import read_package, serialise_part, zip_parts
from generator.pipeline import Settings, process
from generator.writers.docx import write_docx
from generator.writers.options import WriterOptions

DRAFTS = sorted(ROOT.glob("output/*/*.docx"))
OPTIONS = WriterOptions(ROOT / "templates" / "section75" / "template.docx", ROOT)
SOUTHAMPTON_DRAFT = ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.docx"


def manifest(path: Path) -> list[dict]:
    """Return the clauses the manifest beside a committed draft lists."""
    return json.loads(path.with_name(path.stem + ".manifest.json").read_text("utf-8"))["clauses"]


def shown_title(entry: dict) -> str:
    """Return a manifest title as the Word draft prints it (front-matter and execution
    headings in capitals)."""
    return entry["title"].upper() if entry["kind"] in ("front", "end") else entry["title"]


def without_heading(data: bytes, anchor: str) -> bytes:
    """Return the .docx with the paragraph holding the anchor's bookmark deleted."""
    package = read_package(data)
    document = package.main_document(editable=True)
    starts = [s for s in document.iter(w("bookmarkStart"))
              if s.get(w("name")) == bookmark_name(anchor)]
    assert len(starts) == 1
    paragraph = starts[0].getparent()
    paragraph.getparent().remove(paragraph)
    parts = package.parts()
    parts[package.main] = serialise_part(document)
    return zip_parts(parts)


def test_there_are_drafts_of_every_kind():
    kinds = {json.loads(p.with_name(p.stem + ".manifest.json").read_text("utf-8"))["document"]
             for p in DRAFTS}
    assert kinds == {"section75", "mou", "tor"}


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_committed_drafts_read_back_as_their_manifest(path):
    entries = manifest(path)
    draft = read_back(path.read_bytes(), [e["id"] for e in entries])
    assert [(c.kind, c.number, c.id, c.anchor, c.title) for c in draft.all_clauses()] == [
        (e["kind"], e["number"], e["id"], e["id"], shown_title(e)) for e in entries]


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_cross_reference_shows_its_targets_number(path):
    draft = read_back(path.read_bytes(), [e["id"] for e in manifest(path)])
    assert draft.refs, "every committed draft cross-refers"
    for ref in draft.refs:
        assert ref.anchor in draft.numbers, ref
        assert ref.shown == draft.numbers[ref.anchor], ref


def ref_runs(clause: Clause) -> list[str]:
    """Return the anchors of a clause's reference runs in the order the writer prints them."""
    runs = list(clause.lead)
    for paragraph in clause.paragraphs:
        runs += paragraph.runs + [r for d in paragraph.definitions for r in d.runs]
        runs += item_runs(paragraph.items)
    found = [run.value for run in runs if run.kind == "ref"]
    return found + [anchor for section in clause.sections for anchor in ref_runs(section)]


def item_runs(items: list[Item]) -> list[Run]:
    """Return the runs of items and their items, in order."""
    return [run for item in items for run in item.runs + item_runs(item.items)]


def test_references_become_ref_runs_in_their_paragraphs():
    draft = read_back(SOUTHAMPTON_DRAFT.read_bytes(), [e["id"] for e in manifest(
        SOUTHAMPTON_DRAFT)])
    anchors = [anchor for clause in draft.all_clauses() for anchor in ref_runs(clause)]
    assert anchors == [ref.anchor for ref in draft.refs]
    assert "variation" in anchors and draft.numbers["variation"] == "35"


def test_unknown_bookmarks_are_kept_as_their_names():
    draft = read_back(SOUTHAMPTON_DRAFT.read_bytes(), [])
    assert draft.clauses[0].id == "_Ref_definitions"
    assert draft.numbers["_Ref_term"] == "2"
    assert draft.front[0].id == "_Ref_parties"


def test_metadata_comes_from_the_document_properties():
    draft = read_back(SOUTHAMPTON_DRAFT.read_bytes(), [])
    assert draft.doc_title == "Section 75 Partnership Agreement"
    assert draft.scheme_id == "southampton-bcf-2017"
    assert draft.status == "DRAFT"


def test_a_built_draft_reads_back_as_its_model(library):
    model = process(SOUTHAMPTON, library, Settings(ROOT), "section75").built[0].draft
    data = write_docx(model, OPTIONS)
    written = read_back(data, [*model.numbers, *(c.anchor for c in model.all_clauses())])
    assert written.numbers == model.numbers
    for clause, back in zip(model.all_clauses(), written.all_clauses(), strict=True):
        assert (back.id, back.number, back.lead, back.note) == (
            clause.id, clause.number, clause.lead, clause.note)
        assert [(p.runs, p.number, p.anchor, p.items, p.definitions) for p in back.paragraphs] \
            == [(p.runs, p.number, p.anchor, p.items, p.definitions) for p in clause.paragraphs]
        assert [(s.number, s.title) for s in back.sections] == [
            (s.number, s.title) for s in clause.sections]
    assert written.has_anchor("term") and leftovers(written) == []
    assert written.text and "[[BODY]]" not in written.text


def test_a_deleted_heading_loses_its_clause(library):
    model = process(SOUTHAMPTON, library, Settings(ROOT), "section75").built[0].draft
    data = without_heading(write_docx(model, OPTIONS), "term")
    known = [c.anchor for c in model.all_clauses()]
    written = read_back(data, known)
    ids = [c.id for c in written.all_clauses()]
    assert "term" not in ids
    assert ids == [a for a in known if a != "term"]
    assert "term" not in written.numbers and not written.has_anchor("term")
    assert written.numbers["general-principles"] == "2"
    stale = {(ref.anchor, ref.shown, written.numbers.get(ref.anchor)) for ref in written.refs
             if ref.shown != written.numbers.get(ref.anchor)}
    assert ("variation", "35", "34") in stale
    assert {anchor for anchor, _, now in stale if now is None} <= {"term"}
    assert not written.has_anchor("term")
    assert "term" not in {c.anchor for c in written.all_clauses()}


def test_leftover_markers_are_found(library):
    model = process(SOUTHAMPTON, library, Settings(ROOT), "section75").built[0].draft
    model.clauses[1].paragraphs[0].runs.insert(0, Run("text", "[[BODY]] \ue000"))
    problems = leftovers(read_back(write_docx(model, OPTIONS), []))
    assert "the body marker was left in the document" in problems
    assert "internal markers were left in the document text" in problems


@pytest.mark.parametrize(("label", "number"), [("4.", "4"), ("1.6", "1.6"),
                                               ("Schedule 2", "Schedule 2"), ("(a)", "(a)")])
def test_reference_numbers_drop_a_closing_full_stop(label, number):
    assert reference_number(label) == number
