"""YAML's traps for people who do not write YAML, each checked end to end through `s75 check`:
a comma inside `{ }`, a tab, a date that does not exist, a figure written as money."""

from __future__ import annotations

import pytest
from conftest import ROOT, extending, shown

MINIMAL = ROOT / "tests" / "cases" / "pooled-fund-minimal" / "scheme.yaml"


def contribution(written: str) -> str:
    """Return scheme lines giving one fund line whose 2017/18 contributions are `written`."""
    return ("funds:\n  lines:\n    - name: Carers\n      contributions:\n"
            f"        2017/18: {written}\n")


@pytest.mark.parametrize(("written", "col", "entry", "advice"), [
    ("{ the CCG: 1,240 }", 20, "the CCG: 1,240", "write the figure without commas or £, as "
                                                 "`the CCG: 1240`"),
    ("{ the CCG: £1,240, the Council: 134 }", 20, "the CCG: £1,240",
     "write the figure without commas or £, as `the CCG: 1240`"),
    ("{ the CCG: 1,240,500 }", 20, "the CCG: 1,240,500",
     "write the figure without commas or £, as `the CCG: 1240500`"),
])
def test_a_comma_in_a_figure_inside_braces(cli, scheme_file, written, col, entry, advice):
    path = scheme_file(extending(contribution(written)))
    status, out = cli("check", path)
    assert status == 1
    pieces = len(entry.split(","))
    assert out == [f"{shown(path)}:6:{col}: error[yaml-syntax]: inside {{ }} a comma separates "
                   f"entries, so `{entry}` is read as {pieces} entries: {advice}",
                   "1 file checked: 1 error, 0 warnings"]


def test_a_comma_in_text_inside_braces(cli, scheme_file):
    path = scheme_file(extending(
        "board:\n  members:\n    - { role: Director, party: the Council, name: Smith, Jones }\n"))
    status, out = cli("check", path)
    assert status == 1
    assert out == [f"{shown(path)}:4:45: error[yaml-syntax]: inside {{ }} a comma separates "
                   "entries, so `name: Smith, Jones` is read as 2 entries: put the text in "
                   'quotes, as `name: "Smith, Jones"`',
                   "1 file checked: 1 error, 0 warnings"]


def test_following_the_comma_advice_is_accepted(cli, scheme_file):
    path = scheme_file(
        f"extends: {MINIMAL}\nboard:\n  model: advisory_delegated\n  members:\n"
        "    - { role: Director, party: the Council, name: \"Smith, Jones\" }\n"
        "    - { role: Chief Nurse, party: the ICB }\n")
    status, out = cli("check", path)
    assert (status, out[-1]) == (0, "1 file checked: 0 errors, 0 warnings"), out


def test_a_key_alone_inside_braces(cli, scheme_file):
    path = scheme_file(extending("board:\n  quorum: { three }\n"))
    status, out = cli("check", path)
    assert status == 1
    assert out == [f"{shown(path)}:3:13: error[yaml-syntax]: `three` has no value: inside {{ }} "
                   "write `key: value` entries separated by commas, and put text containing a "
                   "comma in quotes",
                   "1 file checked: 1 error, 0 warnings"]


def test_an_empty_value_inside_braces_is_not_a_split(cli, scheme_file):
    path = scheme_file(extending("board:\n  quorum: { total: }\n"))
    _, out = cli("check", path)
    assert not any("comma" in line for line in out), out


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ("board:\n\tfrequency: monthly\n", 3, 1, "this line is indented with a tab: YAML indents "
     "with spaces only, so replace the tab with spaces (as many as the lines around it use)"),
    ("board:\n  \tfrequency: monthly\n", 3, 3, "this line is indented with a tab: YAML indents "
     "with spaces only, so replace the tab with spaces (as many as the lines around it use)"),
    ("board:\n  frequency:\tmonthly\n", 3, 13,
     "a tab separates the text here: replace it with a space"),
])
def test_a_tab(cli, scheme_file, text, line, col, message):
    path = scheme_file(extending(text))
    status, out = cli("check", path)
    assert status == 1
    assert out == [f"{shown(path)}:{line}:{col}: error[yaml-syntax]: {message}",
                   "1 file checked: 1 error, 0 warnings"]


@pytest.mark.parametrize(("text", "line", "col", "date"), [
    ("agreement_date: 2017-02-30\n", 2, 17, "2017-02-30"),
    ("term: { end: 2018-02-29 }\n", 2, 14, "2018-02-29"),
    ("board:\n  meetings_in_public:\n    from: 2019-13-01\n", 4, 11, "2019-13-01"),
])
def test_a_date_that_does_not_exist(cli, scheme_file, text, line, col, date):
    path = scheme_file(extending(text))
    status, out = cli("check", path)
    assert status == 1
    assert out == [f"{shown(path)}:{line}:{col}: error[wrong-format]: `{date}` is not a date that "
                   "exists: write a real date as YYYY-MM-DD",
                   "1 file checked: 1 error, 0 warnings"]


@pytest.mark.parametrize(("written", "figure"), [
    ('"£1,240"', "1240"), ("£1,240", "1240"), ("£1240", "1240"), ('"1 240"', "1240"),
    ("£1,240.50", "1240.50")])
def test_money_written_as_a_figure(cli, scheme_file, written, figure):
    path = scheme_file(extending(contribution("\n          the CCG: " + written)))
    status, out = cli("check", path)
    assert status == 1
    shown_value = written.strip('"')
    assert out == [f"{shown(path)}:7:11: error[wrong-type]: `funds.lines.contributions.2017/18."
                   f"the CCG` should be a number, not the text `{shown_value}`: write {figure} "
                   "(no commas, spaces or £ sign)",
                   "1 file checked: 1 error, 0 warnings"]
