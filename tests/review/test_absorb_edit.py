"""The text edits `s75 absorb --write` makes in a scheme file: an entry goes after the last one
of its list (the list, or `changes:`, added when missing), a value is replaced where it is
written, and every other byte stays; a layout it cannot edit safely is refused, never
rewritten."""

from __future__ import annotations

import pytest

from generator.load.yamlio import load_text
from generator.review.absorb.schemeedit import EditRefused, add_change, set_value

OMIT = {"clause": "vat", "reason": "Removed in negotiation on 2026-11-20 by Jane Counsel."}
SCHEME = """\
# Our scheme.
id: example   # the id
parties:
  - name: Example Council   # as the report spells it
    short_name: the Council
changes:
  # what we leave out
  omit:
    - clause: audit
      reason: "Audited elsewhere."   # agreed in 2025

  rename:
  - clause: review
    title: Annual Review
# the end
"""


def test_an_entry_goes_after_the_last_of_its_list():
    edited = add_change(SCHEME, "s.yaml", "omit", OMIT)
    assert edited == SCHEME.replace(
        '      reason: "Audited elsewhere."   # agreed in 2025\n',
        '      reason: "Audited elsewhere."   # agreed in 2025\n'
        "    - clause: vat\n"
        "      reason: Removed in negotiation on 2026-11-20 by Jane Counsel.\n")
    loaded, problems = load_text(edited, "s.yaml")
    assert problems == []
    assert loaded.data["changes"]["omit"][1] == OMIT


def test_a_list_written_flush_with_its_key_keeps_that_indentation():
    edited = add_change(SCHEME, "s.yaml", "rename", {"clause": "vat", "title": "Tax",
                                                      "reason": "Our heading."})
    assert "    title: Annual Review\n  - clause: vat\n    title: Tax\n" in edited
    assert edited.endswith("    reason: Our heading.\n# the end\n")


def test_a_missing_list_is_added_at_the_end_of_changes():
    edited = add_change(SCHEME, "s.yaml", "move", {"clause": "vat", "after": "audit",
                                                    "reason": "Moved in negotiation."})
    loaded, problems = load_text(edited, "s.yaml")
    assert problems == []
    assert loaded.data["changes"]["move"] == [{"clause": "vat", "after": "audit",
                                               "reason": "Moved in negotiation."}]
    assert edited.startswith(SCHEME.split("# the end")[0])


def test_a_scheme_without_changes_gets_them_at_its_end():
    text = "id: example\n# last line\n"
    edited = add_change(text, "s.yaml", "omit", OMIT)
    assert edited.startswith(text)
    assert load_text(edited, "s.yaml")[0].data["changes"] == {"omit": [OMIT]}


def test_text_that_needs_quotes_is_quoted():
    entry = {"clause": "review", "text": "Each review shall consider: cost", "reason": "- x"}
    edited = add_change(SCHEME, "s.yaml", "replace", entry)
    assert '      text: "Each review shall consider: cost"\n' in edited
    assert load_text(edited, "s.yaml")[0].data["changes"]["replace"] == [entry]


def test_a_value_is_replaced_where_it_is_written():
    edited = set_value(SCHEME, "s.yaml", ("parties", 0, "name"), "Example Borough Council")
    assert edited == SCHEME.replace("  - name: Example Council   # as the report spells it",
                                    "  - name: Example Borough Council   # as the report spells it")


def test_a_value_in_braces_is_replaced_alone():
    text = ("funds:\n  lines:\n    - contributions:\n"
            "        2013/14: { the Council: 95200, the CCG: 1 }\n")
    path = ("funds", "lines", 0, "contributions", "2013/14", "the Council")
    assert set_value(text, "s.yaml", path, 96500) == text.replace("95200", "96500")


def test_changes_in_braces_are_refused():
    with pytest.raises(EditRefused, match=r"s.yaml:2: `changes:` is written in \{ \} style"):
        add_change("id: x\nchanges: { omit: [] }\n", "s.yaml", "omit", OMIT)


def test_a_value_written_over_several_lines_is_refused():
    text = "parties:\n  - name: >\n      Example\n      Council\n"
    with pytest.raises(EditRefused, match="does not sit on its key's line"):
        set_value(text, "s.yaml", ("parties", 0, "name"), "Other")
