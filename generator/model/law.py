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
    known_from: datetime.date | None = None  # made or enacted before it came into force
    foreseen: str = ""  # the wording a document dated before `from` uses (what was made then)

    def seen_on(self, day: datetime.date | None) -> str:
        """Return the wording a document dated `day` cites this era by: `foreseen` before the
        era begins (when given), else its wording."""
        if self.foreseen and day is not None and day < self.start:
            return self.foreseen
        return self.wording

    def covers(self, day: datetime.date) -> bool:
        """Return whether this era is in force on `day`."""
        return self.start <= day and (self.until is None or day <= self.until)

    def overlaps(self, first: datetime.date, last: datetime.date | None) -> bool:
        """Return whether this era is in force on any day from `first` to `last` (None: with no
        end)."""
        return (last is None or self.start <= last) and (self.until is None or first <= self.until)

    def known_on(self, day: datetime.date) -> bool:
        """Return whether a document dated `day` could cite this era: it had begun, or the law
        it brings in had already been made (`known_from`)."""
        return self.start <= day or (self.known_from is not None and self.known_from <= day)


@dataclass(frozen=True)
class Subject:
    """A subject of law (data protection, procurement ...) and its eras in date order."""

    key: str
    name: str
    eras: tuple[Era, ...]
    successor: str = ""  # for a body renamed or replaced over time: "or any successor body"

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
    term: tuple[datetime.date | None, datetime.date | None] = (None, None)  # first, last day

    def law(self, key: str, form: str = "wording") -> str:
        """Return the wording of subject `key` in force on the document's date (`form`
        "short": the shorter citation, where the era has one); '' when there is none, which is
        remembered as a gap."""
        era = self._era(key)
        if era is None:
            if key not in self.gaps:
                self.gaps.append(key)
            return ""
        wording = era.short if form == "short" and era.short else era.wording
        return f"{wording} ({self.table.subjects[key].successor})" if self._succeeded(key, era) \
            else wording

    def _succeeded(self, key: str, era: Era) -> bool:
        """Return whether subject `key` names a body that may be succeeded (its `successor:`
        words) and the era in force on the document's date ends before the term does, so that
        the body is renamed or replaced during the term: it is then cited with its successor."""
        subject = self.table.subjects[key]
        if not subject.successor or era.until is None:
            return False
        last = self.term[1]
        return last is None or last > era.until

    def during_term(self, key: str, form: str = "wording") -> str:
        """Return the law of subject `key` for the whole term: the wording in force on the
        document's date when that is the only era the term runs through, else each era's
        wording with the days it applies. `form` "later": the wording (its list joined with
        "and") of the first era that begins after the document's date, within the term (''
        when none does);
        "later_from": the day that era begins. An era the document could not have known of
        (it had not begun, and was not made, by the document's date) is left out."""
        eras = self._term_eras(key)
        later = [era for era in eras if self.day is not None and era.start > self.day]
        if form == "later":
            return _joined(later[0].seen_on(self.day)) if later else ""
        if form == "later_from":
            return day_text(later[0].start) if later else ""
        if len(eras) <= 1:
            return self.law(key)
        subject = self.table.subjects[key]
        parts = [_era_span(era, era is eras[0], era is eras[-1], self.day) for era in eras]
        return f"the {subject.name[:1].lower()}{subject.name[1:]} in force during the Term " \
               f"({'; '.join(parts)})"

    def in_force_during_term(self, key: str) -> bool:
        """Return whether subject `key` has wording in force on any day of the term."""
        return bool(self._term_eras(key))

    def _term_eras(self, key: str) -> list[Era]:
        """Return the eras of `key` in force during the term that the document could cite."""
        subject = self.table.subjects.get(key)
        first = self.term[0] or self.day
        if subject is None or first is None or self.day is None:
            era = self._era(key)
            return [era] if era is not None else []
        if self.day < first:
            first = self.day
        return [era for era in subject.eras
                if era.overlaps(first, self.term[1]) and era.known_on(self.day)]

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


def _era_span(era: Era, first: bool, last: bool, day: datetime.date | None) -> str:
    """Return one era of a term's law with the days it applies: "until 24 May 2018, the Data
    Protection Act 1998", "from 25 May 2018, the General Data Protection Regulation and the Data
    Protection Act 2018" (a wording's list joined with "and"), as a document dated `day` cites
    it."""
    wording = _joined(era.seen_on(day))
    if first and era.until is not None:
        return f"until {day_text(era.until)}, {wording}"
    if not last and era.until is not None:
        return f"from {day_text(era.start)} until {day_text(era.until)}, {wording}"
    return f"from {day_text(era.start)}, {wording}"


def _joined(wording: str) -> str:
    """Return a wording written as a list with commas ("a, b") with its last two joined by
    "and" ("a and b")."""
    head, _, tail = wording.rpartition(", ")
    return f"{head} and {tail}" if head else tail


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
