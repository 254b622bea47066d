"""Every error a commissioner can cause in a scheme file, with its exact message."""

from __future__ import annotations

from conftest import extending, shown


def test_yaml_syntax_error(cli, scheme_file):
    path = scheme_file("id: x\ntitle: [unclosed\n")
    status, out = cli("check", path)
    assert status == 1
    assert out[0].startswith(f"{shown(path)}:3:1: error[yaml-syntax]: YAML syntax error:")
    assert out[-1] == "1 file checked: 1 error, 0 warnings"


def test_duplicate_key(cli, scheme_file):
    path = scheme_file("id: a\ntitle: One\ntitle: Two\n")
    status, out = cli("check", path)
    assert status == 1
    assert out[0] == (f"{shown(path)}:3:1: error[duplicate-key]: `title` is given twice "
                      "(first given on line 2): keep one")


def test_unknown_key_with_suggestion(cli, scheme_file):
    path = scheme_file(extending("titel: Wrong\n"))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:2:1: error[unknown-key]: "
            f"unknown key `titel`. Did you mean `title`?") in out


def test_nested_unknown_key(cli, scheme_file):
    path = scheme_file(extending("board:\n  membrs: []\n"))
    _, out = cli("check", path)
    assert (f"{shown(path)}:3:3: error[unknown-key]: unknown key `membrs` in `board`. "
            "Did you mean `members`?") in out


def test_wrong_type_date(cli, scheme_file):
    path = scheme_file(extending("agreement_date: 1 April 2017\n"))
    _, out = cli("check", path)
    assert (f"{shown(path)}:2:1: error[wrong-type]: `agreement_date` should be a date written as "
            "YYYY-MM-DD, e.g. 2017-04-01, not the text `1 April 2017`") in out


def test_wrong_value_with_suggestion(cli, scheme_file):
    path = scheme_file(extending("status: drat\n"))
    _, out = cli("check", path)
    assert (f"{shown(path)}:2:1: error[wrong-value]: `status` cannot be `drat`: write one of "
            "`draft`, `final`. Did you mean `draft`?") in out


def test_number_with_commas(cli, scheme_file):
    path = scheme_file(extending(
        "funds:\n  lines:\n    - name: Carers\n      contributions:\n"
        "        2017/18: { the CCG: \"1,240\" }\n"))
    _, out = cli("check", path)
    assert any("`funds.lines.contributions.2017/18.the CCG` should be a number, not the text "
               "`1,240`: write 1240 (no commas, spaces or £ sign)" in line for line in out)


def test_unknown_clause_in_omit(cli, scheme_file):
    path = scheme_file(extending(
        "changes:\n  omit:\n    - clause: capital-expenditur\n      reason: none\n"))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:4:7: error[unknown-clause]: `clause: capital-expenditur` names no "
            "clause in the library. Did you mean `capital-expenditure`?") in out


def test_unknown_clause_in_add(cli, scheme_file):
    path = scheme_file(extending(
        "changes:\n  add:\n    - after: governence\n      title: Extra\n      text: Words.\n"
        "      reason: Needed.\n"))
    _, out = cli("check", path)
    assert (f"{shown(path)}:4:7: error[unknown-clause]: `after: governence` names no clause in "
            "the library. Did you mean `governance`?") in out


def test_omit_needs_reason(cli, scheme_file):
    path = scheme_file(extending("changes:\n  omit:\n    - clause: vat\n"))
    _, out = cli("check", path)
    assert f"{shown(path)}:4:7: error[missing-key]: `changes.omit.reason` is required here" in out


def test_extends_missing_file(cli, scheme_file):
    path = scheme_file("extends: bsae.yaml\n")
    scheme_file("id: base\n", name="base.yaml")
    _, out = cli("check", path)
    assert out[0] == (f"{shown(path)}:1:1: error[extends-missing]: `extends:` names "
                      f"`{shown(path.parent / 'bsae.yaml')}`, which does not exist. "
                      "Did you mean `base.yaml`?")


def test_extends_cycle(cli, scheme_file):
    a = scheme_file("extends: b.yaml\nid: a\n", name="a.yaml")
    b = scheme_file("extends: a.yaml\nid: b\n", name="b.yaml")
    _, out = cli("check", a)
    assert out[0] == (f"{shown(b)}:1:1: error[extends-cycle]: `extends:` goes round in a circle: "
                      f"{shown(a)} -> {shown(b)} -> {shown(a)}")


def test_contributions_must_add_up(cli, scheme_file):
    path = scheme_file(extending(
        "funds:\n  totals:\n    2017/18: { the CCG: 69501, the Council: 35695, total: 105197 }\n"))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:4:52: error[totals-mismatch]: the 2017/18 contributions add up to "
            "105,196, not the stated total of 105,197: correct the lines or the total") in out


def test_unknown_party(cli, scheme_file):
    path = scheme_file(extending("funds:\n  host: the Counsil\n"))
    _, out = cli("check", path)
    assert any(line.startswith(f"{shown(path)}:3:3: error[unknown-party]: `the Counsil` is not "
                               "one of the parties") and "Did you mean `the Council`?" in line
               for line in out)


def test_unknown_variant(cli, scheme_file):
    path = scheme_file(extending(
        "changes:\n  variants:\n    - clause: risk-share\n      choose: own-risk\n"
        "      reason: Test.\n"))
    _, out = cli("check", path)
    assert any("error[unknown-variant]: clause `risk-share` has no variant `own-risk`" in line
               and "Did you mean `own_risk`?" in line for line in out)


def test_billion_laughs_refused(cli, scheme_file):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 10)}]")
    path = scheme_file("\n".join(lines) + "\n")
    status, out = cli("check", path)
    assert status == 1
    assert "error[yaml-aliases]" in out[0]


def test_many_unknown_keys_are_all_reported(cli, scheme_file):
    scheme = scheme_file("".join(f"key{i}: 1\n" for i in range(900)))
    status, out = cli("check", scheme)
    assert status == 1 and out[-1] == "1 file checked: 900 errors, 0 warnings"
    assert ":1:1: error[unknown-key]: unknown key `key0`. Allowed here: `extends`, " in out[0]


def test_a_list_of_more_than_a_thousand_items_is_refused(cli, scheme_file):
    scheme = scheme_file("services:\n" + "".join(f"  - service {i}\n" for i in range(1001)))
    status, out = cli("check", scheme)
    assert status == 1
    assert out[0].endswith(":1002:5: error[file-too-large]: a list here has more than 1000 "
                           "items")
