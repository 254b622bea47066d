"""A synthetic workspace for the benchmark: the project's clauses and templates, a generated
`bench` document type with a large clause library, and many schemes in three levels of
`extends:` (a base, mid-level schemes and leaf topics), all written into a folder given."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SUBJECTS = ("the annual plan", "the shared records", "the joint review", "the staff secondment",
            "the estates survey", "the training programme", "the carers' offer",
            "the service directory")


@dataclass(frozen=True)
class Shape:
    """How large a synthetic workspace is."""

    library: int = 1000  # clauses in the `bench` library
    document: int = 400  # of which the `bench` outline uses this many
    mids: int = 20  # mid-level schemes extending the base
    leaves: int = 9  # leaf schemes extending each mid-level scheme


def clause_text(number: int) -> str:
    """Return the YAML of generated clause `number`: about two in three are plain text, the
    rest read the scheme's topic or hold a subclause that depends on a condition."""
    subject = SUBJECTS[number % len(SUBJECTS)]
    lines = [f"id: bench-{number:04d}", f"title: Arrangement {number}", "documents: [bench]",
             "subclauses:",
             f"  - The Partners shall keep {subject} under review and shall record each "
             "change they agree in writing.",
             "  - Each Partner shall give the other Partners any information they reasonably "
             f"ask for about {subject}."]
    if number % 3 == 1:
        lines.append(f"  - This clause applies to {{{{ scheme.topic }}}} as to {subject}.")
    if number % 3 == 2:
        lines += ["  - when: pooled",
                  f"    text: Any cost of {subject} is met from the Pooled Fund."]
    return "\n".join(lines) + "\n"


PARTIES = """\
id: bench-parties
title: Parties
documents: [bench]
kind: front
subclauses:
  - for_each: parties
    as: party
    text: "{{ party.name }} ({{ define(party.short_name) }})"
"""


def outline_text(shape: Shape) -> str:
    """Return the outline of the `bench` document: its first `shape.document` clauses."""
    ids = "\n".join(f"  - bench-{n:04d}" for n in range(1, shape.document + 1))
    return ("document: bench\ntitle: Benchmark Agreement\nfile: benchmark-agreement\n"
            "template: template.docx\nfront: [bench-parties]\nclauses:\n" + ids +
            "\nrequired:\n  - clause: bench-0001\n")


def write_library(root: Path, shape: Shape) -> None:
    """Copy the project's library and templates into `root` and add the `bench` type."""
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, root / folder)
    bench = root / "templates" / "bench"
    bench.mkdir()
    (bench / "outline.yaml").write_text(outline_text(shape), encoding="utf-8")
    shutil.copy(ROOT / "templates" / "mou" / "template.docx", bench / "template.docx")
    clauses = root / "clauses" / "bench"
    clauses.mkdir()
    (clauses / "bench-parties.yaml").write_text(PARTIES, encoding="utf-8")
    for number in range(1, shape.library + 1):
        (clauses / f"bench-{number:04d}.yaml").write_text(clause_text(number), encoding="utf-8")


def write_schemes(root: Path, shape: Shape) -> list[Path]:
    """Write the base, mid-level and leaf schemes under `root/schemes`; return the leaves.

    The base is the Staffordshire base building both a Section 75 agreement and the `bench`
    document; each leaf is the Staffordshire older people's topic under a new id."""
    schemes = root / "schemes"
    schemes.mkdir()
    base = (ROOT / "schemes" / "staffordshire" / "base.yaml").read_text(encoding="utf-8")
    base = base.replace("id: staffordshire-base", "id: bench-base")
    base = base.replace("documents: [section75]", "documents: [section75, bench]")
    (schemes / "base.yaml").write_text(base, encoding="utf-8")
    topic = (ROOT / "schemes" / "staffordshire" / "older-people.yaml").read_text(encoding="utf-8")
    leaves = []
    for mid in range(1, shape.mids + 1):
        (schemes / f"mid-{mid:02d}.yaml").write_text(
            f"extends: base.yaml\nid: bench-mid-{mid:02d}\n"
            f"title: Benchmark Area {mid} Partnership Agreement\n"
            f"topic: Integrated commissioning (area {mid})\n", encoding="utf-8")
        for leaf in range(1, shape.leaves + 1):
            path = schemes / f"leaf-{mid:02d}-{leaf:02d}.yaml"
            path.write_text(topic.replace("extends: base.yaml", f"extends: mid-{mid:02d}.yaml")
                            .replace("id: staffordshire-older-people",
                                     f"id: bench-leaf-{mid:02d}-{leaf:02d}"), encoding="utf-8")
            leaves.append(path)
    return leaves


def make_workspace(root: Path, shape: Shape) -> list[Path]:
    """Write the whole synthetic workspace into `root` (which must not exist); return the
    leaf schemes."""
    root.mkdir(parents=True)
    write_library(root, shape)
    return write_schemes(root, shape)
