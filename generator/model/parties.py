"""Parties: who they are, which side they are on, and how a scheme names them."""

from __future__ import annotations

from typing import Any

from generator.model.scheme import Party

NHS_TYPES = ("icb", "ccg", "pct", "nhs_trust", "nhs_foundation_trust", "nhs_england")
COUNCIL_TYPES = ("county_council", "district_council", "unitary_council", "london_borough",
                 "metropolitan_borough", "city_of_london")
OTHER_TYPES = ("police", "voluntary_body", "other")
PARTY_TYPES = NHS_TYPES + COUNCIL_TYPES + OTHER_TYPES

TYPE_LABELS = {
    "icb": "an integrated care board",
    "ccg": "a clinical commissioning group",
    "pct": "a Primary Care Trust established under section 18 of the National Health Service "
           "Act 2006",
    "nhs_trust": "an NHS trust",
    "nhs_foundation_trust": "an NHS foundation trust",
    "nhs_england": "NHS England",
    "county_council": "a county council",
    "district_council": "a district council",
    "unitary_council": "a unitary council",
    "london_borough": "a London borough council",
    "metropolitan_borough": "a metropolitan borough council",
    "city_of_london": "the Common Council of the City of London",
    "police": "a police body",
    "voluntary_body": "a voluntary body",
    "other": "another body",
}


def party_record(party: Party) -> dict[str, Any]:
    """Return a party as clause text sees it."""
    kind = party.type
    return {
        "name": party.name,
        "short_name": party.short_name,
        "type": kind,
        "type_label": TYPE_LABELS.get(kind, "another body"),
        "address": party.address,
        "legal_name": party.legal_name or party.name,
        "execution": party.execution,
        "is_nhs": kind in NHS_TYPES,
        "is_council": kind in COUNCIL_TYPES,
    }


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
