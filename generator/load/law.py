"""Load the clause library's law table (clauses/law.yaml): each subject of law with its eras,
checked when the library loads (dates, order, no overlaps, the keys an era may have)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, did_you_mean, error
from generator.load.yamlio import Loaded, load_file
from generator.model.law import CONFIDENCES, Era, LawTable, Subject, day_text

ERA_KEYS = ("id", "from", "until", "wording", "short", "replaced", "confidence", "known_from",
            "foreseen")
REQUIRED = ("id", "from", "wording")


def load_law(path: Path, base: Path | None = None) -> tuple[LawTable, list[Diagnostic]]:
    """Return the law table in `path` (empty when there is no such file) and a diagnostic for
    each subject or era that is malformed, out of order or overlaps the one before."""
    if not path.is_file():
        return LawTable(), []
    loaded, diagnostics = load_file(path, base)
    if loaded is None:
        return LawTable(), diagnostics
    if not isinstance(loaded.data, dict):
        return LawTable(), diagnostics + [error(loaded.loc(()), "not-a-mapping",
                                                "law.yaml must be `subject: {subject, eras}` "
                                                "entries")]
    table = LawTable()
    for key, entry in loaded.data.items():
        subject, problems = _subject(loaded, str(key), entry)
        diagnostics += problems
        if subject is not None:
            table.subjects[subject.key] = subject
    return table, diagnostics


def _subject(loaded: Loaded, key: str, entry: Any) -> tuple[Subject | None, list[Diagnostic]]:
    where = loaded.loc((key,))
    if not isinstance(entry, dict) or not isinstance(entry.get("eras"), list) \
            or not isinstance(entry.get("subject"), str):
        return None, [error(where, "missing-key", f"law subject `{key}` needs `subject:` (its "
                            "name) and `eras:` (a list)")]
    problems = [error(loaded.loc((key, name)), "unknown-key",
                      f"unknown key `{name}` in law subject `{key}`."
                      f"{did_you_mean(str(name), ('subject', 'eras', 'successor'))}".rstrip())
                for name in entry if name not in ("subject", "eras", "successor")]
    eras: list[Era] = []
    for index, raw in enumerate(entry["eras"]):
        era, found = _era(loaded, (key, "eras", index), raw)
        problems += found
        if era is None:
            continue
        if eras and (eras[-1].until is None or era.start <= eras[-1].until):
            problems.append(error(loaded.loc((key, "eras", index)), "invalid-value",
                                  f"era `{era.id}` of `{key}` begins on {day_text(era.start)}, "
                                  f"before the era above it ends: list eras in date order "
                                  "without overlaps"))
        eras.append(era)
    successor = entry.get("successor")
    if successor is not None and not isinstance(successor, str):
        problems.append(error(loaded.loc((key, "successor")), "wrong-type",
                              f"`successor:` of `{key}` must be text, such as \"or any successor "
                              "body\""))
        successor = None
    return Subject(key, " ".join(entry["subject"].split()), tuple(eras),
                   _flat(successor)), problems


def _era(loaded: Loaded, path: tuple, raw: Any) -> tuple[Era | None, list[Diagnostic]]:
    where = loaded.loc(path)
    if not isinstance(raw, dict):
        return None, [error(where, "wrong-type", "an era must be a mapping of "
                            + ", ".join(f"`{k}`" for k in ERA_KEYS))]
    problems = [error(loaded.loc((*path, name)), "unknown-key", f"unknown key `{name}` in an "
                      f"era.{did_you_mean(str(name), ERA_KEYS)}".rstrip())
                for name in raw if name not in ERA_KEYS]
    problems += [error(where, "missing-key", f"an era needs `{name}:`")
                 for name in REQUIRED if raw.get(name) in (None, "")]
    start, until = _day(raw.get("from")), _day(raw.get("until"))
    known = _day(raw.get("known_from"))
    for name, value, day in (("from", raw.get("from"), start), ("until", raw.get("until"), until),
                             ("known_from", raw.get("known_from"), known)):
        if value is not None and day is None:
            problems.append(error(loaded.loc((*path, name)), "wrong-format",
                                  f"`{name}:` must be a date written YYYY-MM-DD"))
    confidence = str(raw.get("confidence", "verified"))
    if confidence not in CONFIDENCES:
        problems.append(error(loaded.loc((*path, "confidence")), "wrong-value",
                              "`confidence:` must be one of "
                              + ", ".join(f"`{c}`" for c in CONFIDENCES)))
    if start is not None and until is not None and until < start:
        problems.append(error(where, "invalid-value", "an era cannot end before it begins"))
    if problems or start is None:
        return None, problems
    return Era(str(raw["id"]), start, until, _flat(raw["wording"]), _flat(raw.get("short")),
               _flat(raw.get("replaced")), confidence, known, _flat(raw.get("foreseen"))), []


def _day(value: Any) -> datetime.date | None:
    """Return a date from a YAML date or 'YYYY-MM-DD' text, or None."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None


def _flat(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""

