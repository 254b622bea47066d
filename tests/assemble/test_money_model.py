"""The money model holds together: each rule about money is stated once, and the agreement's
clauses and schedules never say different things about it. Every test builds a real scheme
and reads the written .docx back with python-docx."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import docx
from conftest import ROOT

from generator.pipeline import Settings, process

SCHEMES = ROOT / "schemes"
OLDER_PEOPLE = SCHEMES / "staffordshire" / "older-people.yaml"


def build(library, path: Path):
    """Return the agreement built from `path`, opened with python-docx (asserting no errors)."""
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    files = result.built[0].files
    name = next(n for n in files if n.endswith(".docx"))
    return docx.Document(io.BytesIO(files[name]))


def diagnostics(library, path: Path) -> list[str]:
    """Return every diagnostic of checking `path`, formatted."""
    result = process(path, library, Settings(ROOT), "section75", write=False)
    return [d.format() for d in result.diagnostics]


def extending(tmp_path: Path, base: Path, text: str) -> Path:
    """Return a scheme file extending `base` with `text` added."""
    path = tmp_path / "scheme.yaml"
    path.write_text(f"extends: {base}\n" + textwrap.dedent(text), encoding="utf-8")
    return path


def section(document, heading: str, style: str = "Heading 1") -> list[str]:
    """Return the paragraphs after the first heading `heading` up to the next heading of the
    same style (or of a higher level)."""
    found: list[str] = []
    inside = False
    stop = {"Heading 1"} if style == "Heading 1" else {"Heading 1", style}
    for paragraph in document.paragraphs:
        name = paragraph.style.name
        if inside and name in stop:
            break
        if inside:
            found.append(paragraph.text)
        if name == style and paragraph.text.endswith(heading):
            inside = True
    return found


def schedule(document, title: str) -> list[str]:
    """Return the paragraphs of the schedule headed `title`, up to the next schedule."""
    paragraphs = [p.text for p in document.paragraphs]
    start = next(i for i, text in enumerate(paragraphs) if text == title)
    rest = paragraphs[start + 1:]
    end = next((i for i, text in enumerate(rest) if text.startswith("Schedule ")), len(rest))
    return rest[:end]


def test_the_overspend_rule_is_stated_once_in_the_clause_and_the_schedule_refers_to_it(
        library):
    document = build(library, OLDER_PEOPLE)
    clause = "\n".join(section(document, "Risk Share, Overspends and Underspends"))
    risk_schedule = "\n".join(schedule(document, "Risk Share and Overspends"))
    assert "in proportion to their Financial Contributions to the Pooled Fund" in clause
    # The schedule restates no sharing rule of its own: it refers to the clause.
    assert "in proportion to" not in risk_schedule
    assert "in the following order" not in risk_schedule
    assert "are met, shared, carried forward and returned as clause" in risk_schedule
    assert "within 30 days of the statement" not in risk_schedule


def test_the_hierarchy_stops_at_the_area_boundary_when_schemes_are_commissioned_by_area(
        library, tmp_path):
    document = build(library, OLDER_PEOPLE)
    clause = "\n".join(section(document, "Risk Share, Overspends and Underspends"))
    assert "each source in clause" in clause and "is limited to that area" in clause
    joined = "\n".join(p.text for p in document.paragraphs)
    assert "Area: this Scheme is commissioned for the North Staffordshire CCG area." in joined

    across = extending(tmp_path, OLDER_PEOPLE, "funds: { risk_across_areas: true }\n")
    clause = "\n".join(section(build(library, across), "Risk Share, Overspends and Underspends"))
    assert "limited to that area" not in clause


MENTAL_HEALTH = SCHEMES / "staffordshire" / "mental-health.yaml"
MINIMAL = ROOT / "tests" / "cases" / "pooled-fund-minimal" / "scheme.yaml"
OWN_RISK_LINE = """\
    risk_share: own_risk
    funds:
      lines:
        - name: Intermediate care
          arrangement: pooled
          contributions:
            2025/26: { the ICB: 2400, the Council: 1600 }
    """


def test_each_scheme_specification_says_which_partner_bears_its_own_overspends(library):
    document = build(library, MENTAL_HEALTH)
    clause = "\n".join(section(document, "Risk Share, Overspends and Underspends"))
    assert "the Partner which the Scheme Specification for that Scheme identifies as " \
           "responsible for it" in clause
    joined = "\n".join(p.text for p in document.paragraphs)
    assert ("Responsible Partners: the County Council (60 per cent) and the City Council "
            "(40 per cent) are jointly responsible for this Scheme and bear any Overspend on it "
            "under clause") in joined


def test_one_responsible_partner_prints_in_its_scheme_specification(library, tmp_path):
    path = extending(tmp_path, MINIMAL, OWN_RISK_LINE + "      responsible: the Council\n")
    joined = "\n".join(p.text for p in build(library, path).paragraphs)
    assert "Responsible Partner: the Council is responsible for this Scheme and bears any " \
           "Overspend on it under clause" in joined


def test_a_pooled_line_with_no_responsible_partner_under_own_risk_is_an_error(library,
                                                                              tmp_path):
    found = diagnostics(library, extending(tmp_path, MINIMAL, OWN_RISK_LINE))
    assert any("scheme.yaml:5:7: error[responsible-missing]: each Partner bears its own "
               "Overspends, so the Scheme Specification for `Intermediate care` must say which "
               "Partner is responsible" in m for m in found), found


def test_a_joint_line_whose_percentages_miss_100_is_an_error(library, tmp_path):
    path = extending(tmp_path, MINIMAL,
                     OWN_RISK_LINE + "      responsible: { the Council: 60, the ICB: 30 }\n")
    found = diagnostics(library, path)
    assert any("error[responsible-split]: the responsible Partners' percentages for "
               "`Intermediate care` add up to 90 per cent, not 100" in m for m in found), found


def test_one_date_for_agreeing_next_years_contributions_is_used_everywhere(library):
    document = build(library, SCHEMES / "city-of-london.yaml")
    joined = "\n".join(p.text for p in document.paragraphs
                       if not p.text.startswith("Drafting note"))
    assert "no later than 31 December before it begins" in joined
    assert "by 31 December before it begins" in joined
    # the budget timetable is stated once, in the contributions clause: no schedule restates it
    assert joined.count("31 December") == 3  # the two above and the definition of Quarter
    assert "28 February" not in joined


def test_the_date_for_agreeing_contributions_must_be_a_day_and_month(library, tmp_path):
    found = diagnostics(library, extending(tmp_path, MINIMAL, "funds: { agree_by: end of Q3 }\n"))
    assert any("scheme.yaml:2:" in m and "agree_by" in m for m in found), found


def test_the_membership_table_leaves_out_the_name_column_when_no_member_is_named(library):
    tables = build(library, MINIMAL).tables
    headers = [[cell.text for cell in table.rows[0].cells] for table in tables]
    membership = next(h for h in headers if h[0] == "Member")
    assert membership == ["Member", "Partner", "Status"]
