"""Building drafts: required clauses, customisations, escaping, refusal, files on disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import ROOT, SOUTHAMPTON, extending, shown
from docx import Document

from generator.checks.readback import written_bookmarks
from generator.ooxml.build import bookmark_name
from generator.pipeline import Settings, process


def build(library, path: Path, doc: str = "section75"):
    result = process(path, library, Settings(ROOT), doc, write=True)
    return result


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def test_omitting_a_required_clause_is_an_error(cli, scheme_file):
    path = scheme_file(extending(
        "changes:\n  omit:\n    - clause: aims-and-outcomes\n      reason: Not wanted.\n"))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:4:7: error[required-clause-omitted]: clause `aims-and-outcomes` is "
            "required in the Section 75 Partnership Agreement (SI 2000/617 reg 7(3)(a)): it cannot "
            "be omitted. Remove this omission, or use `replace` to change its wording") in out


def test_missing_data_for_a_required_clause(cli, scheme_file):
    path = scheme_file(extending("aims_and_outcomes: []\n"))
    status, out = cli("check", path)
    assert status == 1
    assert any("error[missing-data]: required clause `aims-and-outcomes` "
               "(SI 2000/617 reg 7(3)(a)) needs `aims_and_outcomes` in the scheme" in line
               for line in out)


def test_pooled_fund_requires_host(cli, scheme_file):
    path = scheme_file(extending("funds:\n  host: the Council\n  pooled_fund_manager: ''\n"))
    status, out = cli("check", path)
    assert status == 1
    assert any("error[" in line for line in out)


def test_police_cannot_be_section75_partner(cli):
    scheme = "schemes/staffordshire/alcohol-and-drugs.yaml"
    status, out = cli("build", scheme, "--doc", "section75", "--out", "/nonexistent/never")
    assert status == 1
    assert any("error[not-s75-partner]" in line and "cannot be a party to section 75" in line
               for line in out)
    assert not any(line.startswith("wrote ") for line in out)


def test_southampton_totals(library):
    result = build(library, SOUTHAMPTON)
    assert result.ok, [d.format() for d in result.diagnostics]
    md = result.built[0].files["section75-agreement.md"].decode()
    assert "| **Total** | **35,695** | **69,501** | **105,196** |" in md
    text = docx_text(result.built[0].files["section75-agreement.docx"])
    for figure in ("69,501", "35,695", "105,196", "47,026", "16,414"):
        assert figure in text


def test_replace_add_omit_variant(library, scheme_file):
    path = scheme_file(extending("""
        changes:
          omit:
            - clause: publicity
              reason: Covered by each partner's own communications protocol.
          replace:
            - clause: complaints
              text: Complaints are handled under the Council's corporate procedure.
              reason: Single front door for complaints.
          add:
            - after: governance
              title: Hospital Discharge
              text: The Partners shall keep a joint discharge protocol.
              reason: Winter pressures.
          variants:
            - clause: risk-share
              choose: hierarchy
              reason: Overspends are met from underspends first in year one.
        """))
    result = build(library, path)
    assert result.ok, [d.format() for d in result.diagnostics]
    draft = result.built[0].draft
    ids = [c.id for c in draft.clauses]
    assert "publicity" not in ids
    assert ids[ids.index("governance") + 1] == "hospital-discharge"
    complaints = next(c for c in draft.clauses if c.id == "complaints")
    # a replacement's words are the clause's first numbered paragraph (as x.1), not a lead-in
    assert not complaints.lead
    assert complaints.paragraphs[0].numbered
    assert complaints.paragraphs[0].runs[0].value == ("Complaints are handled under the "
                                                      "Council\u2019s corporate procedure.")
    risk = next(c for c in draft.clauses if c.id == "risk-share")
    assert risk.source.variant == "hierarchy"
    md = result.built[0].files["section75-agreement.md"].decode()
    assert "Hospital Discharge" in md and "joint discharge protocol" in md


AWKWARD = "AT&T <b>Care</b> {{ 7*7 }} {% if 1 %}x{% endif %}"


def test_awkward_characters_reach_the_docx_exactly_once(library, scheme_file):
    path = scheme_file(extending(f"""
        title: "{AWKWARD}"
        funds:
          pooled_fund_manager: "Head of R&D <Finance>"
        changes:
          add:
            - after: vat
              title: "Notes on {{{{ 7*7 }}}}"
              text: "Provider AT&T said <hello> & {{{{ 7*7 }}}}."
              reason: Escaping test.
        """))
    result = build(library, path)
    assert result.ok, [d.format() for d in result.diagnostics]
    text = docx_text(result.built[0].files["section75-agreement.docx"])
    assert AWKWARD in text  # cover, header and core title
    assert "Head of R&D <Finance>" in text
    assert "Provider AT&T said <hello> & {{ 7*7 }}." in text
    assert "Notes on {{ 7*7 }}" in text
    assert "&amp;" not in text and "&lt;" not in text and "49" not in text.split("Notes on")[1][:20]
    props = Document(io.BytesIO(result.built[0].files["section75-agreement.docx"])).core_properties
    assert props.title.startswith(AWKWARD)


def test_written_docx_has_every_clause_bookmarked(library):
    result = build(library, SOUTHAMPTON)
    data = result.built[0].files["section75-agreement.docx"]
    marks = written_bookmarks(data)
    for cid in ("definitions", "aims-and-outcomes", "pooled-fund-management", "risk-share",
                "governing-law", "schedule-scheme-specifications"):
        assert bookmark_name(cid) in marks


def test_failed_build_writes_nothing_and_keeps_old_drafts(cli, scheme_file, tmp_path):
    good = scheme_file(extending("id: test-scheme\n"), name="good.yaml")
    out_dir = tmp_path / "out"
    status, _ = cli("build", good, "--out", out_dir)
    assert status == 0
    target = out_dir / "test-scheme" / "section75-agreement.docx"
    before = target.read_bytes()
    bad = scheme_file(extending("id: test-scheme\nstatus: drat\n"), name="bad.yaml")
    status, out = cli("build", bad, "--out", out_dir)
    assert status == 1
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        f"{stem}{suffix}" for stem in ("section75-agreement", "terms-of-reference")
        for suffix in (".docx", ".md", ".manifest.json", ".deviations.md"))


@pytest.mark.parametrize("args", [("--version",), ("check", "--help"), ("build", "--help"),
                                  ("explain", "--help"), ("deviations", "--help"),
                                  ("textconv", "--help"), ("redline", "--help")])
def test_help_and_version(args, capsys):
    from generator.cli import main
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip()


def test_bad_usage_exits_2(capsys):
    from generator.cli import main
    assert main(["build", "--doc", "letter"]) == 2
    assert capsys.readouterr().err == ("s75: --doc letter: there is no such document type "
                                       "(there are: mou, section75, tor, or all)\n")
