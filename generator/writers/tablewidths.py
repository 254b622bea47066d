"""Column widths for the Word tables: figures get the width their longest entry needs, and the
name columns share the rest in proportion to their text, so a scheme name does not wrap into
many lines while number columns sit half empty."""

from __future__ import annotations

from generator.model.draft import Table

TEXT_WIDTH = 9072  # twips: an A4 page less 2.5 cm margins
CHAR = 105  # twips a character of 10-point text takes, on average
MIN_FIGURES = 6 * CHAR  # the narrowest a column of figures is made
MIN_TEXT = 14 * CHAR  # the narrowest a column of names is made


def column_widths(table: Table, total: int = TEXT_WIDTH) -> list[int]:
    """Return each column's width in twips; the widths add up to `total`."""
    columns = len(table.header)
    longest = [max(len(row[i]) if i < len(row) else 0 for row in [table.header, *table.rows])
               for i in range(columns)]
    figures = {i: max(MIN_FIGURES, (longest[i] + 2) * CHAR)
               for i in range(table.numeric_from, columns)}
    text = [i for i in range(columns) if i not in figures]
    if not text:
        return _scaled([figures[i] for i in range(columns)], total)
    spare = total - sum(figures.values())
    if spare < MIN_TEXT * len(text):  # too many figures: shrink them to leave the names room
        scale = (total - MIN_TEXT * len(text)) / max(sum(figures.values()), 1)
        figures = {i: int(width * scale) for i, width in figures.items()}
        spare = total - sum(figures.values())
    weights = {i: max(longest[i], 1) for i in text}
    widths = {i: int(spare * weights[i] / sum(weights.values())) for i in text}
    return _scaled([widths.get(i, figures.get(i, 0)) for i in range(columns)], total)


def _scaled(widths: list[int], total: int) -> list[int]:
    """Return the widths scaled to add up to `total` exactly (the last column takes the
    rounding)."""
    whole = sum(widths) or 1
    out = [int(width * total / whole) for width in widths]
    out[-1] += total - sum(out)
    return out
