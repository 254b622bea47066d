"""Whether the parties can make a section 75 agreement at all: who may be a party, on the
agreement's date, and with contributions. An error here stops the agreement being assembled."""

from __future__ import annotations

from generator.checks.registry import SchemeSubject, check
from generator.diagnostics import Diagnostic, error
from generator.model.law import day_text
from generator.model.parties import TYPES, PartyType, can_be_s75_partner


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


@check("gate", ("not-s75-partner", "s75-sides", "no-contributions"), documents=("section75",),
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
    if not values["funds"]["lines"]:
        out.append(error(scheme.at("funds"), "no-contributions",
                         "a section 75 agreement needs `funds:` with at least one scheme line and "
                         "its contributions (SI 2000/617 reg 7(3)(b))"))
    return out


@check("gate", ("party-out-of-era",), reads=("parties", "agreement_date", "commencement_date"))
def party_eras(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error, at the party's type, for each party of a type that did not exist on
    the document's date (the agreement date, else the commencement date)."""
    scheme = subject.scheme
    day, _loc = scheme.document_date()
    if day is None:
        return []
    out = []
    for party in scheme.parties:
        entry = TYPES.get(party.type)
        if entry is None or entry.exists_on(day):
            continue
        out.append(error(party.at("type"), "party-out-of-era",
                         f"{party.name} is {entry.name} (type: {party.type}), but "
                         f"{_span(entry)}, and this scheme is dated {day_text(day)}: name the "
                         "body that held its functions on that date, or correct the date"))
    return out


def _span(entry: PartyType) -> str:
    """Return when bodies of a type could be parties, as a clause of a message."""
    plural = entry.name
    if plural.startswith(("a ", "an ")):
        plural = plural.split(" ", 1)[1]
        plural = plural[:-1] + "ies" if plural.endswith("y") else plural + "s"
    if entry.start and entry.until:
        return (f"{plural} could be parties only from {day_text(entry.start)} to "
                f"{day_text(entry.until)}")
    if entry.start:
        return f"{plural} could be parties only from {day_text(entry.start)}"
    assert entry.until is not None
    return f"{plural} could be parties only until {day_text(entry.until)}"
