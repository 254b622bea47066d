"""Rules on what a section 75 agreement may cover and when: services that read like NHS
functions excluded from partnership arrangements, and a Better Care Fund agreement dated
before the Fund existed. Each is a warning for a lawyer to confirm."""

from __future__ import annotations

import datetime
import re

from generator.checks.registry import SchemeSubject, check
from generator.checks.scheme import REGULATIONS_START
from generator.diagnostics import Diagnostic, Loc, warning
from generator.model.scheme import SchemeModel

EXCLUDED = re.compile(r"\b(surgery|surgical|radiotherapy|termination of pregnanc\w*|abortion|"
                      r"endoscop\w*|class 4 laser\w*|laser treatment\w*|invasive treatment\w*|"
                      r"invasive procedure\w*|emergency ambulance\w*)\b", re.IGNORECASE)
PRIMARY_CARE = re.compile(r"\b(general medical services|primary medical services|"
                          r"GP services|general practitioner services|dental services|"
                          r"dentistry|ophthalmic services|pharmaceutical services)\b",
                          re.IGNORECASE)
BCF_START = datetime.date(2015, 4, 1)


def _texts(scheme: SchemeModel) -> list[tuple[Loc, str]]:
    """Return each text that says what the arrangements cover, with where it was written."""
    found = [(scheme.item_at("services", i), text) for i, text in enumerate(scheme.services)]
    found += [(scheme.functions.at("nhs"), text) for text in scheme.functions.nhs]
    for line in scheme.funds.lines:
        found.append((line.at("name"), line.name))
        if line.overview:
            found.append((line.at("overview"), line.overview))
        found += [(line.at("services"), text) for text in line.services]
    return found


@check("scheme", ("excluded-nhs-function", "primary-care-excluded"),
       reads=("services", "functions", "funds"))
def excluded_functions(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for each service, NHS function or scheme line whose words match an NHS
    function excluded from partnership arrangements, or a primary care contractor service."""
    out = []
    for loc, text in _texts(subject.scheme):
        match = EXCLUDED.search(text)
        if match:
            out.append(warning(loc, "excluded-nhs-function",
                               f"“{match.group()}” reads like an NHS function that cannot be "
                               "the subject of partnership arrangements (surgery, radiotherapy, "
                               "termination of pregnancy, endoscopy, Class 4 laser and other "
                               "invasive treatment, emergency ambulance services): take it out "
                               "of the arrangements, or confirm that it is not that function"))
        match = PRIMARY_CARE.search(text)
        if match:
            out.append(warning(loc, "primary-care-excluded",
                               f"“{match.group()}” reads like a primary care contractor service "
                               "(GP, dental, ophthalmic or pharmaceutical), which is excluded "
                               "from partnership arrangements: take it out of the arrangements, "
                               "or confirm that it is not such a service"))
    return out


@check("scheme", ("bcf-too-early",), reads=("better_care_fund", "agreement_date",
                                            "commencement_date"))
def better_care_fund_dates(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for a Better Care Fund scheme that commences (or, with no commencement
    date, is dated) before 2015/16, the Fund's first year: an agreement signed in March 2015
    for the Fund's first year is sound."""
    scheme = subject.scheme
    if not scheme.better_care_fund:
        return []
    name = "commencement_date" if scheme.commencement_date else "agreement_date"
    date = getattr(scheme, name)
    if date is not None and REGULATIONS_START <= date < BCF_START:  # earlier: reported as that
        return [warning(scheme.at(name), "bcf-too-early",
                            f"the scheme is a Better Care Fund pooled budget, but `{name}` is "
                            f"{date.isoformat()}, before 2015/16, the Fund's first year: "
                        "correct the date, or remove `better_care_fund: true`")]
    return []
