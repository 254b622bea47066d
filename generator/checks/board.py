"""Checks that keep one scheme's three documents consistent and workable: a board quorum its
membership can meet, a decision rule the quorum supports, a delegated limit within the pooled
fund, a memorandum whose scope agrees with the agreement's services, co-chairs who are voting
members, co-opted members who do not vote, and an existing committee given nothing of a new
board."""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.assemble.context import officer_only_councils
from generator.assemble.money import pounds, to_pounds
from generator.checks.registry import SchemeSubject, check
from generator.diagnostics import Diagnostic, Loc, did_you_mean, error, warning
from generator.model.parties import PartyIndex
from generator.model.scheme import Minimum, SchemeModel

RULES_NEEDING_EVERY_PARTNER = {
    "consensus": "consensus of the Partners",
    "block_vote": "one block vote per Partner, all in favour",
}
MODELS_NEEDING_EVERY_PARTNER = {
    "concurrent_subcommittees": "concurrent sub-committees that must all agree",
}


@check("scheme", ("quorum-unmeetable", "quorum-one-partner", "limit-exceeds-pooled-fund"),
       reads=("board", "parties", "funds"))
def board_checks(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a board whose quorum, decision rule or delegated limit cannot work."""
    scheme, values = subject.scheme, subject.values
    board = values["board"]
    if not board["present"]:
        return []
    out: list[Diagnostic] = []
    if board["members"] and all(m["party"] is not None or m["organisation"]
                                for m in board["members"]):
        voting = _voting_members(board)
        out += _quorum_meetable(scheme, values, voting)
        out += _rule_needs_every_partner(scheme, values, voting)
    out += _limit_within_pooled_fund(scheme, values)
    return out


def _voting_members(board: dict[str, Any]) -> Counter:
    """Return the number of voting members each party appoints, by short name."""
    return Counter(m["party"]["short_name"] for m in board["members"]
                   if m["voting"] and m["party"] is not None)


QuorumMinimum = tuple[Minimum, str, int]  # (the minimum as written, its party's short name, count)


def _quorum(scheme: SchemeModel, values: dict[str, Any]) -> tuple[int | None, list[QuorumMinimum]]:
    """Return the quorum's total and its per-party minimums."""
    quorum = scheme.board.quorum
    if quorum is None:
        return None, []
    index = PartyIndex(values["parties"])
    per_party = []
    for minimum in quorum.per_party:
        party = index.find(minimum.party)
        per_party.append((minimum, party["short_name"] if party else minimum.party,
                          minimum.count))
    return quorum.total, per_party


def _quorum_loc(scheme: SchemeModel, otherwise: str) -> Loc:
    """Return where the quorum is written, or the board's field `otherwise` (the board itself
    when empty) when the scheme gives none."""
    board = scheme.board
    if board.quorum is not None:
        return board.quorum.loc
    return board.at(otherwise) if otherwise else board.loc


def _members_text(count: int) -> str:
    return f"{count} voting member" + ("" if count == 1 else "s")


def _quorum_meetable(scheme: SchemeModel, values: dict[str, Any],
                     voting: Counter) -> list[Diagnostic]:
    total, per_party = _quorum(scheme, values)
    out = []
    available = sum(voting.values())
    if total is not None and total > available:
        out.append(error(scheme.board.quorum.at("total") if scheme.board.quorum else scheme.loc,
                         "quorum-unmeetable",
                         f"the quorum is {total} voting members but the board has only "
                         f"{_members_text(available)}: lower `total:` to {available} or fewer, "
                         "or add voting members"))
    for minimum, short_name, needed in per_party:
        if needed > voting[short_name]:
            out.append(error(minimum.loc, "quorum-unmeetable",
                             f"the quorum needs {needed} voting members from {short_name} but "
                             f"{short_name} appoints {_members_text(voting[short_name])}: lower "
                             f"its minimum to {voting[short_name]} or add members"))
    if total is None and not per_party:
        where = _quorum_loc(scheme, "members")
        for party in values["parties"]:
            if voting[party["short_name"]] == 0:
                out.append(error(where, "quorum-unmeetable",
                                 f"the standard quorum needs a voting member from each Partner but "
                                 f"{party['short_name']} has none on the board: add one, or set "
                                 "`quorum:` with `total:` and `per_party:`"))
    return out


def _needs_every_partner(values: dict[str, Any]) -> str | None:
    """Return why decisions need every Partner (the rule or model), or None when they do not."""
    board = values["board"]
    return (RULES_NEEDING_EVERY_PARTNER.get(board["decision_rule"])
            or MODELS_NEEDING_EVERY_PARTNER.get(board["model"]))


def _one_partner_quorate(scheme: SchemeModel, values: dict[str, Any],
                         voting: Counter) -> str | None:
    """Return the short name of a party whose members alone could make a quorum, if any."""
    total, per_party = _quorum(scheme, values)
    if total is None and not per_party:
        return None  # the standard quorum needs every Partner
    minimums = {short_name: count for _key, short_name, count in per_party}
    for short_name, count in sorted(voting.items()):
        others_needed = any(n > 0 for name, n in minimums.items() if name != short_name)
        if not others_needed and count >= max(total or 0, minimums.get(short_name, 0), 1):
            return short_name
    return None


def _rule_needs_every_partner(scheme: SchemeModel, values: dict[str, Any],
                              voting: Counter) -> list[Diagnostic]:
    why = _needs_every_partner(values)
    alone = _one_partner_quorate(scheme, values, voting) if why else None
    if not alone or len(voting) < 2:
        return []
    where = _quorum_loc(scheme, "")
    written = {short_name: count for _minimum, short_name, count in _quorum(scheme, values)[1]}
    minimums = ", ".join(f"{name}: {max(written.get(name, 0), 1)}" for name in sorted(voting))
    return [error(where, "quorum-one-partner",
                  f"decisions need {why}, but {alone} alone could make a quorum: require at "
                  f"least one voting member from every Partner, for example `per_party: "
                  f"{{ {minimums} }}`")]


def _pooled_totals(values: dict[str, Any]) -> dict[str, float]:
    """Return the pooled fund's total in pounds for each financial year."""
    funds = values["funds"]
    totals: dict[str, float] = {}
    for line in funds["lines"]:
        if line["arrangement"] != "pooled":
            continue
        for year, by_party in line["contributions"].items():
            totals[year] = totals.get(year, 0) + to_pounds(sum(by_party.values()), funds["units"])
    return totals


def _limit_within_pooled_fund(scheme: SchemeModel, values: dict[str, Any]) -> list[Diagnostic]:
    """Return an error for the board's limit, or a Partner's own limit, that is larger than the
    whole pooled fund in some year."""
    limits = [(limit.amount, limit.at("amount"), "the board's delegated limit", "`amount:`")
              for limit in [scheme.board.delegated_limit] if limit is not None]
    limits += [(limit.amount, limit.at("amount"), f"{limit.party}'s delegated limit", "it")
               for limit in scheme.board.delegated_limits]
    totals = _pooled_totals(values)
    if not limits or not totals:
        return []
    year, smallest = min(totals.items(), key=lambda item: (item[1], item[0]))
    return [error(loc, "limit-exceeds-pooled-fund",
                  f"{whose} of {pounds(amount)} is larger than the whole pooled fund in {year} "
                  f"({pounds(smallest)}): lower {what} to {int(smallest)} or less (in "
                  "pounds, not thousands)")
            for amount, loc, whose, what in limits if amount > smallest]


@check("scheme", ("mou-scope-mismatch",), reads=("documents", "mou", "services"))
def mou_scope_checks(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors where a scheme producing both an agreement and a memorandum gives the
    memorandum a scope that leaves out, or excludes, one of the agreement's services."""
    scheme, values = subject.scheme, subject.values
    documents = values["documents"]
    if "section75" not in documents or "mou" not in documents:
        return []
    scope_in = scheme.mou.scope_in
    scope_out = scheme.mou.scope_out
    out = []
    for i, service in enumerate(values["services"]):
        where = scheme.item_at("services", i)
        if scope_in is not None and service not in scope_in:
            out.append(error(where, "mou-scope-mismatch",
                             f"the agreement covers `{service}` but `mou: scope_in:` does not list "
                             "it: add it there in the same words, or delete `scope_in:` so the "
                             "memorandum's scope is the agreement's services"))
        if service in scope_out:
            out.append(error(where, "mou-scope-mismatch",
                             f"the agreement covers `{service}` but `mou: scope_out:` excludes it: "
                             "remove it from one list or the other"))
    return out


@check("scheme", ("chair-not-member", "invalid-value"))
def co_chair_checks(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for co-chairs given with another kind of chair, other than two of them,
    one named twice, or one that is not the role of a voting member of the board."""
    board = subject.scheme.board
    chair = board.chair
    if not chair.co_chairs:
        return []
    out = []
    if chair.role is not None or chair.rotating:
        other = "`role:`" if chair.role is not None else "`rotating: true`"
        out.append(error(chair.at("co_chairs"), "invalid-value",
                         f"the chair is given both as {other} and as `co_chairs:`: keep one"))
    if len(chair.co_chairs) != 2:
        out.append(error(chair.at("co_chairs"), "invalid-value",
                         f"`co_chairs:` names {len(chair.co_chairs)} "
                         f"role{'' if len(chair.co_chairs) == 1 else 's'}: name exactly two "
                         "(or, for one chair, write the role as `role:`)"))
    voting = {m.role.casefold() for m in board.members
              if m.voting and not m.co_opted and not m.outside}
    members = {m.role.casefold() for m in board.members}
    seen: set[str] = set()
    for role, loc in zip(chair.co_chairs, chair.co_chair_locs, strict=True):
        key = role.casefold()
        if key in seen:
            out.append(error(loc, "invalid-value",
                             f"`{role}` is named twice in `co_chairs:`: name each co-chair once"))
        seen.add(key)
        if key in voting:
            continue
        if key in members:
            why = f"`{role}` is a non-voting member of the board"
        else:
            why = f"`{role}` is not the role of any member of the board." + did_you_mean(
                role, [m.role for m in board.members])
        out.append(error(loc, "chair-not-member",
                         f"{why.rstrip()}: each co-chair must be the `role:` of a voting member, "
                         "written the same way"))
    return out


@check("scheme", ("missing-key", "invalid-value", "co-opted-voting"))
def member_checks(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a member naming neither a party nor an outside organisation, or both,
    and for a co-opted or outside member marked as voting (or an outside one as not co-opted)."""
    out = []
    for member in subject.scheme.board.members:
        if member.party is None and not member.outside:
            out.append(error(member.loc, "missing-key",
                             f"the member `{member.role}` needs `party:` (the Partner that "
                             "appoints them) or, for a co-opted member from outside the "
                             "Partners, `organisation:`"))
        if member.party is not None and member.outside:
            out.append(error(member.at("organisation"), "invalid-value",
                             f"the member `{member.role}` has both `party:` and "
                             "`organisation:`: keep `party:` for a Partner's member, or "
                             "`organisation:` for a co-opted member from outside the Partners"))
        if (member.co_opted or member.outside) and member.has("voting") and member.voting:
            what = ("is co-opted from " + member.organisation if member.organisation
                    else "is co-opted")
            out.append(error(member.at("voting"), "co-opted-voting",
                             f"the member `{member.role}` {what}, and co-opted members do not "
                             "vote: remove `voting: true` (a Partner wanting another vote "
                             "appoints its own member)"))
        if member.outside and member.has("co_opted") and not member.co_opted:
            out.append(error(member.at("co_opted"), "co-opted-voting",
                             f"the member `{member.role}` is from {member.organisation}, which "
                             "is not a party, so is always co-opted: remove `co_opted: false`"))
    return out


# The board's keys that describe a new board, so cannot be given when an existing committee
# governs under its own constitution.
NEW_BOARD_KEYS = ("name", "model", "chair", "members", "substitutes", "quorum", "decision_rule",
                  "delegated_limit", "delegated_limits", "decides_through", "meetings_in_public",
                  "purpose", "accountable_to", "sub_groups", "reports_to")
DOCUMENT_NAMES = {"tor": "terms of reference", "mou": "memorandum of understanding"}


@check("scheme", ("existing-committee-fields", "existing-committee-document"))
def existing_committee_checks(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a board governed by an existing committee that is also given the
    membership or procedure of a new board (or `committee_of:` without the committee), and for
    terms of reference or a memorandum asked for when no board is set up."""
    scheme = subject.scheme
    board = scheme.board
    if board.existing_committee is None:
        if board.has("committee_of"):
            return [error(board.at("committee_of"), "existing-committee-fields",
                          "`committee_of:` says whose committee an `existing_committee:` is, "
                          "but none is given: add `existing_committee:` or remove it")]
        return []
    committee = board.existing_committee
    out = [error(board.at(key), "existing-committee-fields",
                 f"`{key}:` describes a new board, but the arrangements are governed by the "
                 f"existing {committee} under its own constitution: remove `{key}:`, or remove "
                 "`existing_committee:` to set up a new board")
           for key in NEW_BOARD_KEYS if board.has(key)]
    for i, document in enumerate(scheme.documents):
        if document in DOCUMENT_NAMES:
            out.append(error(scheme.item_at("documents", i), "existing-committee-document",
                             f"no board is set up (the {committee} governs the arrangements), so "
                             f"there is no {DOCUMENT_NAMES[document]} of a board to build: remove "
                             f"`{document}` from `documents:`, or set up a new board with "
                             "`name:` and `members:` in place of `existing_committee:`"))
    return out


@check("scheme", ("joint-committee-without-pool",), reads=("board", "funds", "documents"))
def joint_committee_needs_a_pool(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a board set up as a joint committee under the Regulations (the
    default model) where no scheme line is pooled: such a committee can decide only pooled-fund
    matters, so it would have nothing to decide."""
    scheme, values = subject.scheme, subject.values
    board = scheme.board
    if board.existing_committee is not None or values["board"]["model"] != "joint_committee" \
            or "section75" not in scheme.documents:
        return []
    lines = values["funds"]["lines"]
    if not lines or any(line["arrangement"] == "pooled" for line in lines):
        return []  # no lines at all is reported as that
    written = "is" if board.has("model") else "is by default"
    return [error(board.at("model") if board.has("model") else board.loc,
                  "joint-committee-without-pool",
                  f"the board {written} a joint committee under regulation 10 of the "
                  "Regulations, which can take only pooled-fund decisions, and no scheme line is "
                  "pooled: choose `model: advisory_delegated`, `committees_in_common` or "
                  "`concurrent_subcommittees` under `board:`")]


@check("scheme", ("board-not-joint-committee",), reads=("board", "parties"))
def board_model_checks(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for a board declared a joint committee that cannot decide as one (its
    council members are all officers, or some members refer their decisions back)."""
    scheme, values = subject.scheme, subject.values
    board, drafted = scheme.board, values["board"]
    if not drafted["present"] or board.existing_committee is not None:
        return []
    out: list[Diagnostic] = []
    if drafted["declared_model"] == "joint_committee" and drafted["model"] != "joint_committee":
        officers = officer_only_councils(drafted["members"])
        why = (f"{officers[0]['short_name']}'s voting members are all officers"
               if officers else "some Partners' members refer their decisions to a committee "
               "or officer (`decides_through:`)")
        out.append(warning(board.at("model") if board.has("model") else board.loc,
                           "board-not-joint-committee",
                           f"the board is declared a joint committee, but {why}, so it cannot "
                           "decide as a joint committee: the documents describe it as an "
                           "advisory board whose members decide under their own delegations; "
                           "set `model: advisory_delegated` to say so"))
    return out
