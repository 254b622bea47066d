"""The shape of a scheme file, as a cerberus schema, and the one place defaults are given.

Every key is optional in one file; what the merged scheme must contain is checked after
`extends:` is resolved. A `default` here is what the typed scheme holds when no file in the
chain gives the key (`default_at` reads it)."""

from __future__ import annotations

from typing import Any

from generator.model.parties import PARTY_TYPES
from generator.model.vocabulary import (
    ARRANGEMENTS,
    BOARD_MODELS,
    DECISION_RULES,
    DOCUMENTS,
    FLEXIBILITIES,
    MOU_PARTS,
    REVIEW_FREQUENCIES,
    RISK_SHARES,
    STATUSES,
    UNITS,
)

# Whole-value patterns: (?!\n) stops a trailing newline passing where cerberus anchors with `$`,
# and [0-9] admits only ASCII digits (\d would admit the digits of every script). An id is also
# a folder and file name, so it is kept short.
ID_RE = r"(?=.{1,80}$)[a-z0-9]+(-[a-z0-9]+)*(?!\n)"
YEAR_RE = r"[0-9]{4}/[0-9]{2}(?!\n)"

TEXT = {"type": "string", "empty": False}
TEXT_LIST = {"type": "list", "schema": TEXT}
TEXT_OR_LIST = {"type": ["string", "list"], "schema": TEXT}
NUMBER = {"type": "number", "min": 0, "max": 10**13}  # no contribution reaches £10 trillion
DATE = {"type": "date"}
WHOLE = {"type": "integer", "min": 1, "max": 1000}
YEARS = {"type": "integer", "min": 1, "max": 100}

PARTY = {
    "type": "dict",
    "schema": {
        "name": {**TEXT, "required": True},
        "short_name": TEXT,
        "type": {"type": "string", "allowed": PARTY_TYPES, "required": True},
        "address": TEXT,
    },
}

CONTRIBUTIONS = {
    "type": "dict",
    "keysrules": {"type": "string", "regex": YEAR_RE,
                  "meta": {"hint": "a financial year such as 2017/18"}},
    "valuesrules": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": NUMBER},
}

FUND_LINE = {
    "type": "dict",
    "schema": {
        "name": {**TEXT, "required": True},
        "arrangement": {"type": "string", "allowed": ARRANGEMENTS, "default": "pooled"},
        "overview": TEXT,
        "services": TEXT_LIST,
        "illustrative": {"type": "boolean"},
        "contributions": {**CONTRIBUTIONS, "required": True},
        "provider": TEXT,
    },
}

FUNDS = {
    "type": "dict",
    "schema": {
        "units": {"type": "string", "allowed": UNITS, "default": "pounds"},
        "host": TEXT,
        "pooled_fund_manager": TEXT,
        "lines": {"type": "list", "schema": FUND_LINE},
        "totals": {
            "type": "dict",
            "keysrules": {"type": "string", "regex": YEAR_RE,
                          "meta": {"hint": "a financial year such as 2017/18"}},
            "valuesrules": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": NUMBER},
        },
    },
}

MEMBER = {
    "type": "dict",
    "schema": {
        "role": {**TEXT, "required": True},
        "party": TEXT,  # a Partner's member; or, for a co-opted member, `organisation:`
        "organisation": TEXT,
        "name": TEXT,
        "voting": {"type": "boolean", "default": True},
        "co_opted": {"type": "boolean", "default": False},
    },
}

BOARD = {
    "type": "dict",
    "schema": {
        "name": {**TEXT, "default": "Partnership Board"},
        "model": {"type": "string", "allowed": BOARD_MODELS, "default": "joint_committee"},
        "purpose": TEXT,
        "accountable_to": TEXT_LIST,
        "existing_committee": TEXT,
        "committee_of": TEXT,
        "chair": {"type": "dict", "schema": {"role": TEXT,
                                             "rotating": {"type": "boolean", "default": False},
                                             "co_chairs": TEXT_LIST}},
        "members": {"type": "list", "schema": MEMBER},
        "substitutes": {"type": "boolean", "default": True},
        "quorum": {
            "type": "dict",
            "schema": {
                "total": WHOLE,
                "per_party": {"type": "dict", "keysrules": {"type": "string"},
                              "valuesrules": {"type": "integer", "min": 0}},
            },
        },
        "decision_rule": {"type": "string", "allowed": DECISION_RULES, "default": "consensus"},
        "delegated_limit": {
            "type": "dict",
            "schema": {"amount": {**NUMBER, "required": True}, "condition": TEXT},
        },
        "meetings_in_public": {
            "type": "dict",
            "schema": {
                "from": DATE,
                "forward_plan_days": WHOLE,
                "papers_working_days": WHOLE,
                "call_in": {"type": "boolean"},
                "public_questions": {"type": "boolean"},
            },
        },
        "frequency": {**TEXT, "default": "at least quarterly"},
        "sub_groups": TEXT_LIST,
        "reports_to": TEXT_LIST,
    },
}

CHANGE_REASON = {**TEXT, "required": True}

# Text a scheme writes (replace, add): a paragraph, with listed items (which may have items of
# their own) or a table. A plain string is a paragraph.
WRITTEN_TABLE = {"type": "dict", "schema": {
    "header": {**TEXT_LIST, "required": True},
    "rows": {"type": "list", "required": True, "schema": TEXT_LIST},
    "caption": TEXT,
}}
ITEM_LEVELS = 3  # (a), (i), then (A): deeper lists are refused


def _items(depth: int) -> dict[str, Any]:
    """Return the schema of a list of items nested at most `depth` further levels."""
    if depth == 0:
        return TEXT_LIST
    return {"type": "list", "schema": {"type": ["string", "dict"], "empty": False, "schema": {
        "text": {**TEXT, "required": True},
        "items": _items(depth - 1),
    }}}


WRITTEN_PARAGRAPH = {"type": ["string", "dict"], "empty": False, "schema": {
    "text": TEXT,
    "items": _items(ITEM_LEVELS - 1),
    "table": WRITTEN_TABLE,
    "numbered": {"type": "boolean"},
}}
WRITTEN_PARAGRAPHS = {"type": "list", "schema": WRITTEN_PARAGRAPH}
WRITTEN_SECTIONS = {"type": "list", "schema": {"type": "dict", "schema": {
    "title": TEXT,
    "text": TEXT,
    "subclauses": WRITTEN_PARAGRAPHS,
}}}
CLAUSE_ID = {**TEXT, "required": True}


def _written(empty_hint: str) -> dict[str, Any]:
    """Return the keys of a change that writes text (replace, add), with the hint an empty
    `text:` gets."""
    return {"text": {**TEXT, "meta": {"empty": empty_hint}}, "subclauses": WRITTEN_PARAGRAPHS,
            "sections": WRITTEN_SECTIONS, "reason": CHANGE_REASON}


ANCHOR = TEXT

CHANGES = {
    "type": "dict",
    "schema": {
        "omit": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": CLAUSE_ID,
            "reason": CHANGE_REASON,
            "keep_number": {"type": "boolean"},
        }}},
        "replace": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": CLAUSE_ID,
            "title": TEXT,
            **_written("write the clause's new wording, or give its `subclauses:` instead"),
        }}},
        "rename": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": CLAUSE_ID,
            "title": {**TEXT, "required": True},
            "reason": CHANGE_REASON,
        }}},
        "add": {"type": "list", "schema": {"type": "dict", "schema": {
            "after": ANCHOR,
            "before": ANCHOR,
            "schedule": {"type": "boolean"},
            "document": TEXT,
            "id": {"type": "string", "regex": ID_RE,
                   "meta": {"hint": "lower-case words joined by hyphens"}},
            "title": {**TEXT, "required": True},
            **_written("write the new clause's wording, or give its `subclauses:` instead"),
        }}},
        "move": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": CLAUSE_ID,
            "after": ANCHOR,
            "before": ANCHOR,
            "reason": CHANGE_REASON,
        }}},
        "order": {"type": "list", "schema": {"type": "dict", "schema": {
            "clauses": {**TEXT_LIST, "required": True, "empty": False},
            "reason": CHANGE_REASON,
        }}},
        "include": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": CLAUSE_ID,
            "reason": CHANGE_REASON,
        }}},
        "variants": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": CLAUSE_ID,
            "choose": {**TEXT, "required": True},
            "reason": CHANGE_REASON,
        }}},
    },
}

RENAME = {"type": ["string", "dict"], "empty": False,
          "schema": {"singular": {**TEXT, "required": True}, "plural": TEXT}}

VOCABULARY = {
    "type": "dict",
    "schema": {
        "terms": {"type": "dict", "keysrules": {"type": "string", "empty": False},
                  "valuesrules": RENAME},
        "definitions": {"type": "list", "schema": {"type": "dict", "schema": {
            "term": {**TEXT, "required": True},
            "meaning": {**TEXT, "required": True},
        }}},
        "groups": {"type": "list", "schema": {"type": "dict", "schema": {
            "name": {**TEXT, "required": True},
            "parties": {**TEXT_LIST, "required": True},
        }}},
    },
}

# `meta: needed`: the merged scheme must have the key (`checks.scheme.required_top`), so leaving
# it out of one file is a fix only where another file of the chain gives it
NEEDED = {"needed": True}

SCHEME = {
    "extends": TEXT,
    "id": {"type": "string", "regex": ID_RE,
           "meta": {"hint": "lower-case words joined by hyphens", **NEEDED}},
    "title": {**TEXT, "meta": NEEDED},
    "titles": {"type": "dict", "keysrules": {"type": "string", "allowed": DOCUMENTS},
               "valuesrules": TEXT},
    "topic": {**TEXT, "meta": NEEDED},
    "status": {"type": "string", "allowed": STATUSES, "default": "draft", "meta": NEEDED},
    "documents": {"type": "list", "schema": {"type": "string", "allowed": DOCUMENTS},
                  "default": ["section75"]},
    "better_care_fund": {"type": "boolean"},
    "footprint": TEXT,
    "parties": {"type": "list", "schema": PARTY, "meta": NEEDED},
    "agreement_date": DATE,
    "commencement_date": DATE,
    "term": {"type": "dict", "schema": {
        "end": DATE, "initial_years": YEARS, "extension_years": YEARS,
        "rolling": {"type": "boolean"}}},
    "aims_and_outcomes": TEXT_LIST,
    "functions": {"type": "dict", "schema": {"nhs": TEXT_LIST, "health_related": TEXT_LIST}},
    "eligible_persons": TEXT_OR_LIST,
    "services": TEXT_LIST,
    "flexibilities": {"type": "list", "schema": {"type": "string", "allowed": FLEXIBILITIES}},
    "lead_commissioner": TEXT,
    "lead_provider": TEXT,
    "funds": FUNDS,
    "non_financial_contributions": {"type": "list", "schema": {"type": "dict", "schema": {
        "party": {**TEXT, "required": True}, "description": {**TEXT, "required": True}}}},
    "risk_share": {"type": "string", "allowed": RISK_SHARES},
    "fixed_shares": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": NUMBER},
    "board": BOARD,
    "review": {"type": "dict", "schema": {"frequency": {
        "type": "string", "allowed": REVIEW_FREQUENCIES,
        "default": "annually"}}},
    "exit": {"type": "dict", "schema": {"notice_months": {**WHOLE, "default": 12}}},
    "signatories": {"type": "list", "schema": {"type": "dict", "schema": {
        "name": TEXT, "role": {**TEXT, "required": True},
        "party": {**TEXT, "required": True}}}},
    "mou": {"type": "dict", "schema": {
        "parts": {"type": "list", "schema": {"type": "string", "allowed": MOU_PARTS},
                  "empty": False, "default": ["joint_commissioning"]},
        "unit_name": TEXT,
        "subject": TEXT,
        "scope_in": TEXT_LIST,
        "scope_out": TEXT_LIST,
        "support_requirements": TEXT_LIST,
    }},
    "variables": {"type": "dict", "keysrules": {"type": "string"}},
    "changes": CHANGES,
    "vocabulary": VOCABULARY,
    "headings": {"type": "dict", "keysrules": {"type": "string", "allowed": DOCUMENTS},
                 "valuesrules": TEXT},
}


def needed_keys() -> list[str]:
    """Return the top-level keys every merged scheme must have, in the schema's order."""
    return [key for key, rules in SCHEME.items()
            if isinstance(rules, dict) and isinstance(rules.get("meta"), dict)
            and rules["meta"].get("needed")]


def default_at(path: tuple[str, ...]) -> object:
    """Return the schema's default for the key at `path` (list levels stepped over), or None."""
    rules: dict = {"type": "dict", "schema": SCHEME}
    for step in path:
        while rules.get("type") == "list":
            rules = rules["schema"]
        rules = rules["schema"][step]
    default = rules.get("default")
    return list(default) if isinstance(default, list) else default


def scheme_schema(documents: tuple[str, ...]) -> dict[str, Any]:
    """Return the schema of a scheme file for a library whose document types are `documents`."""
    allowed = {"type": "string", "allowed": documents}
    titles: dict[str, Any] = dict(SCHEME["titles"])  # type: ignore[call-overload]
    listed: dict[str, Any] = dict(SCHEME["documents"])  # type: ignore[call-overload]
    headings: dict[str, Any] = dict(SCHEME["headings"])  # type: ignore[call-overload]
    return {**SCHEME, "titles": {**titles, "keysrules": allowed},
            "headings": {**headings, "keysrules": allowed},
            "documents": {**listed, "schema": allowed}}
