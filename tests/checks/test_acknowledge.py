"""`s75 check --strict` makes warnings errors; a scheme may acknowledge a warning with a reason,
recorded in the deviations report, but never an error."""

from __future__ import annotations

from conftest import ROOT, extending, shown

OLDER_PEOPLE = ROOT / "schemes" / "staffordshire" / "older-people.yaml"
REPLACED_REVIEW = """
changes:
  replace:
    - clause: review
      text: The Partners shall review the arrangements every year.
      reason: The board's own words.
"""


def test_strict_makes_a_warning_an_error(cli, scheme_file):
    path = scheme_file(extending(REPLACED_REVIEW))
    status, out = cli("check", path)
    line = (f"{shown(path)}:4:7: warning[replaced-required]: clause `review` is required "
            "(SI 2000/617 reg 7(3)(f)): check that the replacement still covers what the law "
            "requires")
    assert status == 0 and line in out
    status, out = cli("check", "--strict", path)
    assert status == 1
    assert line.replace("warning[", "error[") in out
    assert out[-1] == "1 file checked: 1 error, 0 warnings"


def test_an_acknowledged_warning_is_not_reported_even_when_strict(cli, scheme_file):
    path = scheme_file(extending(REPLACED_REVIEW + """
acknowledge:
  - code: replaced-required
    reason: The board reviews every year, which still meets the Regulations.
"""))
    status, out = cli("check", "--strict", path)
    assert status == 0, out
    assert out == ["1 file checked: 0 errors, 0 warnings (1 more acknowledged)"]


def test_the_deviations_report_records_the_acknowledgement_and_its_reason(cli):
    status, out = cli("deviations", OLDER_PEOPLE)
    assert status == 0
    at = next(n for n, text in enumerate(OLDER_PEOPLE.read_text("utf-8").splitlines(), 1)
              if text.strip() == "- code: replaced-required")
    assert [line for line in out if line.startswith("- **acknowledged**")] == [
        "- **acknowledged**: the warning `replaced-required` is acknowledged "
        f"(schemes/staffordshire/older-people.yaml:{at}). Reason: The replacement review clause "
        "still provides for review of the arrangements (reg 7(3)(f)), more often than the "
        "vanilla clause; variation and termination stay in their own clauses."]
    written = (ROOT / "output" / "staffordshire-older-people"
               / "section75-agreement.deviations.md").read_text("utf-8")
    assert "- **acknowledged**: the warning `replaced-required`" in written


def test_an_error_can_never_be_acknowledged(cli, scheme_file):
    path = scheme_file(extending("""
acknowledge:
  - code: totals-mismatch
    reason: We will fix the figures later.
"""))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:3:5: error[bad-acknowledgement]: `totals-mismatch` is an error, "
            "and an error can never be acknowledged: correct what it reports and remove this "
            "entry") in out


def test_an_unknown_code_is_refused_with_a_suggestion(cli, scheme_file):
    path = scheme_file(extending("""
acknowledge:
  - code: replaced-requird
    reason: The board's own words.
"""))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:3:5: error[bad-acknowledgement]: `replaced-requird` is not a "
            "warning `s75 check` reports. Did you mean `replaced-required`? (`s75 codes` lists "
            "the warnings)") in out


def test_an_acknowledgement_of_a_warning_not_raised_is_warned_of(cli, scheme_file):
    path = scheme_file(extending("""
acknowledge:
  - code: replaced-required
    reason: No longer needed.
"""))
    status, out = cli("check", path)
    assert status == 0
    assert (f"{shown(path)}:3:5: warning[acknowledgement-unused]: `replaced-required` is "
            "acknowledged, but the scheme raises no such warning: remove this entry") in out


def test_an_acknowledgement_needs_a_reason(cli, scheme_file):
    path = scheme_file(extending("""
acknowledge:
  - code: replaced-required
"""))
    status, out = cli("check", path)
    assert status == 1
    assert any("error[missing-key]" in line and "reason" in line for line in out), out


def test_the_editor_schema_carries_acknowledge(cli):
    import json

    status, out = cli("schema")
    schema = json.loads("\n".join(out))
    entry = schema["properties"]["acknowledge"]
    assert set(entry["items"]["properties"]) == {"code", "reason"}
