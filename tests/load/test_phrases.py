"""The wording of decision rules and quorums lives in clauses/phrases.yaml, checked on load."""

from __future__ import annotations

import shutil

from conftest import ROOT, SOUTHAMPTON


def copy_project(tmp_path, monkeypatch):
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    return tmp_path / "clauses" / "phrases.yaml"


def test_the_drafts_take_the_decision_rule_from_the_phrases(cli, tmp_path, monkeypatch):
    phrases = copy_project(tmp_path, monkeypatch)
    text = phrases.read_text()
    consensus = ("by consensus, that is with the agreement of the voting members of each "
                 "Partner who are present\n    and with no voting member present dissenting")
    assert consensus in text
    phrases.write_text(text.replace(consensus, "by the agreement of every voting member present"))
    status, _ = cli("build", SOUTHAMPTON, "--doc", "tor", "--out", tmp_path / "out")
    assert status == 0
    twin = (tmp_path / "out" / "southampton-bcf-2017" / "terms-of-reference.md").read_text()
    assert "Decisions shall be made by the agreement of every voting member present." in twin


def test_a_missing_or_misspelt_phrase_is_an_error_at_its_line(cli, tmp_path, monkeypatch):
    phrases = copy_project(tmp_path, monkeypatch)
    phrases.write_text(phrases.read_text().replace("  majority:", "  majorty:"))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("phrases.yaml" in o and "error[unknown-key]: unknown phrase "
               "`decision_rule.majorty`. Did you mean `majority`?" in o for o in out), out
    assert any("error[missing-key]: `decision_rule.majority` is required in the phrases" in o
               for o in out), out


def test_a_phrase_may_use_only_its_own_placeholders(cli, tmp_path, monkeypatch):
    phrases = copy_project(tmp_path, monkeypatch)
    phrases.write_text(phrases.read_text().replace('"at least {count} from {party}"',
                                                   '"at least {count} from {partner}"'))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("error[invalid-value]: `quorum.minimum` may use only {count}, {party}, not "
               "{partner}" in o for o in out), out
