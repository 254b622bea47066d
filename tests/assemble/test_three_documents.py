"""One scheme, consistent documents: the board's name, membership, quorum and delegated limit are
printed identically in the agreement's governance schedule and in the terms of reference, the
agreement refers to the terms of reference, and the memorandum's scope is the agreement's
services. Read from the .docx files the build writes."""

from __future__ import annotations

import io
import re

import docx
import pytest
from conftest import ROOT

from generator.pipeline import Settings, process

BOTH = ["schemes/southampton-bcf-2017.yaml", "schemes/staffordshire/mental-health.yaml"]


def built_documents(library, scheme: str) -> tuple[dict, dict[str, docx.document.Document]]:
    """Return the merged scheme data and each document the scheme produces, written and opened
    again with python-docx."""
    result = process(ROOT / scheme, library, Settings(ROOT), "all", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    documents = {b.document: docx.Document(io.BytesIO(b.files[next(n for n in b.files
                                                                    if n.endswith(".docx"))]))
                 for b in result.built}
    return result.scheme, documents


def texts(document) -> list[str]:
    """Return every body paragraph's text."""
    return [p.text for p in document.paragraphs]


def membership_rows(document, board_name: str) -> list[list[str]]:
    """Return the rows of the table captioned 'Membership of <board>'."""
    captions = [i for i, p in enumerate(document.paragraphs)
                if p.text == f"Membership of the {board_name}"]
    assert len(captions) == 1
    tables = [t for t in document.tables
              if t.rows[0].cells[0].text == "Member" and len(t.columns) in (3, 4)]
    assert len(tables) == 1
    return [[cell.text for cell in row.cells] for row in tables[0].rows]


def sentence_with(paragraphs: list[str], start: str) -> str:
    """Return the phrase following `start` up to the next full stop, from the one paragraph
    containing it."""
    found = [p for p in paragraphs if start in p]
    assert found, start
    return re.split(r"\.(?:\s|$)", found[0].split(start, 1)[1], maxsplit=1)[0]


@pytest.mark.parametrize("scheme", BOTH)
def test_board_printed_identically_in_agreement_and_terms_of_reference(library, scheme):
    data, drafts = built_documents(library, scheme)
    agreement, tor = drafts["section75"], drafts["tor"]
    board = data.board
    assert membership_rows(agreement, board.name) == membership_rows(tor, board.name)
    assert len(membership_rows(tor, board.name)) == len(board.members) + 1
    quorum_agreement = sentence_with(texts(agreement), "The quorum for a meeting of the "
                                                       "Partnership Board is ")
    quorum_tor = sentence_with(texts(tor), "The quorum for a meeting of the Board is ")
    assert quorum_agreement == quorum_tor
    assert any(board.name in p for p in texts(agreement))
    assert any(board.name in p for p in texts(tor))


def test_delegated_limit_identical(library):
    _, drafts = built_documents(library, BOTH[0])
    limit = ("up to £2,000,000 for any one decision, and only when all three Cabinet Members on "
             "the Board agree")
    assert any(limit in p for p in texts(drafts["section75"]))
    assert any(limit in p for p in texts(drafts["tor"]))


@pytest.mark.parametrize("scheme", BOTH)
def test_agreement_and_terms_of_reference_refer_to_each_other(library, scheme):
    data, drafts = built_documents(library, scheme)
    agreement = "\n".join(texts(drafts["section75"]))
    assert "the full Terms of Reference are agreed by the Partners as a separate document" in (
        agreement)
    assert "“Terms of Reference” means the terms of reference of the Partnership Board agreed by "\
           "the Partners as a separate document" in agreement
    title = data.title
    assert (f"titled “{title}” (the “Section 75 Agreement”)"
            in "\n".join(texts(drafts["tor"])))


def test_agreement_without_terms_of_reference_keeps_them_in_its_schedule(library):
    _, drafts = built_documents(library, "schemes/city-of-london.yaml")
    agreement = "\n".join(texts(drafts["section75"]))
    assert "separate document" not in agreement
    assert "This Schedule is the Terms of Reference of the Partnership Board" in agreement
    assert "fuller Terms of Reference" not in agreement


def test_memorandum_scope_is_the_agreements_services(library):
    data, drafts = built_documents(library, "schemes/croydon-icu.yaml")
    services = data.services
    assert len(services) == 17
    mou = texts(drafts["mou"])
    agreement = texts(drafts["section75"])
    for service in services:
        assert any(p.endswith(service) or service in p for p in mou), service
        assert any(service in p for p in agreement), service
