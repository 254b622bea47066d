"""The scheme's own vocabulary applied to a rendered draft: defined terms renamed, definitions
added (among them groups of parties), and the document's heading.

`apply_vocabulary` rewrites the Draft in place before it is numbered: every run of plain text
and every defined term, clause and section titles, definitions and table text, renaming whole
words only, in their singular, plural and possessive forms, in one pass (so a new name that
contains the old one is never renamed again). `defined_terms` returns the terms a draft defines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from generator.diagnostics import Diagnostic, Loc, did_you_mean, error
from generator.load.elements import Element
from generator.load.library import Library
from generator.model.draft import Clause, Definition, Draft, Item, Paragraph, Run
from generator.model.scheme import (
    ILLUSTRATIVE_MARK,
    AddedTerm,
    Rename,
    SchemeModel,
    TermGroup,
    Written,
)

DEFINE = re.compile(r"""define\(\s*(['"])([^'"]+)\1\s*\)""")
MEANS = ("means ", "includes ", "has the meaning")


def defined_terms(draft: Draft) -> set[str]:
    """Return every term the draft defines: the entries of its definitions clause and the
    terms defined in running text (bold, in quotation marks), such as the parties' short
    names."""
    found: set[str] = set()
    for clause in _clauses(draft):
        for runs in _run_lists(clause):
            found |= {run.value for run in runs if run.kind == "term"}
        for paragraph in _paragraphs(clause):
            found |= {d.term for d in paragraph.definitions}
    return found


def library_terms(library: Library, document: str) -> set[str]:
    """Return the terms the library's clauses for `document` define, on any branch: entries of
    a definitions list and `define('...')` of a fixed term in clause text."""
    found: set[str] = set()
    for cid in library.ids_for(document):
        lib = library.clauses[cid]
        bodies = [lib.body] + [variant.body for variant in lib.variants.values()]
        for body in bodies:
            texts = [body.text.source] if body.text is not None else []
            for element in _elements(body.subclauses + body.sections):
                found |= {d.term for d in element.definitions}
                texts += [t.source for t in (element.text, element.title) if t is not None]
                texts += [d.text.source for d in element.definitions]
            found |= {m.group(2) for text in texts for m in DEFINE.finditer(text)}
    return found


def _elements(elements: list[Element]) -> Iterator[Element]:
    for element in elements:
        yield element
        yield from _elements(element.items + element.subclauses + list(element.variants.values()))


def apply_vocabulary(draft: Draft, scheme: SchemeModel, library: Library | None = None,
                     runs_of: Callable[[Written], list[Run]] | None = None) -> list[Diagnostic]:
    """Apply the scheme's `headings:` (the document's heading and its cover's description of
    it) and `vocabulary:` to `draft` (in place), and the
    illustrative marker to the cover's date when the scheme marks it; return the errors found,
    each at its scheme line. A renamed term the draft does not define is left
    alone when the library defines it for another document the scheme builds (given
    `library`), and is an error when no document does."""
    heading = scheme.headings.get(draft.document)
    if heading:
        draft.doc_title = draft.cover_text = heading
    if draft.date_text and scheme.is_illustrative("agreement_date"):
        draft.date_text = f"{draft.date_text} {ILLUSTRATIVE_MARK}"
    vocabulary = scheme.vocabulary
    if not vocabulary:
        return []
    diagnostics: list[Diagnostic] = []
    existing = defined_terms(draft)
    elsewhere = set().union(*(library_terms(library, d) for d in scheme.documents)) \
        if library is not None else set()
    holder = _definitions_list(draft)
    layout = _layout(holder.definitions) if holder else (False, None)
    renames = _usable_renames(vocabulary.renames, existing, elsewhere, draft, diagnostics)
    names = (existing - {r.term for r in renames}) | {r.singular for r in renames}
    added = _added(vocabulary.definitions, vocabulary.groups, names, draft, diagnostics,
                   runs_of)
    if holder is not None:
        holder.definitions.extend(added)
    if renames:  # the scheme's own definitions too, as all scheme text in the draft
        _rewrite(draft, _renamer(renames, existing | {d.term for d in added}))
    if holder is not None and (renames or added):
        _arrange(holder.definitions, added, *layout)
    return diagnostics


def _usable_renames(renames: list[Rename], existing: set[str], elsewhere: set[str],
                    draft: Draft, diagnostics: list[Diagnostic]) -> list[Rename]:
    """Return the renames that apply to this draft, reporting those that cannot apply."""
    party_terms = {_bare(p.short_name) for p in draft.parties}
    usable: list[Rename] = []
    taken: dict[str, str] = {}
    for rename in renames:
        if rename.term in party_terms:
            diagnostics.append(error(rename.loc, "unknown-term", (
                f"`{rename.term}` is a party's short name, not a term of the library: change "
                "the party's `short_name:` under `parties:` instead")))
            continue
        if rename.term not in existing:
            if rename.term not in elsewhere:
                diagnostics.append(_unknown(rename, elsewhere or existing, party_terms))
            continue
        clash = _clash(rename, existing, taken)
        if clash:
            diagnostics.append(error(rename.at("singular") if rename.has("singular")
                                     else rename.loc, "term-clash", clash))
            continue
        taken[rename.singular.casefold()] = rename.term
        usable.append(rename)
    return usable


def _unknown(rename: Rename, known: set[str], party_terms: set[str]) -> Diagnostic:
    terms = sorted(known - party_terms, key=sort_key)
    listed = ", ".join(terms) or "none"
    hint = did_you_mean(rename.term, terms)
    return error(rename.loc, "unknown-term", (
        f"`{rename.term}` is not a term the library defines in the scheme's documents, so it "
        f"cannot be renamed.{hint} The defined terms are: {listed}"))


def _clash(rename: Rename, existing: set[str], taken: dict[str, str]) -> str:
    """Return why the new name cannot be used ("" when it can)."""
    new = rename.singular.casefold()
    if new in taken:
        return (f"`{rename.term}` and `{taken[new]}` would both be renamed `{rename.singular}`: "
                "give each its own name")
    other = next((t for t in existing if t.casefold() == new and t != rename.term), None)
    if other:
        return (f"`{rename.singular}` is already a defined term of this document: choose "
                f"another name for `{rename.term}`")
    return ""


def _bare(short_name: str) -> str:
    """Return a short name without a leading 'the', as the parties clause defines it."""
    words = short_name.split(" ", 1)
    return words[1] if len(words) == 2 and words[0].lower() == "the" else short_name


# Renaming ----------------------------------------------------------------------------------

def plural(term: str) -> str:
    """Return the plural the library's text uses for a term: Bodies, Boxes, Partners."""
    if re.search(r"[^aeiou]y$", term):
        return term[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", term):
        return term + "es"
    return term + "s"


def _renamer(renames: list[Rename], existing: set[str]) -> Callable[[str], str]:
    """Return a function renaming every whole-word form of the renamed terms in one pass.
    Another defined term that contains a renamed one ("Pooled Fund Manager") is kept whole."""
    forms: dict[str, str] = {}
    for rename in renames:
        forms.setdefault(plural(rename.term), rename.plural)
        forms[rename.term] = rename.singular
    renamed = {r.term for r in renames}
    for term in existing - renamed:
        if any(re.search(rf"(?<![\w-]){re.escape(old)}(?![\w-])", term) for old in renamed):
            forms.setdefault(term, term)
            forms.setdefault(plural(term), plural(term))
    pattern = re.compile(r"(?<![\w-])(" + "|".join(
        re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])")
    return lambda text: pattern.sub(lambda m: forms[m.group(1)], text)


def _rewrite(draft: Draft, rename: Callable[[str], str]) -> None:
    """Rename in every text of the draft the writers print but the cover."""
    for clause in _clauses(draft):
        clause.title = rename(clause.title)
        clause.lead = _runs(clause.lead, rename)
        for paragraph in _paragraphs(clause):
            paragraph.runs = _runs(paragraph.runs, rename)
            _items(paragraph.items, rename)
            for definition in paragraph.definitions:
                definition.term = rename(definition.term)
                definition.runs = _runs(definition.runs, rename)
            table = paragraph.table
            if table is not None:
                table.caption = rename(table.caption)
                table.header = [rename(cell) for cell in table.header]
                table.rows = [[rename(cell) for cell in row] for row in table.rows]


def _runs(runs: list[Run], rename: Callable[[str], str]) -> list[Run]:
    return [Run(r.kind, rename(r.value)) if r.kind in ("text", "term") else r for r in runs]


def _items(items: list[Item], rename: Callable[[str], str]) -> None:
    for item in items:
        item.runs = _runs(item.runs, rename)
        _items(item.items, rename)


def _clauses(draft: Draft) -> Iterator[Clause]:
    for clause in draft.all_clauses():
        yield clause
        yield from clause.sections


def _paragraphs(clause: Clause) -> list[Paragraph]:
    return clause.paragraphs


def _run_lists(clause: Clause) -> Iterator[list[Run]]:
    yield clause.lead
    for paragraph in clause.paragraphs:
        yield paragraph.runs
        yield from _item_runs(paragraph.items)
        for definition in paragraph.definitions:
            yield definition.runs


def _item_runs(items: list[Item]) -> Iterator[list[Run]]:
    for item in items:
        yield item.runs
        yield from _item_runs(item.items)


# Added definitions and groups --------------------------------------------------------------

def _added(definitions: list[AddedTerm], groups: list[TermGroup], names: set[str],
           draft: Draft, diagnostics: list[Diagnostic],
           runs_of: Callable[[Written], list[Run]] | None = None) -> list[Definition]:
    """Return the definitions the scheme adds (groups as "means X and Y"), reporting clashes
    and groups that are not groups of the parties."""
    out: list[Definition] = []
    taken = {n.casefold() for n in names}
    for entry in definitions:
        if _taken(entry.term, entry.at("term"), taken, diagnostics):
            continue
        out.append(Definition(entry.term, _meaning_runs(entry, runs_of)))
    for group in groups:
        members = _group_members(group, draft, diagnostics)
        if members is None or _taken(group.name, group.at("name"), taken, diagnostics):
            continue
        out.append(Definition(group.name, [Run("text", f"means {_join(members)}")]))
    return out


def _taken(term: str, loc: Loc, taken: set[str], diagnostics: list[Diagnostic]) -> bool:
    if term.casefold() in taken:
        diagnostics.append(error(loc, "term-clash", (
            f"`{term}` is already a defined term of this document: use it as it is, rename it "
            "under `vocabulary: terms:`, or choose another name")))
        return True
    taken.add(term.casefold())
    return False


def _meaning_runs(entry: AddedTerm, runs_of: Callable[[Written], list[Run]] | None
                  ) -> list[Run]:
    """Return an added definition's meaning as runs, its references resolved when `runs_of`
    is given, worded as the definitions clause words one ("means ...")."""
    if runs_of is None or entry.written is None:
        return [Run("text", _meaning(entry.meaning))]
    runs = runs_of(entry.written)
    first = runs[0].value if runs and runs[0].kind == "text" else ""
    if first.lower().startswith(MEANS):
        return runs
    if first:
        return [Run("text", f"means {first}")] + runs[1:]
    return [Run("text", "means ")] + runs


def _meaning(text: str) -> str:
    """Return a scheme's meaning as the definitions clause words one: "means ..."."""
    clean = " ".join(text.split())
    return clean if clean.lower().startswith(MEANS) else f"means {clean}"


def _group_members(group: TermGroup, draft: Draft,
                   diagnostics: list[Diagnostic]) -> list[str] | None:
    """Return the short names of a group's parties, or None (reported) when it is not a group
    of two or more of them."""
    by_name = {p.name: p.short_name for p in draft.parties}
    by_name.update({p.short_name: p.short_name for p in draft.parties})
    members: list[str] = []
    for index, wanted in enumerate(group.parties):
        if wanted not in by_name:
            hint = did_you_mean(wanted, list(by_name))
            names = ", ".join(f"`{p.short_name}`" for p in draft.parties)
            diagnostics.append(error(group.at("parties"), "unknown-party", (
                f"`{wanted}` (party {index + 1} of group `{group.name}`) is not one of the "
                f"parties ({names}).{hint}").rstrip()))
            return None
        if by_name[wanted] not in members:
            members.append(by_name[wanted])
    if len(members) < 2:
        diagnostics.append(error(group.at("parties"), "group-too-small", (
            f"group `{group.name}` names {len(members)} party: a group needs at least two "
            "parties (refer to a single party by its short name)")))
        return None
    return members


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def sort_key(term: str) -> str:
    """Return the key the library orders definitions by: letter by letter, ignoring case,
    spaces and hyphens."""
    return re.sub(r"[\s-]", "", term).casefold()


def _definitions_list(draft: Draft) -> Paragraph | None:
    """Return the paragraph holding the draft's definitions clause list (the longest), or
    None when the draft has none."""
    holders = [p for c in _clauses(draft) for p in c.paragraphs if p.definitions]
    return max(holders, key=lambda p: len(p.definitions)) if holders else None


def _layout(entries: list[Definition]) -> tuple[bool, tuple[str, str, str] | None]:
    """Return whether the list is in alphabetical order, and how its entries end: (every entry
    but the last two, the last but one, the last), such as (";", "; and", "."), or None when
    they follow no such pattern."""
    keys = [sort_key(d.term) for d in entries]
    ends = [_ending(d) for d in entries]
    if len(ends) < 3 or len(set(ends[:-2])) != 1 or not all(ends):
        return keys == sorted(keys), None
    return keys == sorted(keys), (ends[0], ends[-2], ends[-1])


def _arrange(entries: list[Definition], added: list[Definition], ordered: bool,
             endings: tuple[str, str, str] | None) -> None:
    """Put the list, with the scheme's definitions added at its end, in alphabetical order
    where the library keeps it so, and end each entry as the list did."""
    if ordered:
        entries.sort(key=lambda d: sort_key(d.term))
    for index, definition in enumerate(entries):
        if endings is not None:
            place = min(2, len(entries) - 1 - index)
            _close(definition, endings[2 - place] if place < 2 else endings[0])
        elif any(definition is a for a in added):
            _close(definition, ";")


ENDINGS = ("; and", "; or", ";", ".")


def _ending(definition: Definition) -> str:
    """Return how a definition's meaning ends: "; and", "; or", ";", "." or ""."""
    runs = definition.runs
    text = runs[-1].value.rstrip() if runs and runs[-1].kind == "text" else ""
    return next((end for end in ENDINGS if text.endswith(end)), "")


def _close(definition: Definition, mark: str) -> None:
    """End a definition's meaning with `mark`, in place of the ending it had."""
    runs = definition.runs
    if not runs:
        return
    if runs[-1].kind != "text":  # a meaning that ends with a reference
        runs.append(Run("text", mark))
        return
    text = runs[-1].value.rstrip()
    ending = _ending(definition)
    if ending:
        text = text[: -len(ending)]
    runs[-1] = Run("text", text + mark)
