"""Omitting a clause that others refer to: every consequence reported in one run, with fixes
that work when followed, and never the advice to omit a required clause."""

from __future__ import annotations

from conftest import ROOT

SOUTHAMPTON = ROOT / "schemes" / "southampton-bcf-2017.yaml"


def omitting(*clauses: str) -> str:
    """Return a scheme extending Southampton that omits `clauses`."""
    entries = "".join(f"    - clause: {c}\n      reason: Not wanted.\n" for c in clauses)
    return f"extends: {SOUTHAMPTON}\nchanges:\n  omit:\n{entries}"


def test_following_the_advice_clears_the_error(cli, scheme_file):
    status, out = cli("check", scheme_file(omitting("general-principles")))
    assert status == 1
    assert len(out) == 2 and "error[dangling-reference]" in out[0]
    assert "omit `commissioning-arrangements` too, or replace its text" in out[0]
    status, out = cli("check", scheme_file(omitting("general-principles",
                                                    "commissioning-arrangements")))
    assert status == 0, out


def test_every_referring_clause_is_named_at_once(cli, scheme_file):
    status, out = cli("check", scheme_file(omitting("dispute-resolution")))
    assert status == 1
    message = out[0]
    for holder in ("services", "financial-contributions", "termination",
                   "consequences-of-termination", "notices", "change-in-law", "governing-law"):
        assert f"`{holder}` (clause " in message
    assert "`schedule-governance` (Schedule " in message
    assert "omit `notices`, `change-in-law` too, or replace their text" in message


def test_a_required_clause_is_never_offered_for_omission(cli, scheme_file):
    status, out = cli("check", scheme_file(omitting("schedule-governance")))
    assert status == 1
    message = out[0]
    assert "replace the text of `definitions`, `governance` (required: cannot be omitted)" \
        in message
    assert "omit `definitions`" not in message and "omit `governance`" not in message


def test_a_clause_whose_omission_would_reach_a_required_one_is_offered_replacement(
        cli, scheme_file):
    status, out = cli("check", scheme_file(omitting("freedom-of-information")))
    assert status == 1
    assert "replace the text of `consequences-of-termination` (omitting it too would in turn " \
           "leave the required `termination`" in out[0]


def test_a_reference_asked_about_with_included_is_not_a_consequence(cli, scheme_file):
    # The joint working schedule refers to the commissioning clause only while the draft
    # includes it, so omitting that clause leaves nothing else to omit in turn.
    status, out = cli("check", scheme_file(omitting("general-principles")))
    assert status == 1
    assert "schedule-joint-working" not in out[0] and "standards-of-conduct" not in out[0]
