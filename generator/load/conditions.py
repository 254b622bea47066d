"""The named conditions clause files and outlines may use in `when:` and `applies_when:`, and
the one way a condition is evaluated, for assembly and checks alike."""

from __future__ import annotations

from typing import Any

from generator.load.texts import Condition
from generator.model.context import CONDITIONS


def named_conditions(values: dict[str, Any]) -> dict[str, bool]:
    """Return the value of each named condition for a scheme's clause-text values."""
    lines = values["funds"]["lines"]
    commissioned = any(line["arrangement"] == "lead_commissioned" for line in lines)
    found = {
        "pooled": any(line["arrangement"] == "pooled" for line in lines),
        "aligned": any(line["arrangement"] == "aligned" for line in lines),
        "lead_commissioned": commissioned,
        "lead_commissioning": values["lead_commissioner"] is not None or commissioned,
        "integrated_provision": "integrated_provision" in values["flexibilities"],
        "has_board": values["board"]["present"],
    }
    assert tuple(found) == CONDITIONS, "named conditions and their declaration differ"
    return found


def scope_for(values: dict[str, Any]) -> dict[str, Any]:
    """Return the names a condition sees: the values and the named conditions."""
    return {**values, **named_conditions(values)}


def holds(condition: Condition | None, scope: dict[str, Any]) -> bool:
    """Return whether `condition` holds in `scope`; no condition always holds."""
    return True if condition is None else condition.holds(scope)
