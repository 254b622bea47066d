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
                          r"dentistry|ophthalmic services|pharmaceutical services|"
                          r"enhanced primary care|named (lead|accountable) (clinician|GP)|"
                          r"accountable GP)\b",
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


# A kind of function a scheme may list, the words that name it in a function, and the words
# that show a service, scheme line or eligible person uses it.
FUNCTION_KINDS = (
    ("children's", re.compile(r"\bChildren Act|\bChildren and Families Act|\b(for|of) "
                              r"children\b|\bchildren's (social care|services)", re.IGNORECASE),
     re.compile(r"\bchild|\byoung (people|person|carer)|\bfamil(y|ies)\b|\bschool|\bmaternity"
                r"|\bhealth visit|\bSEND\b|special educational", re.IGNORECASE)),
    ("public health", re.compile(r"\bpublic health\b|\bsection 2B\b", re.IGNORECASE),
     re.compile(r"\bpublic health|\bprevent|\bhealth improvement|\bsexual health|\bdrug"
                r"|\balcohol|\bsmok|\bsubstance|\bhealthy|\bweight|\bhealth check"
                r"|\bhealth visit|\bschool nurs|\bearly intervention|\bwell-?being",
                re.IGNORECASE)),
)
CAPITAL = re.compile(r"\bcapital\b|\bdisabled facilities\b|\bDFG\b|\bhome adaptation",
                     re.IGNORECASE)
HOUSING_GRANTS = re.compile(r"Housing Grants, Construction and Regeneration Act|"
                            r"disabled facilities grant", re.IGNORECASE)


def _uses(scheme: SchemeModel) -> list[str]:
    """Return the texts that say what the arrangements are used for: services, eligible
    persons and each scheme line's name, overview and services."""
    found = list(scheme.services) + list(scheme.eligible_persons)
    for line in scheme.funds.lines:
        found += [line.name, line.overview or "", *line.services]
    return found


@check("scheme", ("function-unused",), reads=("functions", "services", "eligible_persons",
                                               "funds"))
def unused_functions(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for each function of a kind (children's, public health) that no
    service, eligible person or scheme line uses: listing it widens the arrangements and each
    Partner's confirmation of its powers for no purpose."""
    scheme = subject.scheme
    uses = _uses(scheme)
    out = []
    for side in ("nhs", "health_related"):
        for text in getattr(scheme.functions, side):
            for kind, names, used in FUNCTION_KINDS:
                if names.search(text) and not any(used.search(u) for u in uses):
                    out.append(warning(
                        scheme.functions.at(side), "function-unused",
                        f"the {kind} function “{_short(text)}” is used by no service, eligible "
                        "person or scheme line: take it out of `functions:`, or add the "
                        "service or scheme line that uses it"))
                    break
    return out


@check("scheme", ("dfg-function-missing",), reads=("functions", "funds", "better_care_fund"))
def disabled_facilities_function(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for a Better Care Fund scheme with a capital or Disabled Facilities
    Grant line whose functions do not list the disabled facilities grant functions (Part 1 of
    the Housing Grants, Construction and Regeneration Act 1996): spending on that line would
    not be in the exercise of a listed function."""
    scheme = subject.scheme
    if not scheme.better_care_fund:
        return []
    if any(HOUSING_GRANTS.search(text) for text in scheme.functions.health_related):
        return []
    for line in scheme.funds.lines:
        if CAPITAL.search(f"{line.name} {line.overview or ''}"):
            return [warning(line.at("name"), "dfg-function-missing",
                            f"the scheme line “{line.name}” is capital funding in a Better Care "
                            "Fund scheme, but `functions: health_related:` does not list the "
                            "disabled facilities grant functions under Part 1 of the Housing "
                            "Grants, Construction and Regeneration Act 1996: add them, or say "
                            "in the line's overview what else the capital pays for")]
    return []


def _short(text: str, limit: int = 60) -> str:
    """Return the start of a long text, for a message."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
