"""The law-by-date table, from the clause library's law table (clauses/law.yaml) when the
library has one: each subject with the wording in force in each era."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.reference.markdown import code, escaped, table

FIRST = ("id", "from", "until", "wording")  # the columns that lead, when an era has them


def law_page(path: Path) -> str | None:
    """Return the Markdown page of the law table at `path`, or None when there is none."""
    if not path.is_file():
        return None
    data = YAML(typ="safe", pure=True).load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        return None
    parts = ["# The law by date\n\nEach subject of law the clause text cites, with the wording in "
             "force in each era: a document cites the era in force on its date (the agreement "
             "date, else the commencement date). Generated from "
             f"{code(path.parent.name + '/' + path.name)}.\n"]
    for key, entry in data.items():
        parts.append(_subject(str(key), entry))
    return "".join(parts)


def _subject(key: str, entry: Any) -> str:
    """Return the section of one subject: its name and a row for each era."""
    if not isinstance(entry, dict):
        return f"\n## {code(key)}\n\n{escaped(str(entry))}\n"
    eras = [era for era in entry.get("eras") or [] if isinstance(era, dict)]
    columns = [c for c in FIRST if any(c in era for era in eras)]
    columns += sorted({c for era in eras for c in era} - set(columns))
    heading = f"\n## {escaped(str(entry.get('subject', key)))} ({code(key)})\n\n"
    rows = [[_cell(era.get(column)) for column in columns] for era in eras]
    return heading + (table(columns, rows) if eras else "")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return escaped(str(value))
