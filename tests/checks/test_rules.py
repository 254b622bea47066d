"""The rules a lawyer can inspect: every rule is a code of the table with a citation and a
status, reported by one registered check, and `s75 rules` lists them all."""

from __future__ import annotations

from generator.checks.registry import REGISTRY
from generator.checks.rules import rules
from generator.codes import CODES, ERROR, PRACTICE, STATUSES, UNVERIFIED_NOTE, WARNING
from generator.diagnostics import Loc, error
from generator.reference.rules import rules_markdown


def test_every_rule_has_a_citation_a_status_and_a_check():
    found = rules()
    assert len(found) >= 15
    for rule in found:
        assert rule.citation and rule.status in STATUSES and rule.message and rule.fix, rule
    registered = {code for check in REGISTRY for code in check.codes}
    assert [r.id for r in found if r.id not in registered and "loading" not in r.check] == []


def test_a_code_with_a_citation_is_a_rule():
    assert [name for name, code in CODES.items() if code.citation and not code.status] == []


def test_a_rule_of_usual_practice_is_a_warning_and_says_to_check_the_regulations():
    practice = [name for name, code in CODES.items() if code.status == PRACTICE]
    assert [name for name in practice if CODES[name].severity != WARNING] == []
    for rule in rules():
        if CODES[rule.id].unverified:
            assert rule.message.endswith(f"({UNVERIFIED_NOTE})"), rule.id


def test_a_diagnostic_of_an_unverified_rule_says_to_check_the_regulations():
    made = error(Loc("x.yaml"), "pooled-fund-roles", "a pooled fund needs a host")
    assert made.message == f"a pooled fund needs a host ({UNVERIFIED_NOTE})"
    assert error(Loc("x.yaml"), "totals-mismatch", "sums").message == "sums"


def test_s75_rules_lists_every_rule_with_its_citation_and_status(cli):
    status, lines = cli("rules")
    assert status == 0
    text = "\n".join(lines)
    for rule in rules():
        assert f"{rule.id} ({rule.severity}, {rule.status})" in text
        assert f"  law:     {rule.citation}" in text
    assert "totals-mismatch (error, verified)" in lines
    assert "  law:     SI 2000/617 reg 7(3)(b)" in lines


def test_s75_rules_markdown_is_a_page_with_a_heading_and_every_rule(cli):
    status, lines = cli("rules", "--markdown")
    assert status == 0 and lines[0] == "# Rules"
    page = "\n".join(lines) + "\n"
    assert page == rules_markdown()
    for rule in rules():
        assert f"| `{rule.id}` | {rule.severity} |" in page
    errors = [r for r in rules() if r.severity == ERROR]
    assert rules()[:len(errors)] == errors  # errors listed first
