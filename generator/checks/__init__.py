"""Checks: functions over the typed scheme and the Draft that return diagnostics (required
clauses, statutory heads, arithmetic, board consistency, cross-references), run before writing
and again on the draft read back from the written .docx. May import `model`, `assemble` (for
conditions and formatting) and `ooxml` (to read a written file back)."""
