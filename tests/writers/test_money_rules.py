"""The money rules hold together, read back from the written drafts: the roll-over of
contributions, the virement rules, the financial reports and the annual return are each stated
once, in the clauses, and the Risk Share schedule refers to them rather than restating them; and
a lead commissioner paid by another Partner with no pooled fund has its own arrangement."""

from __future__ import annotations

import io
import re

import docx
from conftest import ROOT

from generator.pipeline import Settings, process

STAFFORDSHIRE = ROOT / "schemes/staffordshire/base.yaml"


def built(library, path) -> tuple[str, list[str]]:
    """Return the agreement's Markdown twin and the text of its .docx paragraphs."""
    result = process(path, library, Settings(ROOT), "section75", write=True)
    assert result.ok, [d.format() for d in result.diagnostics]
    files = result.built[0].files
    twin = files[next(n for n in files if n.endswith(".md"))].decode("utf-8")
    document = docx.Document(io.BytesIO(files[next(n for n in files if n.endswith(".docx"))]))
    return twin, [p.text for p in document.paragraphs]


def numbered(twin: str, start: str) -> tuple[str, str]:
    """Return the number and text of the one twin paragraph that begins with `start` after its
    number."""
    found = re.findall(rf"^(\d+\.\d+) ({re.escape(start)}.*)$", twin, re.M)
    assert len(found) == 1, (start, found)
    return found[0]


def schedule(twin: str, title: str) -> str:
    """Return the text of one schedule of the twin, from its heading to the next schedule."""
    part = twin.split(f": {title}\n", 1)[1]
    return part.split("\n## ", 1)[0]


def test_the_risk_share_schedule_refers_to_the_clauses_and_restates_none(library):
    twin, paragraphs = built(library, STAFFORDSHIRE)
    rollover, rule = numbered(twin, "If the Partners have not agreed the Financial Contributions")
    assert "any difference between them and what each Partner has contributed shall be adjusted" \
        in rule
    virement, _ = numbered(twin, "The Pooled Fund Manager may move money between budget lines")
    reports, _ = numbered(twin, "The Pooled Fund Manager shall give the Partnership Board, and "
                          "at the same time")
    annual, _ = numbered(twin, "The Pooled Fund Manager shall prepare an annual return")
    risk = schedule(twin, "Risk Share and Overspends")
    assert f"is set out in clause {rollover}" in risk
    assert f"clauses {virement} and" in risk or f"and {virement} provide" in risk
    assert f"financial reports under clause {reports}" in risk
    assert f"annual return under clause {annual}" in risk
    # the rules the schedule used to restate, with a different date or a different approval
    assert "has not been approved by 1 April" not in risk
    assert "at the rate for the previous Financial Year" not in risk
    assert "with the approval of the Partnership Board" not in risk
    assert "by 31 May" not in risk
    # the same holds in the .docx, paragraph by paragraph
    assert not any("has not been approved by 1 April" in p for p in paragraphs)
    assert sum("at the level for the previous Financial Year" in p for p in paragraphs) == 1


NORTH_YORKSHIRE = ROOT / "schemes/north-yorkshire-healthy-child.yaml"


def test_a_lead_commissioned_line_is_paid_to_the_lead_commissioner_with_no_pool(library):
    twin, paragraphs = built(library, NORTH_YORKSHIRE)
    body = " ".join(paragraphs)
    number, payment = numbered(twin, "Each Partner other than the Lead Commissioner shall pay")
    assert "to the Lead Commissioner in equal monthly instalments, each for the month in " \
        "which it falls due and paid on or before the 15th day of that month" in payment
    assert "in advance" not in payment
    assert "not paid into a pooled fund" in payment
    assert f"to the Lead Commissioner under clause {number}; they are not paid into a pooled " \
        "fund." in twin  # the Scheme Specification says how its line is paid
    assert "not paid between the Partners" not in body
    assert "Aligned Budget" not in body
    assert "Pooled Fund" not in body and "Host Partner" not in body
    # the statutory heads: regulation 8 for an NHS lead commissioner, and no pooled-fund head
    assert "section 75 of the NHS Act and regulation 8 of the Regulations, each Partner other " \
        "than the Lead Commissioner arranges" in body
    assert "regulations 8 and 9" not in body
    assert "regulation 7 of the Regulations requires" not in body
    assert "continues to specify every matter that the Regulations require." in body


def test_a_council_lead_commissioner_cites_regulation_9_and_its_written_heads(library,
                                                                              scheme_file):
    text = NORTH_YORKSHIRE.read_text(encoding="utf-8").replace(
        "lead_commissioner: the CCG", "lead_commissioner: the Council")
    twin, paragraphs = built(library, scheme_file(text))
    body = " ".join(paragraphs)
    assert "regulation 9 of the Regulations, each Partner other than the Lead Commissioner" in body
    assert "every matter that regulation 9(3) of the Regulations requires" in body


def test_a_lead_commissioned_line_needs_a_lead_commissioner(cli, scheme_file):
    text = NORTH_YORKSHIRE.read_text(encoding="utf-8").replace(
        "lead_commissioner: the CCG\n", "")
    status, lines = cli("check", str(scheme_file(text)))
    assert status == 1
    assert any("error[missing-data]" in line and "lead_commissioner" in line for line in lines), \
        lines
