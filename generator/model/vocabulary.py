"""The closed sets of words a scheme chooses from. The schema validates against them, and the
clause library's conditions and variants are checked against them when it is loaded, so a
misspelt option in a clause file is found even where no scheme takes that branch."""

from __future__ import annotations

DOCUMENTS = ("section75", "mou", "tor")
STATUSES = ("draft", "final")
UNITS = ("pounds", "thousands")
ARRANGEMENTS = ("pooled", "aligned", "lead_commissioned")
RISK_SHARES = ("own_risk", "proportional", "fixed_shares", "hierarchy")
FLEXIBILITIES = ("pooled_fund", "aligned_budgets", "lead_commissioning", "integrated_provision")
BOARD_MODELS = ("joint_committee", "committees_in_common", "concurrent_subcommittees",
                "advisory_delegated")
DECISION_RULES = ("consensus", "majority", "block_vote")
MOU_PARTS = ("joint_commissioning", "integrated_commissioning_unit")
REVIEW_FREQUENCIES = ("annually", "six-monthly", "quarterly")
EXECUTIONS = ("sign", "seal")  # how a party executes the agreement: signature or common seal
