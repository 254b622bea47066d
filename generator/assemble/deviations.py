"""Every departure of a scheme from the vanilla model: omissions with their reasons,
replacements, additions, optional clauses included, variants chosen, variables set, defined
terms renamed or added and headings changed, each with the scheme file that makes it."""

from __future__ import annotations

from typing import Any

from generator.assemble.assembly import added_id
from generator.load.library import Library
from generator.model.draft import Deviation
from generator.model.scheme import Change, SchemeModel


def find_deviations(scheme: SchemeModel, library: Library,
                    clause_ids: set[str] | None = None) -> list[Deviation]:
    """Return every departure from the vanilla model, base layer first; with `clause_ids`, only
    those touching those clauses (variables always count)."""
    out = [_from_change(c, library) for c in scheme.changes]
    out = [d for d in out if clause_ids is None or d.clause in clause_ids]
    out += _field_variants(scheme, library, clause_ids)
    out += _variables(scheme, library)
    out += _vocabulary(scheme)
    out += [Deviation(entry.loc.path, "acknowledged", entry.code,
                      f"the warning `{entry.code}` is acknowledged", entry.reason, entry.loc)
            for entry in scheme.acknowledge]
    order = {path: i for i, path in enumerate(scheme.layers)}
    out = sorted(out, key=lambda d: order.get(d.layer, len(order)))
    return _local_clauses(library, clause_ids) + out


def _local_clauses(library: Library, clause_ids: set[str] | None) -> list[Deviation]:
    """Return a departure for each clause the workspace's own clause library supplies (with
    `clause_ids`, only those used)."""
    return [Deviation("local", "local", cid,
                      f"`{cid}` ({clause.title}) is the workspace's own clause, not the "
                      "vanilla library's", "", clause.loc, cid)
            for cid, clause in library.clauses.items()
            if clause.layer == "local" and (clause_ids is None or cid in clause_ids)]


KIND_WORDS = {"omit": "omitted", "replace": "replaced", "rename": "renamed", "add": "added",
              "move": "moved", "order": "reordered", "include": "included",
              "variants": "variant"}


def _from_change(change: Change, library: Library) -> Deviation:
    target = change.target
    kind = KIND_WORDS[change.kind]
    subject = added_id(change) if kind == "added" else target
    if kind == "reordered":
        subject = target = change.clauses[0] if change.clauses else ""
    return Deviation(change.layer, kind, subject, _detail(change, kind, library),
                     " ".join(change.reason.split()), change.loc, target)


def _detail(change: Change, kind: str, library: Library) -> str:
    """Return what the change does, in a sentence for the deviations report."""
    target = change.target
    title = library.clauses[target].title if target in library.clauses else target
    side = "before" if change.before else "after"
    where = f"{side} `{change.anchor}`" if change.anchor else "at the end of the schedules"
    if kind == "omitted":
        return (f"`{target}` ({title}) is left out"
                + (", its number kept as 'Not used'" if change.keep_number else ""))
    if kind == "replaced":
        if not change.writes_text:
            return f"`{target}` ({title}) keeps its text and is titled “{change.title}”"
        return (f"`{target}` ({title}) is replaced by the scheme's own text"
                + (f", titled “{change.title}”" if change.title else ""))
    if kind == "renamed":
        return f"`{target}` ({title}) is titled “{change.title}”"
    if kind == "added":
        what = "schedule" if change.schedule else "clause"
        return f"new {what} “{change.title or ''}” is added {where}"
    if kind == "moved":
        return f"`{target}` ({title}) is moved {where}"
    if kind == "reordered":
        return "clauses are put in the order " + ", ".join(f"`{c}`" for c in change.clauses)
    if kind == "included":
        return f"optional clause `{target}` ({title}) is included"
    return f"`{target}` ({title}) uses the `{change.choose or ''}` variant"


def _field_variants(scheme: SchemeModel, library: Library,
                    clause_ids: set[str] | None) -> list[Deviation]:
    out = []
    for cid, lib in library.clauses.items():
        if not lib.variant_by or (clause_ids is not None and cid not in clause_ids):
            continue
        field_name = lib.variant_by
        chosen, loc, given = scheme.field_at(field_name)
        explicit = any(c.kind == "variants" and c.target == cid for c in scheme.changes)
        if not given or not chosen or explicit or chosen == lib.default_variant:
            continue
        out.append(Deviation(loc.path, "variant", cid,
                             f"`{cid}` ({lib.title}) uses the `{chosen}` variant, chosen by "
                             f"`{field_name}: {chosen}`", "", loc, cid))
    return out


def _variables(scheme: SchemeModel, library: Library) -> list[Deviation]:
    out = []
    for variable in scheme.variables:
        name, value = variable.name, variable.value
        vanilla = library.variables.get(name)
        if value == vanilla:
            continue
        out.append(Deviation(variable.layer, "variable", name,
                             f"`{name}` is {_shown(value)} (vanilla: {_shown(vanilla)})", "",
                             variable.loc))
    return out


def _vocabulary(scheme: SchemeModel) -> list[Deviation]:
    """Return the scheme's renamed and added defined terms and its changed headings."""
    out = []
    vocabulary = scheme.vocabulary
    for rename in vocabulary.renames if vocabulary else []:
        plural = f" (plural “{rename.plural}”)" if rename.has("plural") else ""
        out.append(Deviation(rename.loc.path, "renamed", rename.term,
                             f"the defined term “{rename.term}” is renamed "
                             f"“{rename.singular}”{plural}", "", rename.loc))
    for added in vocabulary.definitions if vocabulary else []:
        out.append(Deviation(added.loc.path, "defined", added.term,
                             f"the defined term “{added.term}” is added", "", added.loc))
    for group in vocabulary.groups if vocabulary else []:
        out.append(Deviation(group.loc.path, "defined", group.name,
                             f"the defined term “{group.name}” is added for "
                             f"{', '.join(group.parties)}", "", group.loc))
    for document, heading in scheme.headings.items():
        loc = scheme.at("headings")
        out.append(Deviation(loc.path, "heading", document,
                             f"the {document} document is headed “{heading}”", "", loc))
    return out


def _shown(value: Any) -> str:
    return "not set" if value is None else f"“{value}”"
