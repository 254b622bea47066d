"""The names clause text may use, and the shape of each: the contract between the values that
assembly builds from a scheme (`assemble.context`) and the clause library that reads them.

The library is checked against this declaration when it is loaded, so a misspelt name or a
misspelt option anywhere in a clause file is an error at its line even when no example scheme
takes that branch. A test builds the values of every example scheme and checks that they have
exactly these names.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.parties import PARTY_TYPES
from generator.model.vocabulary import (
    ARRANGEMENTS,
    BOARD_MODELS,
    DECISION_RULES,
    DOCUMENTS,
    EXECUTIONS,
    FLEXIBILITIES,
    MOU_PARTS,
    REVIEW_FREQUENCIES,
    RISK_SHARES,
    STATUSES,
    UNITS,
)


class Anything:
    """A value whose inside is not declared: text, a number, a date or a list of text."""

    def __repr__(self) -> str:
        return "ANY"


ANY = Anything()


@dataclass(frozen=True)
class Options:
    """Text that is always one of a closed set of words (or empty)."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    """A list whose items all have one shape."""

    item: Shape


@dataclass(frozen=True)
class Lookup:
    """A helper whose first argument must be one of a closed set of keys (a law subject)."""

    keys: tuple[str, ...]


Shape = dict[str, "Shape"] | Options | ListOf | Lookup | Anything

PARTY: dict[str, Shape] = {
    "name": ANY, "short_name": ANY, "type": Options(PARTY_TYPES), "type_label": ANY,
    "address": ANY, "is_nhs": ANY, "is_council": ANY, "legal_name": ANY,
    "legal_name_in_text": ANY, "execution": Options(EXECUTIONS), "decision_body": ANY,
    "signatory": {"name": ANY, "position": ANY},
    "attested_by": ListOf({"name": ANY, "position": ANY}),
}

FUND_LINE: dict[str, Shape] = {
    "name": ANY, "arrangement": Options(ARRANGEMENTS), "overview": ANY, "services": ANY,
    "illustrative": ANY, "contributions": ANY, "years": ANY, "amount": ANY, "total": ANY,
    "illustrative_cells": ANY,
    "provider": {"name": ANY, "party": PARTY}, "area": ANY,
    "responsible": ListOf({"party": PARTY, "percent": ANY}), "responsible_text": ANY,
}

BOARD: dict[str, Shape] = {
    "present": ANY, "name": ANY, "existing_committee": ANY, "committee_of": PARTY,
    "model": Options(BOARD_MODELS), "declared_model": Options(BOARD_MODELS), "purpose": ANY,
    "accountable_to": ANY, "chair": {"role": ANY, "rotating": ANY, "co_chairs": ANY},
    "members": ListOf({"role": ANY, "name": ANY, "party": PARTY, "organisation": ANY,
                       "voting": ANY, "co_opted": ANY}),
    "substitutes": ANY, "quorum_text": ANY, "decision_rule": Options(DECISION_RULES),
    "decision_rule_text": ANY, "delegated_limit_text": ANY, "frequency": ANY,
    "limits": ListOf({"party": PARTY, "text": ANY}),
    "decides_through": ListOf({"party": PARTY, "through": ANY}),
    "executive_councils": ListOf(PARTY),
    "sub_groups": ANY, "reports_to": ANY,
    "meetings_in_public": {"from": ANY, "forward_plan_days": ANY, "papers_working_days": ANY,
                           "call_in": ANY, "public_questions": ANY, "from_text": ANY,
                           "starts_late": ANY},
}

VALUES: dict[str, Shape] = {
    "scheme": {"id": ANY, "title": ANY, "topic": ANY, "footprint": ANY,
               "status": Options(STATUSES)},
    "parties": ListOf(PARTY),
    "nhs_parties": ListOf(PARTY),
    "council_parties": ListOf(PARTY),
    "partner_bodies": ANY,
    # parties of a type abolished during the term, with the day, the Act and the successors
    "ceasing_parties": ListOf({**PARTY, "ceases": ANY, "abolished_by": ANY, "successors": ANY,
                               "kind": ANY}),
    "required_matters": ANY,  # "every matter that regulation 7(3) of the Regulations requires"
    "contributing_parties": ListOf(PARTY),
    "better_care_fund": ANY,
    "aims_and_outcomes": ANY,
    "services": ANY,
    "eligible_persons": ANY,
    "functions": {"nhs": ANY, "health_related": ANY},
    "flexibilities": ListOf(Options(FLEXIBILITIES)),
    "omitted": ANY,  # the ids of the library clauses the scheme omits
    "lead_commissioner": PARTY,
    "lead_provider": PARTY,
    "funds": {
        "units": Options(UNITS), "units_label": ANY, "host": PARTY,
        "pooled_fund_manager": ANY, "lines": ListOf(FUND_LINE), "years": ANY,
        "first_year": ANY, "arrangement": Options((*ARRANGEMENTS, "mixed")),
        "grand_total": ANY, "illustrative": ANY, "by_area": ANY, "agree_by": ANY,
    },
    "non_financial_contributions": ListOf({"party": PARTY, "description": ANY}),
    "risk_share": Options(RISK_SHARES),
    "risk_share_fixed": ListOf({"party": PARTY, "percent": ANY}),
    "board": BOARD,
    "review": {"frequency": Options(REVIEW_FREQUENCIES), "more_often_years": ANY,
               "more_often_text": ANY, "also_consider": ANY},
    "exit": {"notice_months": ANY},
    "signatories": ListOf({"name": ANY, "role": ANY, "party": PARTY}),
    "mou": {"parts": ListOf(Options(MOU_PARTS)), "unit_name": ANY, "subject": ANY,
            "scope_in": ANY, "scope_out": ANY, "support_requirements": ANY},
    "tor": {"approved_by": ANY, "approved_on": ANY, "review_by": ANY},
    "other_partner": ANY, "Other_partner": ANY, "other_partners": ANY,
    "blank": ANY,
    "document_date": dict.fromkeys(DOCUMENTS, ANY),
    "retrospective": ANY,
    "replaces": ANY,
    "documents": ListOf(Options(DOCUMENTS)),
    "agreement_title": ANY,
    "separate_tor": ANY,
    "with_agreement": ANY,
    "agreement_date": ANY,
    "commencement_date": ANY,
    "expiry_date": ANY,
    "term": {"initial_years": ANY, "extension_years": ANY, "end": ANY, "rolling": ANY},
    "vars": ANY,  # replaced by the library's own variables when the library is loaded
}

CONDITIONS = ("pooled", "aligned", "lead_commissioned", "lead_commissioning",
              "integrated_provision", "has_board")
HELPERS = ("ref", "define", "join", "money", "included")
# their first argument names a subject of clauses/law.yaml
LAW_HELPERS = ("law", "in_force", "law_during_term", "in_force_during_term")


def shape_at(names: dict[str, Shape], dotted: str) -> Shape | None:
    """Return the shape of a dotted name such as `board.model`, or None when it has none."""
    shape: Shape | None = names
    for step in dotted.split("."):
        shape = shape.get(step) if isinstance(shape, dict) else None
    return shape


def clause_names(variables: list[str], documents: tuple[str, ...] = DOCUMENTS,
                 law_subjects: tuple[str, ...] = ()) -> dict[str, Shape]:
    """Return every name clause text may use: the values, the named conditions, the helpers
    (`law` and `in_force` over the subjects of the law table), under `vars` the library's
    variables, and `documents` over the document types there are."""
    names: dict[str, Shape] = {**VALUES, "vars": dict.fromkeys(variables, ANY),
                               "documents": ListOf(Options(documents))}
    names.update(dict.fromkeys(CONDITIONS, ANY))
    names.update(dict.fromkeys(HELPERS, ANY))
    names.update(dict.fromkeys(LAW_HELPERS, Lookup(law_subjects)))
    return names
