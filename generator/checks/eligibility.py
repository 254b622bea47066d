"""Whether the parties can make a section 75 agreement at all: who may be a party, on the
agreement's date, and with contributions. An error here stops the agreement being assembled."""

from __future__ import annotations

import datetime
from typing import Any

from generator.checks.registry import SchemeSubject, check
from generator.diagnostics import Diagnostic, error, warning
from generator.model.parties import can_be_s75_partner
from generator.model.scheme import SchemeModel

ICB_START = datetime.date(2022, 7, 1)


@check("gate", ("missing-section",))
def required_sections(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for each top-level section the document's outline needs (`sections:`)
    that the scheme does not give, located at the scheme: one error naming the section, where
    its clauses would otherwise report empty values and references deep in the library."""
    scheme, document = subject.scheme, subject.document
    outline = subject.library.outlines.get(document or "")
    if outline is None:
        return []
    top = scheme.layers[-1]
    return [error(scheme.loc, "missing-section",
                  f"`{key}:` is required to build the {outline.title}, and no file of the "
                  f"scheme gives it: add it to {top} or to the scheme it extends")
            for key in outline.sections if not scheme.has(key)]


@check("gate", ("missing-data",), documents=("mou",), reads=("mou",))
def mou_unit_named(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a memorandum with Part B (the integrated commissioning unit) whose
    unit has no name: Part B and the clauses around it print the name throughout."""
    mou = subject.scheme.mou
    if "integrated_commissioning_unit" not in mou.parts or mou.unit_name:
        return []
    return [error(mou.at("parts"), "missing-data",
                  "`integrated_commissioning_unit` in `mou: parts:` brings in Part B, which "
                  "names the unit throughout: add `unit_name:` under `mou:`, or take "
                  "`integrated_commissioning_unit` out of `parts:`")]


@check("gate", ("not-s75-partner", "s75-sides", "no-contributions", "ccg-abolished",
                 "icb-too-early"), documents=("section75",),
       reads=("parties", "funds", "agreement_date"))
def section75_eligibility(subject: SchemeSubject) -> list[Diagnostic]:
    """Return why the parties cannot make a section 75 agreement, if they cannot."""
    scheme, values = subject.scheme, subject.values
    out = []
    for i, party in enumerate(values["parties"]):
        if not can_be_s75_partner(party["type"]):
            out.append(error(
                scheme.parties[i].at("type"), "not-s75-partner",
                f"{party['name']} is {party['type_label']}, which cannot be a party to section 75 "
                "arrangements: only NHS bodies and local authorities can (NHS Act 2006 s75 and "
                "SI 2000/617). Produce a memorandum of understanding instead "
                "(`documents: [mou]`), or remove the party from this scheme"))
    if not values["nhs_parties"] or not values["council_parties"]:
        out.append(error(scheme.at("parties"), "s75-sides",
                         "a section 75 agreement needs at least one NHS body "
                         "and one local authority"))
    out += _nhs_dates(scheme, values)
    if not values["funds"]["lines"]:
        out.append(error(scheme.at("funds"), "no-contributions",
                         "a section 75 agreement needs `funds:` with at least one scheme line and "
                         "its contributions (SI 2000/617 reg 7(3)(b))"))
    return out


def _nhs_dates(scheme: SchemeModel, values: dict[str, Any]) -> list[Diagnostic]:
    date = scheme.agreement_date
    if date is None:
        return []
    out = []
    for i, party in enumerate(values["parties"]):
        loc = scheme.parties[i].at("type")
        if party["type"] == "ccg" and date >= ICB_START:
            out.append(warning(loc, "ccg-abolished",
                               f"{party['name']} is a CCG, but CCGs were abolished on 1 July 2022 "
                               "and this agreement is dated after that: name the integrated care "
                               "board (type: icb) instead"))
        if party["type"] == "icb" and date < ICB_START:
            out.append(error(loc, "icb-too-early",
                             f"{party['name']} is an ICB, but ICBs took over from CCGs on 1 July "
                             "2022 and this agreement is dated before that"))
    return out
