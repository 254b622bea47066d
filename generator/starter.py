"""`s75 init`: a new workspace for a council, holding a commented starter scheme, a folder for
local clause overrides, the editor schema, the git settings for reviewing Word drafts and a
script for continuous integration. Nothing existing is ever overwritten."""

from __future__ import annotations

from pathlib import Path

from generator.errors import InputError

STARTER_SCHEME = """\
# yaml-language-server: $schema=../scheme.schema.json
# A starter scheme: a Section 75 agreement between a council and an integrated care board
# pooling one fund. Every name and figure below is illustrative: replace them with your own,
# then run `s75 check` and `s75 build` (`s75 build --page-numbers` also gives the contents
# page its page numbers, where LibreOffice is installed). `s75 new ID` writes a blank scheme.

id: starter-intermediate-care
title: Intermediate Care Partnership Agreement 2026/27
topic: Intermediate care
status: draft               # draft or final: a final scheme may hold no illustrative figure
documents: [section75]      # add mou and tor for the other two documents
footprint: the Borough of Exampleton

parties:
  - name: Exampleton Borough Council
    short_name: the Council
    type: unitary_council
  - name: NHS Exampleton Integrated Care Board
    short_name: the ICB
    type: icb

agreement_date: 2026-04-01
commencement_date: 2026-04-01
term:
  initial_years: 3

aims_and_outcomes:
  - More people helped to recover at home after a stay in hospital
  - Fewer people moving into long-term residential care straight from hospital

functions:
  nhs:
    - The ICB's functions under section 3 of the NHS Act 2006 in arranging intermediate care
  health_related:
    - The Council's functions under Part 1 of the Care Act 2014

eligible_persons:
  - Adults registered with a GP practice in Exampleton, or ordinarily resident there

services:
  - Reablement at home
  - Step-down beds for people leaving hospital

flexibilities: [pooled_fund]

funds:
  units: thousands          # figures in £000s
  host: the Council
  pooled_fund_manager: Head of Integrated Commissioning
  lines:
    - name: Intermediate care
      arrangement: pooled
      overview: Reablement at home and step-down beds, bought once for health and social care.
      illustrative: true    # marks the figures as examples in the draft; remove with real ones
      contributions:
        2026/27: { the ICB: 2400, the Council: 1600 }
  totals:
    2026/27: { the ICB: 2400, the Council: 1600, total: 4000 }

non_financial_contributions:
  - party: the Council
    description: Office space for the joint commissioning team.

risk_share: proportional

board:
  name: Intermediate Care Board
  model: joint_committee
  chair:
    rotating: true
  members:
    - { role: Director of Adult Social Care, party: the Council }
    - { role: Cabinet Member for Adult Care, party: the Council }
    - { role: Director of Strategy, party: the ICB }
    - { role: Chief Nursing Officer, party: the ICB }
  quorum: { total: 2, per_party: { the Council: 1, the ICB: 1 } }
  decision_rule: consensus
  frequency: quarterly

review:
  frequency: annually
exit:
  notice_months: 6
"""

CLAUSES_README = """\
# Local clauses

Clause files placed here take precedence over the vanilla clause library installed with s75.

- To change a vanilla clause for every scheme in this workspace, copy its file from the clause
  catalogue, keep its `id`, and edit the text. The draft then uses this file's text, its
  manifest records the clause's layer as `local`, and its deviations report lists the clause
  under "The workspace's own clauses", for a reviewer to sign off.
- A file here with a new `id` adds a clause to the library; schemes include it as they include
  any optional clause.
- Two files here with the same `id` are an error, as in the vanilla library.

Prefer a scheme's `changes:` for a change that belongs to one agreement; use this folder for the
house style of every agreement the council makes.
"""

GITATTRIBUTES = """\
# Review Word drafts in `git diff` as text: run once in each clone
#   git config diff.docx.textconv "s75 textconv"
*.docx diff=docx
"""

GITIGNORE = """\
# What `s75 build` and `s75 check` keep for themselves: the stamps that let a rebuild skip
# unchanged drafts, and the cache of checked schemes. Neither belongs in version control.
.s75-stamps.json
.s75-cache/
"""

CI_SCRIPT = """\
#!/bin/sh
# Continuous integration for this workspace: every scheme checks cleanly, and the committed
# drafts in output/ are exactly what the schemes and the installed library produce.
set -eu
s75 check
s75 build --check
"""


def starter_files(schema_text: str) -> dict[str, str]:
    """Return the files of a new workspace by path inside it: text."""
    return {
        "schemes/starter-intermediate-care.yaml": STARTER_SCHEME,
        "clauses/README.md": CLAUSES_README,
        "scheme.schema.json": schema_text,
        ".gitattributes": GITATTRIBUTES,
        ".gitignore": GITIGNORE,
        "ci/check-drafts.sh": CI_SCRIPT,
    }


def create_workspace(target: Path, schema_text: str) -> list[Path]:
    """Write a new workspace's files under `target`; return the paths written. Raises
    InputError, having written nothing, when any of them already exists."""
    files = starter_files(schema_text)
    existing = [name for name in files if (target / name).exists()]
    if existing:
        raise InputError(f"{target / existing[0]} already exists: `s75 init` writes only into "
                         "a new or empty folder and never replaces a file")
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file, not a folder")
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (target / "ci" / "check-drafts.sh").chmod(0o755)
    return written
