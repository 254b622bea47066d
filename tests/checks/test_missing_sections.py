"""A scheme without a top-level section a document needs gets one error naming the section and
the document, at the scheme file: not empty values, dangling references or missing data deep in
the clause library. And no message suggests a fix the tool would then refuse."""

from __future__ import annotations

import pytest
from conftest import ROOT, shown
from ruamel.yaml import YAML

CASES = ROOT / "tests" / "cases"
COMPLETE = {"section75": (CASES / "pooled-fund-minimal" / "scheme.yaml",
                          "Section 75 Partnership Agreement"),
            "mou": (CASES / "mou-police" / "scheme.yaml", "Memorandum of Understanding"),
            "tor": (CASES / "tor-only" / "scheme.yaml", "Terms of Reference")}


def sections(document: str) -> list[str]:
    """Return the top-level sections the document's outline says a scheme must give."""
    outline = YAML(typ="safe").load((ROOT / "templates" / document / "outline.yaml").read_text())
    return list(outline.get("sections") or [])


def without(source, key: str) -> str:
    """Return the YAML of a complete scheme with one top-level key left out."""
    yaml = YAML()
    data = yaml.load(source.read_text(encoding="utf-8"))
    del data[key]
    from io import StringIO
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def test_every_document_names_what_it_needs():
    assert sections("section75") == ["agreement_date", "commencement_date", "aims_and_outcomes",
                                     "functions", "eligible_persons", "services", "board"]
    assert sections("mou") == ["board", "signatories"]
    assert sections("tor") == ["board"]


@pytest.mark.parametrize(("document", "key"), [(document, key) for document in COMPLETE
                                               for key in sections(document)])
def test_a_missing_section_is_one_error_naming_it(cli, scheme_file, document, key):
    source, title = COMPLETE[document]
    status, out = cli("check", source)
    assert status == 0, out  # the complete scheme passes: the section is what breaks it
    path = scheme_file(without(source, key))
    status, out = cli("check", path)
    assert status == 1
    assert out == [
        f"{shown(path)}:1:1: error[missing-section]: `{key}:` is required to build the {title}, "
        f"and no file of the scheme gives it: add it to {shown(path)} or to the scheme it "
        "extends",
        "1 file checked: 1 error, 0 warnings"]


def test_no_parties_is_reported_once(cli, scheme_file):
    path = scheme_file(without(COMPLETE["section75"][0], "parties"))
    status, out = cli("check", path)
    assert status == 1
    assert out == [f"{shown(path)}:1:1: error[missing-key]: `parties` is required: add it to "
                   f"{shown(path)} or to the scheme it extends",
                   "1 file checked: 1 error, 0 warnings"]


def test_an_empty_list_of_parties_is_reported_once(cli, scheme_file):
    path = scheme_file(f"extends: {COMPLETE['tor'][0]}\nparties: []\n")
    status, out = cli("check", path)
    assert status == 1
    assert out == [f"{shown(path)}:2:1: error[too-few-parties]: an arrangement needs at least "
                   "two parties: list each under `parties:`",
                   "1 file checked: 1 error, 0 warnings"]


def test_data_for_a_required_clause_is_asked_for_without_offering_to_omit_it(cli, scheme_file):
    path = scheme_file(f"""extends: {COMPLETE['section75'][0]}
functions:
  health_related: []
""")
    status, out = cli("check", path)
    assert status == 1
    assert out == [
        f"{shown(path)}:2:1: error[missing-data]: required clause `functions` (SI 2000/617 reg "
        "7(3)(c)) needs `functions.health_related` in the scheme: add it",
        "1 file checked: 1 error, 0 warnings"]
    # the advice given for a required clause is the only one: omitting it is refused
    omitted = scheme_file(f"""extends: {path}
changes:
  omit:
    - clause: functions
      reason: The functions are listed elsewhere.
""", "omitted.yaml")
    status, out = cli("check", omitted)
    assert status == 1
    assert "error[required-clause-omitted]" in out[0]


def test_data_for_a_chosen_part_is_asked_for_and_adding_it_is_accepted(cli, scheme_file):
    path = scheme_file(f"""extends: {COMPLETE['mou'][0]}
mou:
  parts: [joint_commissioning, integrated_commissioning_unit]
""")
    status, out = cli("check", path)
    assert status == 1
    # omitting Part B would leave the clauses around it printing the unit's name: not offered
    assert out == [
        f"{shown(path)}:3:3: error[missing-data]: `integrated_commissioning_unit` in `mou: "
        "parts:` brings in Part B, which names the unit throughout: add `unit_name:` under "
        "`mou:`, or take `integrated_commissioning_unit` out of `parts:`",
        "1 file checked: 1 error, 0 warnings"]
    followed = scheme_file(f"""extends: {path}
mou:
  unit_name: Avonmere Street Triage Team
""", "followed.yaml")
    status, out = cli("check", followed)
    assert (status, out) == (0, ["1 file checked: 0 errors, 0 warnings"])
    dropped = scheme_file(f"""extends: {path}
mou:
  parts: [joint_commissioning]
""", "dropped.yaml")
    status, out = cli("check", dropped)
    assert (status, out) == (0, ["1 file checked: 0 errors, 0 warnings"])
