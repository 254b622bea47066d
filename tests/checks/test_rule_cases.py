"""Every rule `s75 rules` lists, each with one tiny scheme that breaks it (the exact message,
line and column) and one that meets it. Each scheme extends `rule-cases/base.yaml` (a pooled
fund) or `rule-cases/parties.yaml` (no funds) with the one thing that matters."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import ROOT, shown

from generator.checks.rules import rules

CASES = ROOT / "tests" / "checks" / "rule-cases"


@dataclass(frozen=True)
class Case:
    """One rule: a scheme body that triggers it, the line it gives, and a body that passes."""

    code: str
    breaks: str
    expected: str  # `LINE:COL: severity[code]: message`, the path added in front
    meets: str
    base: str = "base.yaml"
    starts: bool = False  # the message is long (lists, suggestions): compare its start only


PARTIES = """
parties:
  - name: Brackwater Borough Council
    short_name: the Council
    type: unitary_council
  - name: NHS Brackwater Integrated Care Board
    short_name: the ICB
    type: {nhs_type}
{more}"""


def parties(nhs_type: str = "icb", more: str = "") -> str:
    """Return a `parties:` list of the Council, the NHS body of `nhs_type`, and `more`."""
    return PARTIES.format(nhs_type=nhs_type, more=more)


def years(*rows: str) -> str:
    """Return `funds: lines:` with the one line's contributions given by `rows`."""
    given = "".join(f"        {row}\n" for row in rows)
    return ("\nfunds:\n  lines:\n    - name: Community equipment\n      contributions:\n"
            + given)


TRUST = "  - { name: Brackwater Care Trust, short_name: the Trust, type: voluntary_body }\n"
POLICE = "  - { name: Brackwater Police, short_name: the Police, type: police }\n"
TWO_COUNCILS = """
parties:
  - { name: Brackwater Borough Council, short_name: the Council, type: unitary_council }
  - { name: Brackwater County Council, short_name: the ICB, type: county_council }
"""
REPLACE_REVIEW = """
changes:
  replace:
    - clause: review
      text: The Partners shall review the arrangements under [[clause:{target}]].
      reason: Our own words.
"""
OMIT = """
changes:
  omit:
    - clause: {clause}
      reason: Not wanted here.
"""
LEAD = """
flexibilities: [pooled_fund, lead_commissioning]
lead_commissioner: the Council
changes:
  omit:
    - clause: schedule-performance
      reason: Performance is reported to the board informally.
"""
SAME = "2024/25: { the ICB: 300, the Council: 200 }"
POOLED_FUND = ("flexibilities: [pooled_fund]\nfunds:\n  host: the Council\n"
               "  pooled_fund_manager: Head of Integrated Commissioning\n  lines:\n"
               "    - name: Community equipment\n      contributions:\n        " + SAME + "\n")
LATER = "2026/27: { the ICB: 300, the Council: 200 }"

def replace_text(clause: str, text: str) -> str:
    """Return `changes:` replacing `clause` with `text`."""
    return (f"changes:\n  replace:\n    - clause: {clause}\n      text: {text}\n"
            "      reason: Our own words.\n")


TABLE = [
    Case("totals-mismatch", "funds:\n  totals:\n    2024/25: { total: 400 }\n",
         "5:16: error[totals-mismatch]: the 2024/25 contributions add up to 500, not the stated "
         "total of 400: correct the lines or the total",
         "funds:\n  totals:\n    2024/25: { total: 500 }\n"),
    Case("year-outside-term", years(SAME, "2031/32: { the ICB: 300 }"),
         "8:9: error[year-outside-term]: `2031/32` (1 April 2031 to 31 March 2032) falls wholly "
         "outside the agreement's term, 1 April 2024 to 31 March 2027: correct the year, or the "
         "commencement date or term",
         years(SAME, "2025/26: { the ICB: 300 }")),
    Case("negative-contribution", years("2024/25: { the ICB: -300, the Council: 200 }"),
         "7:20: error[negative-contribution]: the ICB's 2024/25 contribution to `Community "
         "equipment` is -300, below zero: write what the partner pays in as a positive figure",
         years("2024/25: { the ICB: 0, the Council: 200 }")),
    Case("contributions-missing", years(SAME, LATER),
         "8:9: error[contributions-missing]: no line gives contributions for 2025/26, between "
         "2024/25 and 2026/27: give each year's contributions (zero where a partner pays "
         "nothing)",
         years(SAME, "2025/26: { the ICB: 0, the Council: 0 }", LATER)),
    Case("commencement-after-expiry", "term:\n  end: 2024-03-31\n",
         "4:3: error[commencement-after-expiry]: the term ends on 2024-03-31, before it commences "
         "on 2024-04-01: correct one of the dates", "term:\n  end: 2025-03-31\n"),
    Case("pooled-fund-roles", "flexibilities: [pooled_fund]\n" + years(SAME),
         "5:1: error[pooled-fund-roles]: a pooled fund needs the host partner: add `host:` "
         "under `funds:` (check against the current Regulations)",
         "flexibilities: [pooled_fund]\nfunds:\n  host: the Council\n  pooled_fund_manager: "
         "Head of Integrated Commissioning\n  lines:\n    - name: Community equipment\n"
         "      contributions:\n        " + SAME + "\n", base="parties.yaml"),
    Case("host-not-partner", parties(more=TRUST) + "funds:\n  host: the Trust\n",
         "12:3: error[host-not-partner]: Brackwater Care Trust cannot host a pooled fund: the "
         "host must be an NHS body or a local authority that is a party (check against the "
         "current Regulations)", "funds:\n  host: the ICB\n"),
    Case("markup-unknown", REPLACE_REVIEW.format(target="no-such-clause"),
         "6:62: error[markup-unknown]: `[[clause:no-such-clause]]` names no clause of this "
         "document.", REPLACE_REVIEW.format(target="termination")),
    Case("unknown-variable", "variables:\n  no_such_days: 3\n",
         "4:3: error[unknown-variable]: `no_such_days` is not a library variable.",
         "variables:\n  dispute_escalation_days: 15\n", starts=True),
    Case("illustrative-in-final",
         "status: final\ncommencement_date: { illustrative: 2024-04-01 }\n",
         "4:1: error[illustrative-in-final]: the scheme is marked final but `commencement_date` is "
         "still marked illustrative (2024-04-01): confirm it and write the plain value, or keep "
         "the status draft", "status: final\ncommencement_date: 2024-04-01\n"),
    Case("unknown-term", "vocabulary:\n  terms:\n    Pooled Fnd: Integrated Fund\n",
         "5:5: error[unknown-term]: `Pooled Fnd` is not a term the library defines in the "
         "scheme's documents, so it cannot be renamed. Did you mean `Pooled Fund`?",
         "vocabulary:\n  terms:\n    Pooled Fund: Integrated Fund\n", starts=True),
    Case("provision-roles", "flexibilities: [pooled_fund, integrated_provision]\n",
         "3:30: error[provision-roles]: integrated provision needs a lead provider: add "
         "`lead_provider:` naming the Partner that leads it",
         "flexibilities: [pooled_fund, integrated_provision]\nlead_provider: the Council\n"
         "funds:\n  lines:\n    - name: Community equipment\n      provider: the Council\n"
         "      contributions:\n        " + SAME + "\n"),
    Case("not-s75-partner", parties(more=POLICE),
         "10:56: error[not-s75-partner]: Brackwater Police is a police body, which cannot be a "
         "party to section 75 arrangements: only NHS bodies and local authorities can (NHS Act "
         "2006 s75 and SI 2000/617). Produce a memorandum of understanding instead (`documents: "
         "[mou]`), or remove the party from this scheme", parties()),
    Case("s75-sides", TWO_COUNCILS,
         "3:1: error[s75-sides]: a section 75 agreement needs at least one NHS body and one "
         "local authority", parties()),
    Case("no-contributions", "flexibilities: [aligned_budgets]\n",
         "1:1: error[no-contributions]: a section 75 agreement needs `funds:` with at least one "
         "scheme line and its contributions (SI 2000/617 reg 7(3)(b))",
         "flexibilities: [aligned_budgets]\nfunds:\n  lines:\n    - name: Community equipment\n"
         "      arrangement: aligned\n      contributions:\n        " + SAME + "\n",
         base="parties.yaml"),
    Case("party-out-of-era", parties("ccg"),
         "9:5: error[party-out-of-era]: NHS Brackwater Integrated Care Board is a clinical "
         "commissioning group (type: ccg), but clinical commissioning groups could be parties "
         "only from 1 April 2013 to 30 June 2022", parties("icb"), starts=True),
    Case("party-ceases-during-term",
         parties("ccg") + "agreement_date: 2021-04-01\ncommencement_date: 2021-04-01\n",
         "9:5: warning[party-ceases-during-term]: NHS Brackwater Integrated Care Board is a "
         "clinical commissioning group, and such bodies ceased to exist after 30 June 2022, but "
         "this agreement runs to 31 March 2027: check that the transfer to the successor body "
         "carries the agreement, which the assignment clause provides for, or end the term by "
         "that date",
         parties("ccg") + "agreement_date: 2021-04-01\ncommencement_date: 2021-04-01\n"
         "term:\n  end: 2022-03-31\n", base="parties.yaml"),
    Case("joint-committee-without-pool",
         "funds:\n  lines:\n    - name: Community equipment\n      arrangement: aligned\n"
         "      contributions:\n        " + SAME + "\nboard:\n  model: joint_committee\n",
         "10:3: error[joint-committee-without-pool]: the board is a joint committee "
         "under regulation 10 of the Regulations, which can take only pooled-fund decisions, and "
         "no scheme line is pooled", POOLED_FUND, base="parties.yaml", starts=True),
    Case("board-not-joint-committee",
         "board:\n  model: joint_committee\n  members:\n    - { role: Director of Adult "
         "Social Services, party: the Council }\n    - { role: Director of Place, party: the "
         "ICB }\n",
         "4:3: warning[board-not-joint-committee]: the board is declared a joint committee, but "
         "the Council's voting members are all officers, so it cannot decide as a joint "
         "committee", "board:\n  members:\n    - { role: Cabinet Member for Adult Care, party: "
         "the Council }\n    - { role: Director of Place, party: the ICB }\n", starts=True),
    Case("statutory-head-uncovered", OMIT.format(clause="non-financial-contributions"),
         "5:7: error[statutory-head-uncovered]: SI 2000/617 reg 7(3)(e) (the staff, goods, "
         "services or accommodation each Partner provides) is not covered: no clause in the "
         "draft meets it. Clauses that would: `non-financial-contributions`", ""),
    Case("council-reports-missing", LEAD + "    - clause: lead-commissioning\n"
         "      reason: The Council's own procedures apply.\n",
         "9:7: error[council-reports-missing]: SI 2000/617 reg 9(4) (quarterly and annual "
         "reports by a council exercising NHS functions) is not covered: no clause in the draft "
         "meets it. Clauses that would: `lead-commissioning`, `schedule-performance`",
         "flexibilities: [pooled_fund, lead_commissioning]\nlead_commissioner: the Council\n"),
    Case("excluded-nhs-function", "services:\n  - Community equipment\n  - Day surgery for "
         "older people\n",
         "5:5: warning[excluded-nhs-function]: “surgery” reads like an NHS function that cannot "
         "be the subject of partnership arrangements (surgery, radiotherapy, termination of "
         "pregnancy, endoscopy, Class 4 laser and other invasive treatment, emergency ambulance "
         "services): take it out of the arrangements, or confirm that it is not that function "
         "(check against the current Regulations)",
         "services:\n  - Community equipment\n  - Falls prevention for older people\n"),
    Case("primary-care-excluded", "services:\n  - Community equipment\n  - Primary medical "
         "services in care homes\n",
         "5:5: warning[primary-care-excluded]: “Primary medical services” reads like a primary "
         "care contractor service (GP, dental, ophthalmic or pharmaceutical), which is excluded "
         "from partnership arrangements: take it out of the arrangements, or confirm that it is "
         "not such a service (check against the current Regulations)",
         "services:\n  - Community equipment\n  - Support for care homes from GP practices\n"),
    Case("function-unused", "functions:\n  nhs:\n    - The ICB's functions under section 3 of the "
         "NHS Act 2006\n  health_related:\n    - The Council's functions under Part 1 of the "
         "Care Act 2014\n    - The Council's functions under Part 3 of the Children Act 1989\n",
         "6:3: warning[function-unused]: the children's function “The Council’s functions under "
         "Part 3 of the Children Act …” is used by no service, eligible person or scheme line: "
         "take it out of `functions:`, or add the service or scheme line that uses it (check "
         "against the current Regulations)",
         "functions:\n  nhs:\n    - The ICB's functions under section 3 of the NHS Act 2006\n"
         "  health_related:\n    - The Council's functions under Part 3 of the Children Act "
         "1989\nservices:\n  - Short breaks for disabled children\n"),
    Case("dfg-function-missing", "better_care_fund: true\nfunds:\n  lines:\n    - name: Capital"
         "\n      arrangement: pooled\n      contributions:\n        2024/25: { the Council: 200 "
         "}\n",
         "6:7: warning[dfg-function-missing]: the scheme line “Capital” is capital funding in a "
         "Better Care Fund scheme, but `functions: health_related:` does not list the disabled "
         "facilities grant functions under Part 1 of the Housing Grants, Construction and "
         "Regeneration Act 1996: add them, or say in the line's overview what else the capital "
         "pays for (check against the current Regulations)",
         "better_care_fund: true\nfunctions:\n  nhs:\n    - The ICB's functions under section 3"
         " of the NHS Act 2006\n  health_related:\n    - The Council's functions as local "
         "housing authority under Part 1 of the Housing Grants, Construction and Regeneration "
         "Act 1996\nfunds:\n  lines:\n    - name: Capital\n      arrangement: pooled\n"
         "      contributions:\n        2024/25: { the Council: 200 }\n"),
    Case("primary-care-excluded", "services:\n  - Community equipment\n  - Enhanced primary "
         "care for frail older people\n",
         "5:5: warning[primary-care-excluded]: “Enhanced primary care” reads like a primary "
         "care contractor service (GP, dental, ophthalmic or pharmaceutical), which is excluded "
         "from partnership arrangements: take it out of the arrangements, or confirm that it is "
         "not such a service (check against the current Regulations)",
         "services:\n  - Community equipment\n  - Community nursing for frail older people\n"),
    Case("bcf-too-early", "better_care_fund: true\ncommencement_date: 2014-04-01\n",
         "4:1: warning[bcf-too-early]: the scheme is a Better Care Fund pooled budget, but "
         "`commencement_date` is 2014-04-01, before 2015/16, the Fund's first year: correct the "
         "date, or remove `better_care_fund: true` (check against the current Regulations)",
         "better_care_fund: true\ncommencement_date: 2015-04-01\n"),
    Case("no-risk-share", POOLED_FUND,
         "4:1: warning[no-risk-share]: the scheme pools funds but says nothing of how overspends "
         "and underspends are shared: add `risk_share:` (own_risk, proportional, fixed_shares or "
         "hierarchy) (check against the current Regulations)",
         POOLED_FUND + "risk_share: own_risk\n", base="parties.yaml"),
    Case("dangling-reference", OMIT.format(clause="dispute-resolution"),
         "5:7: error[dangling-reference]: omitting `dispute-resolution` leaves `services`", "",
         starts=True),
    Case("placeholder-in-final", "status: final\n" + replace_text("waiver", "Waivers are TBC."),
         "7:7: error[placeholder-in-final]: “TBC” is left in “Waiver”, and this scheme's status "
         "is final: complete the text, or keep the status draft",
         "status: draft\n" + replace_text("waiver", "Waivers are TBC.")),
    Case("recitals-missing", replace_text("recitals", "The Partners wish to work together."),
         "6:7: warning[recitals-missing]: the recitals do not record the Partners' joint "
         "consultation of the people affected", "", starts=True),
    Case("long-term-no-review", "term:\n  end: 2036-03-31\n"
         + replace_text("review", "The Partners shall meet each year."),
         "3:1: warning[long-term-no-review]: the agreement can run for 12 years but no clause "
         "provides for its periodic review: keep the review clause, or write a review into its "
         "replacement", "term:\n  end: 2036-03-31\n", starts=True),
    Case("defined-term-unused", "vocabulary:\n  definitions:\n    - term: Carers Hub\n"
         "      meaning: the information service for unpaid carers\n",
         "5:7: warning[defined-term-unused]: “Carers Hub” is defined in “Definitions and "
         "Interpretation” but used nowhere else in the document: take the definition out, or "
         "use the term", "vocabulary:\n  definitions:\n    - term: Carers Hub\n"
         "      meaning: the information service for unpaid carers\n"
         "changes:\n  omit:\n    - clause: force-majeure\n      reason: Not wanted here.\n"
         "  replace:\n    - clause: waiver\n      text: The Carers Hub records each waiver.\n"
         "      reason: Our own words.\n"),
]


def check(cli, scheme_file, base: str, body: str) -> tuple[int, list[str], str]:
    """Return exit status, output lines and displayed path of a scheme extending `base`."""
    path = scheme_file(f"extends: {CASES / base}\nid: brackwater-rule-case\n{body.lstrip()}")
    status, out = cli("check", path)
    return status, out, shown(path)


@pytest.mark.parametrize("case", TABLE, ids=[c.code for c in TABLE])
def test_the_rule_is_broken_by_one_scheme_and_met_by_another(cli, scheme_file, case):
    status, out, path = check(cli, scheme_file, case.base, case.breaks)
    wanted = f"{path}:{case.expected}"
    assert any(line.startswith(wanted) if case.starts else line == wanted for line in out), out
    status, out, path = check(cli, scheme_file, case.base, case.meets)
    assert not [line for line in out if f"[{case.code}]" in line], out


def test_every_rule_has_its_case():
    assert sorted({r.id for r in rules()} - {c.code for c in TABLE}) == []
