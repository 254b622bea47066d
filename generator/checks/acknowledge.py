"""Warnings a scheme acknowledges (`acknowledge:`, each with a reason): the check that each
names a warning, never an error, and the filter that sets acknowledged warnings aside so
`s75 check` (even `--strict`) no longer reports them, while the deviations report lists them."""

from __future__ import annotations

from generator.checks.registry import SchemeSubject, check
from generator.codes import CODES, WARNING
from generator.diagnostics import Diagnostic, did_you_mean, error, warning
from generator.model.scheme import SchemeModel

NOT_ACKNOWLEDGEABLE = ("acknowledgement-unused",)


@check("scheme", ("bad-acknowledgement",), reads=("acknowledge",))
def acknowledgements(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for each acknowledgement naming an error code (an error can never be
    silenced) or a code that is not a warning at all."""
    out = []
    warnings = [name for name, code in CODES.items()
                if code.severity == WARNING and name not in NOT_ACKNOWLEDGEABLE]
    for entry in subject.scheme.acknowledge:
        code = CODES.get(entry.code)
        if code is not None and code.severity != WARNING:
            out.append(error(entry.at("code"), "bad-acknowledgement",
                             f"`{entry.code}` is an error, and an error can never be "
                             "acknowledged: correct what it reports and remove this entry"))
        elif code is None or entry.code in NOT_ACKNOWLEDGEABLE:
            hint = did_you_mean(entry.code, warnings)
            out.append(error(entry.at("code"), "bad-acknowledgement",
                             f"`{entry.code}` is not a warning `s75 check` reports.{hint}"
                             .rstrip() + " (`s75 codes` lists the warnings)"))
    return out


def set_aside(scheme: SchemeModel, found: list[Diagnostic], complete: bool
              ) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Return the diagnostics still to report and the warnings the scheme acknowledges. With
    `complete` (every phase ran), an acknowledgement of a warning not raised is itself warned
    of: the warning it answered has gone."""
    codes = {entry.code for entry in scheme.acknowledge}
    kept = [d for d in found if d.severity != WARNING or d.code not in codes]
    acknowledged = [d for d in found if d not in kept]
    if complete:
        raised = {d.code for d in found}
        kept += [warning(entry.at("code"), "acknowledgement-unused",
                         f"`{entry.code}` is acknowledged, but the scheme raises no such "
                         "warning: remove this entry")
                 for entry in scheme.acknowledge
                 if entry.code in CODES and CODES[entry.code].severity == WARNING
                 and entry.code not in NOT_ACKNOWLEDGEABLE and entry.code not in raised]
    return kept, acknowledged
