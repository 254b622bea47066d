"""Parties: who they are, which side they are on, and how a scheme names them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from generator.model.scheme import Officer, Party

NHS_TYPES = ("icb", "ccg", "pct", "strategic_health_authority", "care_trust", "nhs_trust",
             "nhs_foundation_trust", "nhs_england")
COUNCIL_TYPES = ("county_council", "district_council", "unitary_council", "london_borough",
                 "metropolitan_borough", "city_of_london")
OTHER_TYPES = ("police", "voluntary_body", "other")
PARTY_TYPES = NHS_TYPES + COUNCIL_TYPES + OTHER_TYPES

NHS_ACT_2006 = datetime.date(2007, 3, 1)  # the consolidating Act in force


@dataclass(frozen=True)
class PartyType:
    """A kind of body: the days it could be a party (None: no limit) and how a draft describes
    it, before the National Health Service Act 2006 came into force and after."""

    label: str
    earlier_label: str = ""  # the description before 1 March 2007, where it differs
    start: datetime.date | None = None
    until: datetime.date | None = None
    name: str = ""  # its name in messages
    decision_body: str = "Board"  # the body that takes its decisions, unless the scheme says

    def label_on(self, day: datetime.date | None) -> str:
        """Return the description of a body of this type in a document dated `day`."""
        if day is not None and day < NHS_ACT_2006 and self.earlier_label:
            return self.earlier_label
        return self.label

    def exists_on(self, day: datetime.date) -> bool:
        """Return whether a body of this type could be a party on `day`."""
        return (self.start is None or day >= self.start) and (
            self.until is None or day <= self.until)


_D = datetime.date
TYPES: dict[str, PartyType] = {
    "icb": PartyType("an integrated care board established under the National Health Service "
                     "Act 2006", start=_D(2022, 7, 1), name="an integrated care board"),
    "ccg": PartyType("a clinical commissioning group established under the National Health "
                     "Service Act 2006", start=_D(2013, 4, 1), until=_D(2022, 6, 30),
                     name="a clinical commissioning group", decision_body="Governing Body"),
    "pct": PartyType("a Primary Care Trust established under section 18 of the National Health "
                     "Service Act 2006",
                     "a Primary Care Trust established under section 16A of the National Health "
                     "Service Act 1977", start=_D(2000, 4, 1), until=_D(2013, 3, 31),
                     name="a Primary Care Trust"),
    "strategic_health_authority": PartyType(
        "a Strategic Health Authority established under section 13 of the National Health "
        "Service Act 2006",
        "a Strategic Health Authority established under section 8 of the National Health "
        "Service Act 1977", start=_D(2002, 7, 1), until=_D(2013, 3, 31),
        name="a Strategic Health Authority"),
    "care_trust": PartyType(
        "a Care Trust designated under section 77 of the National Health Service Act 2006",
        "a Care Trust designated under section 45 of the Health and Social Care Act 2001",
        start=_D(2002, 4, 1), until=_D(2013, 3, 31), name="a Care Trust"),
    "nhs_trust": PartyType(
        "an NHS trust established under section 25 of the National Health Service Act 2006",
        "an NHS trust established under section 5 of the National Health Service and Community "
        "Care Act 1990", start=_D(1991, 4, 1), name="an NHS trust"),
    "nhs_foundation_trust": PartyType(
        "an NHS foundation trust within the meaning of section 30 of the National Health "
        "Service Act 2006",
        "an NHS foundation trust authorised under the Health and Social Care (Community Health "
        "and Standards) Act 2003", start=_D(2004, 4, 1), name="an NHS foundation trust",
        decision_body="Board of Directors"),
    "nhs_england": PartyType(
        "the body corporate established under section 1H of the National Health Service Act "
        "2006 and known as NHS England", start=_D(2012, 10, 1), name="NHS England"),
    "county_council": PartyType("a county council", decision_body="Cabinet"),
    "district_council": PartyType("a district council", decision_body="Cabinet"),
    "unitary_council": PartyType("a unitary council", decision_body="Cabinet"),
    "london_borough": PartyType("a London borough council", decision_body="Cabinet"),
    "metropolitan_borough": PartyType("a metropolitan borough council",
                                      decision_body="Cabinet"),
    "city_of_london": PartyType("acting by the Common Council of the City of London",
                                decision_body="Court of Common Council"),
    "police": PartyType("a police body", decision_body="governing body"),
    "voluntary_body": PartyType("a voluntary body", decision_body="governing body"),
    "other": PartyType("another body", decision_body="governing body"),
}
TYPE_LABELS = {kind: entry.label for kind, entry in TYPES.items()}


def party_record(party: Party, day: datetime.date | None = None) -> dict[str, Any]:
    """Return a party as clause text sees it, described as a document dated `day` describes
    it."""
    kind = party.type
    entry = TYPES.get(kind, TYPES["other"])
    return {
        "name": party.name,
        "short_name": party.short_name,
        "type": kind,
        "type_label": entry.label_on(day),
        "address": party.address,
        "legal_name": party.legal_name or party.name,
        "legal_name_in_text": in_sentence(party.legal_name or party.name),
        "execution": party.execution,
        "decision_body": party.decision_body or entry.decision_body,
        "signatory": _officer(party.signatory),
        "attested_by": [_officer(officer) for officer in party.attested_by] or [_officer(None)],
        "is_nhs": kind in NHS_TYPES,
        "is_council": kind in COUNCIL_TYPES,
    }


def in_sentence(name: str) -> str:
    """Return a name as it reads inside a sentence: a corporate name that opens with the
    article ("The Mayor and Commonalty and Citizens of the City of London") takes a small "the"
    there, as in "The common seal of the Mayor and Commonalty ..."."""
    return f"the {name[4:]}" if name.startswith("The ") else name


def _officer(officer: Officer | None) -> dict[str, str | None]:
    """Return a signing or attesting officer as clause text sees it (None for a part the
    scheme does not give, so the line is left blank)."""
    if officer is None:
        return {"name": None, "position": None}
    return {"name": officer.name, "position": officer.position}


def decision_bodies_text(parties: list[dict[str, Any]]) -> str:
    """Return each party's decision-making body, for clause text that names them all: "the
    Council's Cabinet and the CCG's Governing Body"."""
    named = [f"{possessive(p['short_name'])} {p['decision_body']}" for p in parties]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def possessive(name: str) -> str:
    """Return `name` in the possessive: "the Council’s", "the Trusts’" (curly, as printed)."""
    return f"{name}\u2019" if name.endswith("s") else f"{name}\u2019s"


def can_be_s75_partner(kind: str) -> bool:
    """Return True for the bodies section 75 arrangements may be made between."""
    return kind in NHS_TYPES or kind in COUNCIL_TYPES


class PartyIndex:
    """Finds a party by its name or short name."""

    def __init__(self, parties: list[dict[str, Any]]):
        self.parties = parties
        self._by_key: dict[str, dict[str, Any]] = {}
        for party in parties:
            for key in (party["name"], party["short_name"]):
                self._by_key.setdefault(_norm(key), party)

    def find(self, name: Any) -> dict[str, Any] | None:
        """Return the party called `name` (name or short name), or None."""
        return self._by_key.get(_norm(str(name)))

    def names(self) -> list[str]:
        """Return every name and short name, for suggestions."""
        names = []
        for party in self.parties:
            names += [party["short_name"], party["name"]]
        return names


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()
