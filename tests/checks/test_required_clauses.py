"""Each document type's required clauses: omitting any one is an error naming the clause, the
document, and the omission's line."""

from __future__ import annotations

import pytest
from conftest import ROOT, shown
from ruamel.yaml import YAML

CROYDON = ROOT / "schemes" / "croydon-icu.yaml"
SOUTHAMPTON = ROOT / "schemes" / "southampton-bcf-2017.yaml"


def required(document: str) -> list[str]:
    """Return the clause ids the document's outline lists as required (unconditionally)."""
    outline = YAML(typ="safe").load((ROOT / "templates" / document / "outline.yaml").read_text())
    return [entry["clause"] for entry in outline["required"] if not entry.get("when")]


def omitting(base, clause: str) -> str:
    """Return a scheme extending `base` that omits `clause`."""
    return (f"extends: {base}\nchanges:\n  omit:\n    - clause: {clause}\n"
            "      reason: We do not want it.\n")


def test_required_lists_match_the_issue():
    assert required("mou") == ["mou-status", "mou-parties", "mou-purpose", "mou-principles",
                               "mou-governance", "mou-review-termination", "mou-signatories"]
    assert required("tor") == ["tor-purpose", "tor-membership", "tor-quorum",
                               "tor-decision-making", "tor-delegated-authority",
                               "tor-conflicts-of-interest", "tor-review"]


DOCUMENTS = {"mou": (CROYDON, "Memorandum of Understanding"),
             "tor": (SOUTHAMPTON, "Terms of Reference")}


@pytest.mark.parametrize(("document", "clause"),
                         [(document, clause) for document in DOCUMENTS
                          for clause in required(document)])
def test_omitting_a_required_clause(cli, scheme_file, document, clause):
    base, title = DOCUMENTS[document]
    path = scheme_file(omitting(base, clause))
    status, out = cli("check", path)
    assert status == 1
    assert out == [
        f"{shown(path)}:4:7: error[required-clause-omitted]: clause `{clause}` is required in the "
        f"{title}: it cannot be omitted. Remove this omission, or use `replace` to change its "
        "wording",
        "1 file checked: 1 error, 0 warnings"]


def test_omitting_an_optional_tor_clause_is_allowed(cli, scheme_file):
    path = scheme_file(omitting(SOUTHAMPTON, "tor-sub-groups"))
    status, out = cli("check", path)
    assert status == 0, out


def test_an_omission_is_checked_only_against_documents_the_scheme_produces(cli, scheme_file):
    # Croydon produces no terms of reference, so omitting a ToR clause changes nothing it builds:
    # the clause id is still checked as real, and nothing is required of a document not built.
    path = scheme_file(omitting(CROYDON, "tor-review"))
    status, out = cli("check", path)
    assert status == 0, out
