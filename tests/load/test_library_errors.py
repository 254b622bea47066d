"""Mistakes in the clause library itself are reported with the clause file and line."""

from __future__ import annotations

import shutil

from conftest import ROOT, SOUTHAMPTON


def copy_project(tmp_path, monkeypatch):
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    return tmp_path


def test_undefined_variable_in_clause_text(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text().replace(
        "subclauses:", "text: The {{ board.nmae }} may waive nothing.\nsubclauses:", 1))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any(f"{clause}".endswith(line.split(":")[0]) or "waiver.yaml" in line for line in out)
    assert any("error[undefined-variable]: clause `waiver`: `board.nmae` is not a name clause "
               "text can use. Did you mean `name`?" in line for line in out)


def test_statutory_head_left_uncovered(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    for path in (root / "clauses").rglob("*.yaml"):
        text = path.read_text()
        if "reg 7(3)(e)" in text:
            path.write_text(text.replace("SI 2000/617 reg 7(3)(e)", "SI 2000/617 reg 7(3)(z)"))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("error[statutory-head-uncovered]: SI 2000/617 reg 7(3)(e) (the staff, goods, "
               "services or accommodation each Partner provides) is not covered" in line
               for line in out)


def line_of(path, text: str) -> int:
    """Return the 1-based line of the first line of `path` containing `text`."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_misspelt_name_on_a_branch_no_scheme_takes(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text().replace(
        "subclauses:", "subclauses:\n  - text: The {{ board.nmae }} may waive nothing.\n"
        "    when: board.model == \"committees_in_common\"", 1))
    status, out = cli("check", SOUTHAMPTON)
    line = line_of(clause, "board.nmae")
    assert status == 1
    assert (f"{clause.relative_to(root)}:{line}:5: error[undefined-variable]: clause `waiver`: "
            "`board.nmae` is not a name clause text can use. Did you mean `name`?") in [
        o.replace(str(root) + "/", "") for o in out]


def test_misspelt_option_in_a_condition(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text().replace(
        "subclauses:", "subclauses:\n  - text: Nothing is waived.\n"
        "    when: board.model == \"committees_in_comon\"", 1))
    status, out = cli("check", SOUTHAMPTON)
    line = line_of(clause, "committees_in_comon")
    assert status == 1
    shown = [o.replace(str(root) + "/", "") for o in out]
    assert (f"clauses/section75/boilerplate/waiver.yaml:{line}:5: error[unknown-option]: clause "
            "`waiver`: in the condition `board.model == \"committees_in_comon\"`: "
            "`committees_in_comon` is not one of the options it is compared with "
            "(`joint_committee`, `committees_in_common`, `concurrent_subcommittees`, "
            "`advisory_delegated`). Did you mean `committees_in_common`?") in shown, shown


def test_misspelt_option_inside_template_text(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text().replace(
        "subclauses:", "subclauses:\n  - >-\n    Nothing is waived.\n"
        "    {% if risk_share == \"own_risks\" %}Each bears its own.{% endif %}", 1))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("waiver.yaml" in o and "error[unknown-option]: clause `waiver`: `own_risks` is not "
               "one of the options it is compared with" in o and "Did you mean `own_risk`?" in o
               for o in out), out


def test_variant_named_after_no_option_of_its_field(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text() + (
        "variant_by: board.model\n"
        "default_variant: joint_committee\n"
        "variants:\n"
        "  joint_committee:\n"
        "    text: The Partners waive nothing.\n"
        "  advisory_delgated:\n"
        "    text: Each Partner waives nothing.\n"))
    status, out = cli("check", SOUTHAMPTON)
    line = line_of(clause, "advisory_delgated")
    assert status == 1
    shown = [o.replace(str(root) + "/", "") for o in out]
    assert (f"clauses/section75/boilerplate/waiver.yaml:{line}:3: error[unknown-variant]: clause "
            "`waiver`: variant `advisory_delgated` is not an option of `board.model` "
            "(`joint_committee`, `committees_in_common`, `concurrent_subcommittees`, "
            "`advisory_delegated`). Did you mean `advisory_delegated`?") in shown, shown


def check_with_text(cli, tmp_path, monkeypatch, text: str) -> list[str]:
    """Return what `s75 check` prints when the waiver clause gains a subclause `text`."""
    root = copy_project(tmp_path, monkeypatch)
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text().replace("subclauses:", f"subclauses:\n  - {text}", 1))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1, out
    return [line.replace(str(root) + "/", "") for line in out]


def test_clause_text_cannot_build_a_huge_string(cli, tmp_path, monkeypatch):
    out = check_with_text(cli, tmp_path, monkeypatch, "\"{{ 'a' * 10**9 }}\"")
    assert any("waiver.yaml:8:5: error[template-too-long]: clause `waiver`: computes a number "
               "of more than 100 digits: clause text may not" in line
               or "builds a value of more than 100000 items" in line for line in out), out


def test_clause_text_cannot_repeat_text_past_the_limit(cli, tmp_path, monkeypatch):
    out = check_with_text(cli, tmp_path, monkeypatch, "\"{{ 'abc' * 50000 }}\"")
    assert ("clauses/section75/boilerplate/waiver.yaml:8:5: error[template-too-long]: clause "
            "`waiver`: builds a value of more than 100000 items: clause text may not") in out, out


def test_clause_text_cannot_compute_a_huge_number(cli, tmp_path, monkeypatch):
    out = check_with_text(cli, tmp_path, monkeypatch, "\"{{ 10 ** 1000 }}\"")
    assert any("error[template-too-long]: clause `waiver`: computes a number of more than 100 "
               "digits" in line for line in out), out


def test_clause_text_cannot_loop_for_ever(cli, tmp_path, monkeypatch):
    loops = ("\"{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
             "{% endfor %}x\"")
    out = check_with_text(cli, tmp_path, monkeypatch, loops)
    assert any("error[template-too-long]: clause `waiver`: takes more than 5 seconds to render"
               in line for line in out), out


def test_clause_text_cannot_recurse_without_end(cli, tmp_path, monkeypatch):
    macro = "\"{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\""
    out = check_with_text(cli, tmp_path, monkeypatch, macro)
    assert any("error[template-too-long]: clause `waiver`: calls itself too deeply" in line
               for line in out), out


def test_clause_text_dividing_by_zero_is_located(cli, tmp_path, monkeypatch):
    out = check_with_text(cli, tmp_path, monkeypatch, "\"{{ 1 / 0 }}\"")
    assert ("clauses/section75/boilerplate/waiver.yaml:8:5: error[template-error]: clause "
            "`waiver`: cannot render: division by zero") in out, out
