"""Wording chosen by a scheme field: `variant_by:` on a clause or on one subclause, each
variant named after an option of the field, checked when the library is loaded."""

from __future__ import annotations

import shutil

from conftest import ROOT, SOUTHAMPTON

ELEMENT = """\
  - variant_by: board.model
    variants:
      advisory_delegated: Each member waives nothing under their own delegation.
      joint_committee: The Board waives nothing.
      otherwise: No committee waives anything.
"""


def project_with(tmp_path, monkeypatch, element: str):
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    clause = tmp_path / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text().replace("subclauses:\n", "subclauses:\n" + element, 1))
    return clause


def test_a_subclause_takes_the_wording_of_the_scheme_option(cli, tmp_path, monkeypatch):
    project_with(tmp_path, monkeypatch, ELEMENT)
    status, _ = cli("build", SOUTHAMPTON, "--doc", "section75", "--out", tmp_path / "out")
    assert status == 0
    twin = (tmp_path / "out" / "southampton-bcf-2017" / "section75-agreement.md").read_text()
    assert "Each member waives nothing under their own delegation." in twin
    assert "The Board waives nothing." not in twin and "No committee" not in twin


def test_otherwise_is_printed_when_no_variant_matches(cli, tmp_path, monkeypatch, scheme_file):
    project_with(tmp_path, monkeypatch, ELEMENT)
    (tmp_path / "schemes").mkdir()
    shutil.copy(SOUTHAMPTON, tmp_path / "schemes" / SOUTHAMPTON.name)
    scheme = scheme_file(f"extends: schemes/{SOUTHAMPTON.name}\n"
                         "board:\n  model: committees_in_common\n")
    status, out = cli("build", scheme, "--doc", "section75", "--out", tmp_path / "out")
    assert status == 0, out
    twin = (tmp_path / "out" / "southampton-bcf-2017" / "section75-agreement.md").read_text()
    assert "No committee waives anything." in twin


def test_a_variant_named_after_no_option_is_an_error_at_its_line(cli, tmp_path, monkeypatch):
    clause = project_with(tmp_path, monkeypatch,
                          ELEMENT.replace("joint_committee:", "joint_comittee:"))
    status, out = cli("check", SOUTHAMPTON)
    line = next(n for n, text in enumerate(clause.read_text().splitlines(), 1)
                if "joint_comittee" in text)
    assert status == 1
    assert any(f"waiver.yaml:{line}:7: error[unknown-variant]: clause `waiver`: variant "
               "`joint_comittee` is not an option of `board.model`" in o
               and "Did you mean `joint_committee`?" in o for o in out), out


def test_variant_by_must_name_a_field_with_options(cli, tmp_path, monkeypatch):
    project_with(tmp_path, monkeypatch, ELEMENT.replace("variant_by: board.model",
                                                        "variant_by: board.name"))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("error[bad-variant-by]: clause `waiver`: `variant_by: board.name` must name a "
               "scheme field with fixed options" in o for o in out), out


def test_a_clause_takes_the_variant_its_field_chooses(cli, tmp_path, monkeypatch):
    root = tmp_path
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, root / folder)
    monkeypatch.setenv("S75_ROOT", str(root))
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    text = clause.read_text()
    clause.write_text(text[: text.index("subclauses:")] + (
        "variant_by: board.model\n"
        "default_variant: joint_committee\n"
        "variants:\n"
        "  joint_committee:\n"
        "    text: The Board waives nothing.\n"
        "  advisory_delegated:\n"
        "    text: Each member waives nothing under their own delegation.\n"))
    status, out = cli("build", SOUTHAMPTON, "--doc", "section75", "--out", tmp_path / "out")
    assert status == 0, out
    folder = tmp_path / "out" / "southampton-bcf-2017"
    twin = (folder / "section75-agreement.md").read_text()
    assert "Each member waives nothing under their own delegation." in twin
    assert "The Board waives nothing." not in twin
    manifest = (folder / "section75-agreement.manifest.json").read_text()
    assert '"id": "waiver",' in manifest and '"variant": "advisory_delegated",' in manifest
    deviations = (folder / "section75-agreement.deviations.md").read_text()
    assert ("`waiver` (Waiver) uses the `advisory_delegated` variant, chosen by "
            "`board.model: advisory_delegated`") in deviations
