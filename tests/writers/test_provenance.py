"""Provenance for reviewers: a manifest beside every draft, `s75 explain`, and the deviations
from the vanilla model (`s75 deviations`, also written beside every draft)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, shown

DRAFTS = sorted((ROOT / "output").rglob("*.docx"))
OLDER_PEOPLE = "schemes/staffordshire/older-people.yaml"


def review_line() -> int:
    """Return the line of the older people scheme that replaces the review clause."""
    lines = (ROOT / OLDER_PEOPLE).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.strip() == "- clause: review")


def manifest_of(draft) -> dict:
    """Return the committed manifest beside a committed draft."""
    return json.loads(draft.with_name(draft.stem + ".manifest.json").read_text())


def twin_headings(draft) -> list[str]:
    """Return the numbers of the clauses and schedules the Markdown twin prints, in order."""
    numbers = []
    for line in draft.with_suffix(".md").read_text().splitlines():
        match = re.match(r"^## (\d+)\. |^## (Schedule \d+): ", line)
        if match:
            numbers.append(match.group(1) or match.group(2))
    return numbers


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_manifest_lists_every_clause_with_its_provenance(draft):
    manifest = manifest_of(draft)
    clauses = manifest["clauses"]
    assert [c["number"] for c in clauses if c["number"]] == twin_headings(draft)
    layers = {"vanilla", *manifest["scheme_files"]}
    for clause in clauses:
        assert clause["layer"] in layers
        assert re.fullmatch(r"[0-9a-f]{16}", clause["hash"])
        file, line = clause["source"].rsplit(":", 1)
        assert (ROOT / file).is_file() and int(line) >= 1
    assert len({c["id"] for c in clauses}) == len(clauses)


def by_id(manifest: dict) -> dict[str, dict]:
    return {c["id"]: c for c in manifest["clauses"]}


def test_manifest_names_the_layer_variant_and_source_of_each_change():
    older = ROOT / "output/staffordshire-older-people/section75-agreement.docx"
    clauses = by_id(manifest_of(older))
    assert clauses["risk-share"]["layer"] == OLDER_PEOPLE
    assert clauses["risk-share"]["variant"] == "hierarchy"
    assert clauses["risk-share"]["source"] == "clauses/section75/finance/risk-share.yaml:1"
    assert clauses["review"]["layer"] == OLDER_PEOPLE
    assert clauses["review"]["source"] == f"{OLDER_PEOPLE}:{review_line()}"
    assert clauses["commissioning-on-a-ccg-footprint"]["layer"] == OLDER_PEOPLE
    assert "capital-expenditure" not in clauses
    assert clauses["term"]["layer"] == "vanilla"


def test_a_changed_clause_changes_only_its_own_hash(cli, scheme_file, tmp_path):
    path = scheme_file(f"extends: {ROOT / OLDER_PEOPLE}\nvariables:\n  force_majeure_months: 6\n")
    assert cli("build", path, "--doc", "section75", "--out", tmp_path / "out")[0] == 0
    new = by_id(json.loads(next((tmp_path / "out").rglob("*.manifest.json")).read_text()))
    old = by_id(manifest_of(ROOT / "output/staffordshire-older-people/section75-agreement.docx"))
    changed = sorted(cid for cid in old if old[cid]["hash"] != new[cid]["hash"])
    assert changed == ["force-majeure"]


def test_explain_lists_clauses_with_layers(cli):
    status, out = cli("explain", OLDER_PEOPLE)
    assert status == 0
    assert out[0] == "Section 75 Partnership Agreement (staffordshire-older-people)"
    row = next(line for line in out if " risk-share " in line)
    assert row.split()[:4] == ["15", "risk-share", OLDER_PEOPLE, "[hierarchy]"]
    assert row.split()[4] == "clauses/section75/finance/risk-share.yaml:1"


def test_explain_one_clause_shows_its_change_and_text(cli):
    status, out = cli("explain", OLDER_PEOPLE, "review")
    assert status == 0
    assert out[0].startswith("Section 75 Partnership Agreement: ")
    assert f"  layer:   {OLDER_PEOPLE}" in out
    assert any(line.startswith(f"  change:  replaced at {OLDER_PEOPLE}:{review_line()}. Reason: "
                               "Commissioning "
                               "on a CCG footprint is new") for line in out)
    assert any(re.match(r"^## \d+\. ", line) for line in out)


def test_explain_unknown_clause_suggests_one(capsys):
    from generator.cli import main

    assert main(["explain", OLDER_PEOPLE, "risk-shar"]) == 1
    assert capsys.readouterr().err == ("s75: no clause `risk-shar` in this scheme's drafts. "
                                       "Did you mean `risk-share`?\n")


def test_explain_a_scheme_with_errors_reports_them(cli, scheme_file):
    path = scheme_file("id: broken\ntitel: x\n")
    status, out = cli("explain", path)
    assert status == 1
    assert any(line.startswith(f"{shown(path)}:2:1: error[unknown-key]") for line in out)


def test_deviations_grouped_by_layer_with_reasons(cli, scheme_file):
    path = scheme_file(f"""\
extends: {ROOT / OLDER_PEOPLE}
variables:
  dispute_escalation_days: 15
changes:
  omit:
    - clause: vat
      reason: Neither partner recovers VAT on these services.
  variants:
    - clause: risk-share
      choose: proportional
      reason: Overspends are now shared in proportion to the contributions.
""")
    status, out = cli("deviations", path)
    assert status == 0
    base, topic, ours = ("## schemes/staffordshire/base.yaml",
                         f"## {OLDER_PEOPLE}", f"## {shown(path)}")
    assert out.index(base) < out.index(topic) < out.index(ours)
    mine = out[out.index(ours):]
    assert (f"- **omitted**: `vat` (VAT) is left out ({shown(path)}:6). Reason: Neither partner "
            "recovers VAT on these services.") in mine
    assert (f"- **variant**: `risk-share` (Risk Share, Overspends and Underspends) uses the "
            f"`proportional` variant ({shown(path)}:9). Reason: Overspends are now shared in "
            "proportion to the contributions.") in mine
    assert (f"- **variable**: `dispute_escalation_days` is “15” (vanilla: “10”) "
            f"({shown(path)}:3).") in mine
    topic_lines = out[out.index(topic):out.index(ours)]
    assert any(line.startswith("- **replaced**: `review` (Review)") for line in topic_lines)


def test_a_variant_chosen_in_changes_sets_the_clause_and_its_text(cli, scheme_file, tmp_path):
    path = scheme_file(f"""\
extends: {ROOT / OLDER_PEOPLE}
changes:
  variants:
    - clause: risk-share
      choose: proportional
      reason: Overspends are now shared in proportion to the contributions.
""")
    assert cli("build", path, "--out", tmp_path / "out")[0] == 0
    manifest = by_id(json.loads(next((tmp_path / "out").rglob("*.manifest.json")).read_text()))
    assert manifest["risk-share"]["variant"] == "proportional"
    md = next((tmp_path / "out").rglob("section75-agreement.md")).read_text()
    older = (ROOT / "output/staffordshire-older-people/section75-agreement.md").read_text()
    shared = ("shall be met by the Partners in proportion to their Financial Contributions to "
              "that Scheme")
    assert shared in md and shared not in older


def test_deviations_file_is_written_beside_each_draft():
    for draft in DRAFTS:
        text = draft.with_name(draft.stem + ".deviations.md").read_text()
        assert text.startswith("# ")
        for layer in manifest_of(draft)["scheme_files"]:
            assert f"## {layer}" in text
    older = (ROOT / "output/staffordshire-older-people/section75-agreement.deviations.md")
    assert "- **omitted**: `capital-expenditure` (Capital Expenditure) is left out" in (
        older.read_text())
