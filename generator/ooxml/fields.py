"""Fields as the readers see them.

A complex field runs from a `w:fldChar` "begin" through its instruction (`w:instrText`) and a
"separate" to its cached result and an "end", possibly across runs and paragraphs; fields nest.
`FieldState` follows those characters in document order and says which field, if any, the text
being read is the result of. A REF field's instruction names the bookmark it shows the number
(or text) of; `ref_target` reads that name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.ns import w


@dataclass(eq=False)
class Field:
    """One field: its instruction (as written, spaces kept) and whether its result has begun.

    Each field read is a distinct object, so two fields with the same instruction differ."""

    instruction: str = ""
    in_result: bool = False


@dataclass
class FieldState:
    """The fields open at the current point of a story, outermost first."""

    open: list[Field] = field(default_factory=list)

    def char(self, kind: str | None) -> None:
        """Follow a field character: "begin" opens a field, "separate" starts its result,
        "end" closes it (stray characters are ignored)."""
        if kind == "begin":
            self.open.append(Field())
        elif kind == "separate" and self.open:
            self.open[-1].in_result = True
        elif kind == "end" and self.open:
            self.open.pop()

    def instruction(self, text: str) -> None:
        """Add instruction text to the innermost field, if its instruction is being read."""
        if self.open and not self.open[-1].in_result:
            self.open[-1].instruction += text

    def begin_simple(self, element: etree._Element) -> Field:
        """Open a w:fldSimple (its content is its result); return it for `end_simple`."""
        simple = Field(element.get(w("instr"), ""), in_result=True)
        self.open.append(simple)
        return simple

    def end_simple(self, simple: Field) -> None:
        """Close a w:fldSimple opened by `begin_simple`."""
        if simple in self.open:
            del self.open[self.open.index(simple):]

    def showing(self) -> bool:
        """Return whether text here is shown: outside every field's instruction."""
        return all(f.in_result for f in self.open)

    def current(self) -> Field | None:
        """Return the innermost open field (text shown here is its result), or None."""
        return self.open[-1] if self.open else None


def ref_target(instruction: str) -> str | None:
    """Return the bookmark a REF field shows (`REF name \\r \\h` gives `name`), or None when the
    instruction is not a REF field."""
    words = instruction.split()
    if len(words) < 2 or words[0].upper() != "REF":
        return None
    return words[1]
