"""The shape of a scheme file, as a cerberus schema. Every key is optional in one file;
what the merged scheme must contain is checked after `extends:` is resolved."""

from __future__ import annotations

NHS_TYPES = ("icb", "ccg", "nhs_trust", "nhs_foundation_trust", "nhs_england")
COUNCIL_TYPES = ("county_council", "district_council", "unitary_council", "london_borough",
                 "metropolitan_borough", "city_of_london")
OTHER_TYPES = ("police", "voluntary_body", "other")
PARTY_TYPES = NHS_TYPES + COUNCIL_TYPES + OTHER_TYPES
DOCUMENTS = ("section75", "mou", "tor")
RISK_SHARES = ("own_risk", "proportional", "fixed_shares", "hierarchy")
FLEXIBILITIES = ("pooled_fund", "aligned_budgets", "lead_commissioning", "integrated_provision")
BOARD_MODELS = ("joint_committee", "committees_in_common", "concurrent_subcommittees",
                "advisory_delegated")
DECISION_RULES = ("consensus", "majority", "block_vote")
MOU_PARTS = ("joint_commissioning", "integrated_commissioning_unit")

ID_RE = r"[a-z0-9]+(-[a-z0-9]+)*"
YEAR_RE = r"\d{4}/\d{2}"

TEXT = {"type": "string", "empty": False}
TEXT_LIST = {"type": "list", "schema": TEXT}
TEXT_OR_LIST = {"type": ["string", "list"], "schema": TEXT}
NUMBER = {"type": "number", "min": 0}
DATE = {"type": "date"}
WHOLE = {"type": "integer", "min": 1}

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
        "arrangement": {"type": "string", "allowed": ("pooled", "aligned")},
        "overview": TEXT,
        "services": TEXT_LIST,
        "illustrative": {"type": "boolean"},
        "contributions": {**CONTRIBUTIONS, "required": True},
    },
}

FUNDS = {
    "type": "dict",
    "schema": {
        "units": {"type": "string", "allowed": ("pounds", "thousands")},
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
        "party": {**TEXT, "required": True},
        "name": TEXT,
        "voting": {"type": "boolean"},
        "co_opted": {"type": "boolean"},
    },
}

BOARD = {
    "type": "dict",
    "schema": {
        "name": TEXT,
        "model": {"type": "string", "allowed": BOARD_MODELS},
        "purpose": TEXT,
        "accountable_to": TEXT_LIST,
        "chair": {"type": "dict", "schema": {"role": TEXT, "rotating": {"type": "boolean"}}},
        "members": {"type": "list", "schema": MEMBER},
        "substitutes": {"type": "boolean"},
        "quorum": {
            "type": "dict",
            "schema": {
                "total": WHOLE,
                "per_party": {"type": "dict", "keysrules": {"type": "string"},
                              "valuesrules": {"type": "integer", "min": 0}},
            },
        },
        "decision_rule": {"type": "string", "allowed": DECISION_RULES},
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
        "frequency": TEXT,
        "sub_groups": TEXT_LIST,
        "reports_to": TEXT_LIST,
    },
}

CHANGE_REASON = {**TEXT, "required": True}

CHANGES = {
    "type": "dict",
    "schema": {
        "omit": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": {**TEXT, "required": True},
            "reason": CHANGE_REASON,
            "keep_number": {"type": "boolean"},
        }}},
        "replace": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": {**TEXT, "required": True},
            "title": TEXT,
            "text": TEXT,
            "subclauses": TEXT_LIST,
            "reason": CHANGE_REASON,
        }}},
        "add": {"type": "list", "schema": {"type": "dict", "schema": {
            "after": {**TEXT, "required": True},
            "id": {"type": "string", "regex": ID_RE,
                   "meta": {"hint": "lower-case words joined by hyphens"}},
            "title": {**TEXT, "required": True},
            "text": TEXT,
            "subclauses": TEXT_LIST,
            "reason": CHANGE_REASON,
        }}},
        "include": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": {**TEXT, "required": True},
            "reason": CHANGE_REASON,
        }}},
        "variants": {"type": "list", "schema": {"type": "dict", "schema": {
            "clause": {**TEXT, "required": True},
            "choose": {**TEXT, "required": True},
            "reason": CHANGE_REASON,
        }}},
    },
}

SCHEME = {
    "extends": TEXT,
    "id": {"type": "string", "regex": ID_RE,
           "meta": {"hint": "lower-case words joined by hyphens"}},
    "title": TEXT,
    "titles": {"type": "dict", "keysrules": {"type": "string", "allowed": DOCUMENTS},
               "valuesrules": TEXT},
    "topic": TEXT,
    "status": {"type": "string", "allowed": ("draft", "final")},
    "documents": {"type": "list", "schema": {"type": "string", "allowed": DOCUMENTS}},
    "better_care_fund": {"type": "boolean"},
    "footprint": TEXT,
    "parties": {"type": "list", "schema": PARTY},
    "agreement_date": DATE,
    "commencement_date": DATE,
    "term": {"type": "dict", "schema": {
        "end": DATE, "initial_years": WHOLE, "extension_years": WHOLE}},
    "aims_and_outcomes": TEXT_LIST,
    "functions": {"type": "dict", "schema": {"nhs": TEXT_LIST, "health_related": TEXT_LIST}},
    "eligible_persons": TEXT_OR_LIST,
    "services": TEXT_LIST,
    "flexibilities": {"type": "list", "schema": {"type": "string", "allowed": FLEXIBILITIES}},
    "lead_commissioner": TEXT,
    "funds": FUNDS,
    "non_financial_contributions": {"type": "list", "schema": {"type": "dict", "schema": {
        "party": {**TEXT, "required": True}, "description": {**TEXT, "required": True}}}},
    "risk_share": {"type": "string", "allowed": RISK_SHARES},
    "fixed_shares": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": NUMBER},
    "board": BOARD,
    "review": {"type": "dict", "schema": {"frequency": {
        "type": "string", "allowed": ("annually", "six-monthly", "quarterly")}}},
    "exit": {"type": "dict", "schema": {"notice_months": WHOLE}},
    "signatories": {"type": "list", "schema": {"type": "dict", "schema": {
        "name": TEXT, "role": {**TEXT, "required": True},
        "party": {**TEXT, "required": True}}}},
    "mou": {"type": "dict", "schema": {
        "parts": {"type": "list", "schema": {"type": "string", "allowed": MOU_PARTS}},
        "unit_name": TEXT,
        "subject": TEXT,
        "scope_in": TEXT_LIST,
        "scope_out": TEXT_LIST,
        "support_requirements": TEXT_LIST,
    }},
    "variables": {"type": "dict", "keysrules": {"type": "string"}},
    "changes": CHANGES,
}
