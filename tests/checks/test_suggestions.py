""""Did you mean" suggests only what is valid in that place, and lists the choices when none is
close: the keys allowed at that level, this scheme's parties, the clauses of the documents the
scheme builds that the change can name."""

from __future__ import annotations

from conftest import ROOT, shown

from generator.diagnostics import did_you_mean_or_list

MINIMAL = ROOT / "tests" / "cases" / "pooled-fund-minimal" / "scheme.yaml"
TOR = ROOT / "tests" / "cases" / "tor-only" / "scheme.yaml"


def messages(cli, path) -> list[str]:
    """Return the messages `s75 check` prints for `path` (without location and code)."""
    _, out = cli("check", path)
    return [line.split("]: ", 1)[1] for line in out[:-1]]


def test_only_keys_of_the_same_level_are_offered(cli, scheme_file):
    # `name` (a key of a board, a party, a fund line) is close, but not allowed in a quorum
    path = scheme_file(f"extends: {MINIMAL}\nboard:\n  quorum: {{ nme: 2 }}\n")
    assert messages(cli, path) == ["unknown key `nme` in `board.quorum`. Allowed here: `total`, "
                                   "`per_party`."]


def test_the_keys_are_listed_when_none_is_close(cli, scheme_file):
    path = scheme_file(f"extends: {MINIMAL}\nreview:\n  colour: blue\n")
    assert messages(cli, path) == ["unknown key `colour` in `review`. Allowed here: `frequency`, "
                                   "`more_often_years`, `also_consider`."]


def test_a_long_list_of_keys_is_shortened(cli, scheme_file):
    path = scheme_file(f"extends: {MINIMAL}\ncolour: blue\n")
    (message,) = messages(cli, path)
    assert message.startswith("unknown key `colour`. Allowed here: `extends`, `id`, `title`, ")
    from generator.load.schema import SCHEME
    assert message.endswith(f" and {len(SCHEME) - 12} more.")
    assert message.count("`") == 2 * 13  # the key itself and twelve allowed keys


def test_an_omission_suggests_clauses_of_the_documents_built(cli, scheme_file):
    # the scheme builds the agreement only: the memorandum's `mou-governance` is not offered
    path = scheme_file(f"extends: {MINIMAL}\nchanges:\n  omit:\n"
                       "    - { clause: mou-governanc, reason: Not needed. }\n")
    assert messages(cli, path) == ["`clause: mou-governanc` names no clause in the library. Did "
                                   "you mean `governance`?"]


def test_an_inclusion_suggests_only_optional_clauses(cli, scheme_file):
    path = scheme_file(f"extends: {MINIMAL}\nchanges:\n  include:\n"
                       "    - { clause: widening, reason: Wanted. }\n")
    assert messages(cli, path) == ["`clause: widening` names no clause in the library. Clauses "
                                   "`include` can name here: `set-up-costs`, "
                                   "`existing-contracts`, `insurance`, "
                                   "`schedule-partner-contributions`."]


def test_a_variant_choice_suggests_only_clauses_with_variants(cli, scheme_file):
    path = scheme_file(f"extends: {MINIMAL}\nchanges:\n  variants:\n"
                       "    - { clause: risk, choose: own_risk, reason: Wanted. }\n")
    assert messages(cli, path) == ["`clause: risk` names no clause in the library. Clauses "
                                   "`variants` can name here: `risk-share`."]


def test_a_tor_scheme_is_offered_tor_clauses(cli, scheme_file):
    path = scheme_file(f"extends: {TOR}\nchanges:\n  omit:\n"
                       "    - { clause: quorum, reason: Not needed. }\n")
    (message,) = messages(cli, path)
    assert message == "`clause: quorum` names no clause in the library. Did you mean `tor-quorum`?"


def test_an_unknown_party_is_matched_against_this_schemes_parties(cli, scheme_file):
    path = scheme_file(f"extends: {MINIMAL}\nfunds:\n  host: the CCG\n")
    _, out = cli("check", path)
    assert out[0] == (f"{shown(path)}:3:3: error[unknown-party]: `the CCG` is not one of the "
                      "parties (`the Council`, `the ICB`). Did you mean `the ICB`?")


def test_the_listing_itself():
    assert did_you_mean_or_list("frequncy", ["frequency", "name"]) == \
        " Did you mean `frequency`?"
    assert did_you_mean_or_list("x", ["a", "b"]) == " Allowed here: `a`, `b`."
    assert did_you_mean_or_list("x", []) == ""
    many = [f"key{i:02d}" for i in range(30)]
    assert did_you_mean_or_list("zzz", many).endswith("`key11` and 18 more.")
