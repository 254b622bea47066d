"""Load the phrases the generator fills in from a scheme's choices (clauses/phrases.yaml): the
wording of each decision rule and the pieces the quorum is written with. Each phrase is checked
when the library loads: one wording per option, and only the placeholders it may use."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, did_you_mean, error
from generator.load.yamlio import Loaded, load_file
from generator.model.vocabulary import DECISION_RULES

QUORUM_PHRASES = {"each_partner": (), "total": ("count",), "present": (),
                  "minimum": ("count", "party"), "with_minimums": ("head", "minimums")}


@dataclass
class Phrases:
    """The wording of each decision rule, and the quorum's phrases by name."""

    decision_rule: dict[str, str] = field(default_factory=dict)
    quorum: dict[str, str] = field(default_factory=dict)


def load_phrases(path: Path, base: Path | None = None) -> tuple[Phrases, list[Diagnostic]]:
    """Return the phrases in `path` and a diagnostic for each one missing, unknown or using a
    placeholder it may not."""
    loaded, diagnostics = load_file(path, base)
    if loaded is None:
        return Phrases(), diagnostics
    if not isinstance(loaded.data, dict):
        return Phrases(), diagnostics + [error(loaded.loc(()), "not-a-mapping",
                                               "phrases.yaml must be `name: value` entries")]
    no_placeholders: tuple[str, ...] = ()
    wanted: dict[str, dict[str, tuple[str, ...]]] = {
        "decision_rule": dict.fromkeys(DECISION_RULES, no_placeholders),
        "quorum": QUORUM_PHRASES}
    phrases = Phrases()
    for group, allowed in wanted.items():
        found, problems = _group(loaded, group, allowed)
        setattr(phrases, group, found)
        diagnostics += problems
    for key in loaded.data:
        if key not in wanted:
            diagnostics.append(error(loaded.loc((key,)), "unknown-key",
                                     f"unknown key `{key}` in the phrases."
                                     f"{did_you_mean(key, wanted)}".rstrip()))
    return phrases, diagnostics


def _group(loaded: Loaded, group: str, allowed: dict[str, tuple[str, ...]]
           ) -> tuple[dict[str, str], list[Diagnostic]]:
    raw = loaded.data.get(group)
    if not isinstance(raw, dict):
        return {}, [error(loaded.loc((group,)), "missing-key",
                          f"`{group}` is required in the phrases, with a phrase for each of "
                          + ", ".join(f"`{name}`" for name in allowed))]
    out, problems = {}, []
    for name in allowed:
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            problems.append(error(loaded.loc((group,)), "missing-key",
                                  f"`{group}.{name}` is required in the phrases"))
    for name, text in raw.items():
        where = loaded.loc((group, name))
        if name not in allowed:
            problems.append(error(where, "unknown-key", f"unknown phrase `{group}.{name}`."
                                  f"{did_you_mean(name, allowed)}".rstrip()))
        elif isinstance(text, str):
            problems += _placeholders(text, allowed[name], f"{group}.{name}", where)
            out[name] = " ".join(text.split())
    return out, problems


def _placeholders(text: str, allowed: tuple[str, ...], name: str, where) -> list[Diagnostic]:
    try:
        used = [field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field]
    except ValueError as exc:
        return [error(where, "invalid-value", f"`{name}` has a broken placeholder: {exc}")]
    return [error(where, "invalid-value", f"`{name}` may use only "
                  + (", ".join(f"{{{a}}}" for a in allowed) or "no placeholders")
                  + f", not {{{used_name}}}") for used_name in used if used_name not in allowed]
