"""The law by date: each subject of law clause text cites, with the wording in force in each
era, and the lookup a document uses to cite the era in force on its date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic, Loc, error

CONFIDENCES = ("verified", "indirect", "usual practice")


@dataclass(frozen=True)
class Era:
    """One wording of a subject and the days it is in force (`until` None: still in force)."""

    id: str
    start: datetime.date
    until: datetime.date | None
    wording: str
    short: str = ""
    replaced: str = ""
    confidence: str = "verified"

    def covers(self, day: datetime.date) -> bool:
        """Return whether this era is in force on `day`."""
        return self.start <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Subject:
    """A subject of law (data protection, procurement ...) and its eras in date order."""

    key: str
    name: str
    eras: tuple[Era, ...]

    def era_on(self, day: datetime.date | None) -> Era | None:
        """Return the era in force on `day` (with no day, the era in force now: the last one,
        if it has not ended), or None when there is none."""
        if day is None:
            last = self.eras[-1] if self.eras else None
            return last if last is not None and last.until is None else None
        return next((era for era in self.eras if era.covers(day)), None)


@dataclass
class LawTable:
    """Every subject of the clause library's law table, by key."""

    subjects: dict[str, Subject] = field(default_factory=dict)


def day_text(day: datetime.date) -> str:
    """Return '1 April 2017' for a date."""
    return f"{day.day} {day.strftime('%B %Y')}"


@dataclass
class LawBook:
    """The law table read on one document's date: `law()` prints a subject's wording in force
    on that date and `in_force()` says whether it has one; every subject a document cites on a
    date with no wording is remembered, to be reported once at the scheme's date."""

    table: LawTable
    day: datetime.date | None
    loc: Loc
    gaps: list[str] = field(default_factory=list)

    def law(self, key: str, form: str = "wording") -> str:
        """Return the wording of subject `key` in force on the document's date (`form`
        "short": the shorter citation, where the era has one); '' when there is none, which is
        remembered as a gap."""
        era = self._era(key)
        if era is None:
            if key not in self.gaps:
                self.gaps.append(key)
            return ""
        return era.short if form == "short" and era.short else era.wording

    def in_force(self, key: str) -> bool:
        """Return whether subject `key` has wording in force on the document's date."""
        return self._era(key) is not None

    def _era(self, key: str) -> Era | None:
        subject = self.table.subjects.get(key)
        return subject.era_on(self.day) if subject is not None else None

    def diagnostics(self) -> list[Diagnostic]:
        """Return an error for each subject the document cites with no wording on its date."""
        when = f"on {day_text(self.day)}" if self.day else "in force now (the scheme is undated)"
        out = []
        for key in self.gaps:
            subject = self.table.subjects.get(key)
            name = subject.name if subject else key
            spans = _spans(subject) if subject else "none"
            out.append(error(self.loc, "no-law-for-date",
                             f"the draft cites the law on “{name}” (`{key}`), and the clause "
                             f"library's law table (clauses/law.yaml) has no wording for it "
                             f"{when} (it has wording for {spans}): correct the date, or omit "
                             "the clauses that cite it"))
        return out


def _spans(subject: Subject) -> str:
    """Return the days a subject has wording for, eras that follow on joined: '1 April 2013
    onwards', '1 March 2000 to 31 March 2013'."""
    joined: list[list[datetime.date | None]] = []
    for era in subject.eras:
        last = joined[-1] if joined else None
        if last is not None and last[1] is not None \
                and last[1] + datetime.timedelta(days=1) == era.start:
            last[1] = era.until
        else:
            joined.append([era.start, era.until])
    spans = [f"{day_text(start)} to {day_text(end)}" if end else f"{day_text(start)} onwards"
             for start, end in joined if start is not None]
    return " and ".join(spans) or "no date"
