"""`s75 new`: a scaffolded scheme fails `s75 check` with one located error for each key left to
fill, and passes once each is filled."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from ruamel.yaml import YAML

from generator.cli import main

MARK = "# TO FILL"
PER_ITEM = ("parties.", "funds.lines.", "board.members.", "signatories.")
VALUES = {
    "title": "Carers Partnership Agreement 2024/25",
    "topic": "Carers",
    "parties.name": ["Staffordshire County Council",
                     "NHS Staffordshire and Stoke-on-Trent Integrated Care Board"],
    "parties.short_name": ["the Council", "the ICB"],
    "parties.type": ["county_council", "icb"],
    "agreement_date": datetime.date(2024, 3, 28),
    "commencement_date": datetime.date(2024, 4, 1),
    "aims_and_outcomes": ["More carers supported to keep caring"],
    "functions.nhs": ["The ICB's functions under section 3 of the NHS Act 2006"],
    "functions.health_related": ["The Council's functions under Part 1 of the Care Act 2014"],
    "eligible_persons": ["Unpaid carers in Staffordshire"],
    "services": ["Carers' breaks"],
    "funds.host": "the Council",
    "risk_share": "proportional",
    "funds.pooled_fund_manager": "Director of Health and Care",
    "funds.lines.name": ["Carers' support"],
    "funds.lines.contributions": [{"2024/25": {"the Council": 400, "the ICB": 300}}],
    "board.members.role": ["Cabinet Member for Health and Care", "Director of Commissioning"],
    "board.members.party": ["the Council", "the ICB"],
    "board.quorum.total": 2,
    "signatories.name": ["Jane Smith", "John Jones"],
    "signatories.role": ["Chief Executive", "Chief Executive"],
    "signatories.party": ["the Council", "the ICB"],
}


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """Return a project folder holding the library, the templates and the Staffordshire base,
    made the working directory and S75_ROOT."""
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(ROOT / "schemes" / "staffordshire", tmp_path / "schemes" / "staffordshire")
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def to_fill(path: Path) -> list[int]:
    """Return the line numbers of the keys marked to fill."""
    return [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if MARK in line]


def errors(lines: list[str]) -> list[tuple[int, str]]:
    """Return (line, code) of each error printed."""
    found = [re.match(r"[^:]+:(\d+):\d+: error\[([a-z-]+)\]", line) for line in lines]
    return [(int(m[1]), m[2]) for m in found if m]


def fill(path: Path) -> None:
    """Write a value into every key the scaffold left empty, as a commissioner would."""
    yaml = YAML()
    data = yaml.load(path)
    fill_in(data, "", {})
    yaml.dump(data, path)


def fill_in(node, prefix: str, seen: dict) -> None:
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        dotted = prefix if isinstance(key, int) else f"{prefix}{'.' if prefix else ''}{key}"
        if value is None:
            wanted = VALUES[dotted]
            if dotted.startswith(PER_ITEM):  # one value for each item of the list
                index = seen.get(dotted, 0)
                seen[dotted] = index + 1
                wanted = wanted[index]
            node[key] = wanted
        elif isinstance(value, (dict, list)):
            fill_in(value, dotted, seen)


def test_a_new_scheme_reports_each_field_to_fill_and_passes_once_filled(workspace, cli):
    status, lines = cli("new", "staffordshire-carers", "--documents", "section75,mou,tor")
    path = workspace / "schemes" / "staffordshire-carers.yaml"
    assert status == 0 and lines[0].startswith("wrote schemes/staffordshire-carers.yaml")
    marked = to_fill(path)
    # a second party (three keys), board member (two) and signatory (three)
    assert len(marked) == len(VALUES) + 8
    status, lines = cli("check", path)
    assert status == 1
    assert errors(lines) == [(line, "empty-value") for line in marked]
    assert lines[-1] == f"1 file checked: {len(marked)} errors, 0 warnings"
    fill(path)
    status, lines = cli("check", path)
    assert (status, lines) == (0, ["1 file checked: 0 errors, 0 warnings"])
    status, lines = cli("build", path)
    assert status == 0
    built = sorted(p.name for p in (workspace / "output" / "staffordshire-carers").glob("*.docx"))
    assert built == ["memorandum-of-understanding.docx", "section75-agreement.docx",
                     "terms-of-reference.docx"]


def test_a_topic_extending_a_base_needs_only_its_own_title_and_topic(workspace, cli):
    status, _ = cli("new", "staffordshire-carers", "--extends",
                    "schemes/staffordshire/base.yaml")
    assert status == 0
    path = workspace / "schemes" / "staffordshire-carers.yaml"
    text = path.read_text("utf-8")
    assert re.search(r"^extends: staffordshire/base\.yaml$", text, re.M)
    assert "documents:" not in text  # the base's apply
    status, lines = cli("check", path)
    assert errors(lines) == [(line, "empty-value") for line in to_fill(path)]
    assert [e for e in lines if "error" in e][0].endswith("`title` is empty: write a value")
    fill(path)
    assert cli("check", path) == (0, ["1 file checked: 0 errors, 0 warnings"])


def test_extends_is_written_relative_to_the_new_file(workspace, cli):
    nested = workspace / "schemes" / "staffordshire" / "base.yaml"
    status, _ = cli("new", "other", "--extends", str(nested))
    assert status == 0
    text = (workspace / "schemes" / "other.yaml").read_text("utf-8")
    assert "extends: staffordshire/base.yaml" in text


def refused(capsys, *args: str) -> str:
    """Run `s75` with `args`, which must fail with status 2; return the one line it prints."""
    assert main(list(args)) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    return err[0]


def test_new_never_overwrites_and_refuses_a_bad_id_or_document(workspace, capsys):
    assert main(["new", "carers"]) == 0
    before = (workspace / "schemes" / "carers.yaml").read_bytes()
    assert "schemes/carers.yaml already exists" in refused(capsys, "new", "carers")
    assert (workspace / "schemes" / "carers.yaml").read_bytes() == before
    assert "cannot be a scheme id" in refused(capsys, "new", "Carers_2024")
    assert "no document type `minutes`" in refused(capsys, "new", "carers-two", "--documents",
                                                   "section75,minutes")
    assert "no such scheme file" in refused(capsys, "new", "carers-three", "--extends",
                                            "schemes/none.yaml")
    assert not (workspace / "schemes" / "carers-two.yaml").exists()
