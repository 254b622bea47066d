"""Money and number formatting for clause text and tables."""

from __future__ import annotations

NUMBER_WORDS = ["nil", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten"]


def to_pounds(amount: float, units: str) -> float:
    """Return `amount` in pounds, given the scheme's units (pounds or thousands)."""
    return amount * 1000 if units == "thousands" else amount


def pounds(amount: float) -> str:
    """Return '£1,240,000' (pence shown only when there are any)."""
    if float(amount).is_integer():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def figure(amount: float) -> str:
    """Return a table figure such as '1,240' (no pound sign; the column says the units)."""
    if float(amount).is_integer():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def number_words(count: int) -> str:
    """Return 'four' for 4, the digits beyond ten."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)
