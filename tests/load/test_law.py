"""The law table (clauses/law.yaml): loaded and checked with the library, read on a document's
date by `law()` and `in_force()` in clause text, its subjects checked by name when the library
loads."""

from __future__ import annotations

import datetime
import shutil

from conftest import ROOT, SOUTHAMPTON

from generator.diagnostics import Loc
from generator.load.law import load_law
from generator.model.law import LawBook


def book(library, day):
    return LawBook(library.law, day, Loc("scheme.yaml", 3, 1))


def test_every_subject_has_eras_in_date_order(library):
    assert {"data_protection", "procurement", "health_care_procurement", "partnership_power",
            "adult_social_care", "health_and_wellbeing_boards", "nhs_indemnity",
            "information_governance_toolkit", "freedom_of_information", "better_care_fund",
            "law_of_eu_origin", "public_health_functions"} <= set(library.law.subjects)
    for subject in library.law.subjects.values():
        assert subject.eras, subject.key
        for before, after in zip(subject.eras, subject.eras[1:], strict=False):
            assert before.until is not None and before.until < after.start, subject.key


def test_the_wording_is_the_one_in_force_on_the_date(library):
    cases = {
        datetime.date(2009, 4, 1): "the Data Protection Act 1998",
        datetime.date(2018, 5, 24): "the Data Protection Act 1998",
        datetime.date(2018, 5, 25): "the General Data Protection Regulation ((EU) 2016/679), "
                                    "the Data Protection Act 2018",
        datetime.date(2024, 4, 1): "the UK GDPR (as defined in the Data Protection Act 2018), "
                                   "the Data Protection Act 2018",
    }
    for day, wording in cases.items():
        assert book(library, day).law("data_protection") == wording, day
    assert book(library, datetime.date(2007, 2, 28)).law("partnership_power") == \
        "section 31 of the Health Act 1999"
    assert book(library, datetime.date(2007, 3, 1)).law("partnership_power", "short") == \
        "section 75 of the NHS Act"
    assert book(library, datetime.date(2025, 2, 24)).law("procurement") == \
        "the Procurement Act 2023"


def test_in_force_says_whether_a_subject_has_wording_on_the_date(library):
    assert not book(library, datetime.date(2013, 3, 31)).in_force("health_and_wellbeing_boards")
    assert book(library, datetime.date(2013, 4, 1)).in_force("health_and_wellbeing_boards")
    assert not book(library, datetime.date(2022, 6, 30)).in_force("integrated_care_boards")


def test_an_undated_document_reads_the_law_in_force_now(library):
    assert book(library, None).law("law_of_eu_origin") == "assimilated law"


def test_a_subject_with_no_wording_on_the_date_is_one_error_at_the_scheme_date(library):
    lookup = book(library, datetime.date(2009, 4, 1))
    assert lookup.law("health_care_procurement") == ""
    lookup.law("health_care_procurement")
    assert [d.format() for d in lookup.diagnostics()] == [
        "scheme.yaml:3:1: error[no-law-for-date]: the draft cites the law on “NHS health care "
        "procurement” (`health_care_procurement`), and the clause library's law table "
        "(clauses/law.yaml) has no wording for it on 1 April 2009 (it has wording for "
        "1 April 2013 onwards): correct the date, or omit the clauses that cite it"]


def test_eras_out_of_order_or_malformed_are_errors_at_their_lines(tmp_path):
    path = tmp_path / "law.yaml"
    path.write_text(
        "data_protection:\n"
        "  subject: Data protection\n"
        "  eras:\n"
        "    - { id: a, from: 2000-03-01, until: 2018-05-24, wording: the 1998 Act }\n"
        "    - { id: b, from: 2018-05-01, wording: the 2018 Act }\n"
        "    - { id: c, from: soon, wording: x, confidance: verified }\n", "utf-8")
    _table, problems = load_law(path, tmp_path)
    assert [p.format() for p in problems] == [
        "law.yaml:5:7: error[invalid-value]: era `b` of `data_protection` begins on 1 May 2018, "
        "before the era above it ends: list eras in date order without overlaps",
        "law.yaml:6:40: error[unknown-key]: unknown key `confidance` in an era. Did you mean "
        "`confidence`?",
        "law.yaml:6:16: error[wrong-format]: `from:` must be a date written YYYY-MM-DD"]


def test_a_misspelt_subject_in_clause_text_is_an_error_when_the_library_loads(
        cli, tmp_path, monkeypatch):
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    clause = tmp_path / "clauses" / "section75" / "general" / "definitions.yaml"
    clause.write_text(clause.read_text().replace("law('freedom_of_information')",
                                                 "law('freedom_of_informaton')"))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("definitions.yaml" in line and "error[unknown-option]: clause `definitions`: "
               "`freedom_of_informaton` is not a subject of the law table (clauses/law.yaml). "
               "Did you mean `freedom_of_information`?" in line for line in out), out
