"""Stamps of built drafts, so a build rewrites only what changed and `build --check` can pass
over what is known to be up to date.

A scheme's drafts are stamped with a hash of everything they depend on: the files of its
`extends:` chain, the clause library and templates (with any workspace overrides), the code of
the generator and its version, and the build's options. The stamp also records the SHA-256 of
each file written, and the diagnostics the build reported, so an unchanged scheme is neither
built nor rewritten and still reports its warnings. A draft whose file was edited by hand no
longer matches its stamp, so it is built again (and `build --check` reports it).

Every stamp of an output folder is kept in one hidden file at its top, `.s75-stamps.json`
(so nothing is written outside the output folder); it is not a draft, and `build --check`
does not count it. A missing or unreadable stamps file only means every draft is built.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__
from generator.diagnostics import Diagnostic, Loc

STAMPS_FILE = ".s75-stamps.json"
FORMAT = 1
MAX_BYTES = 50_000_000  # a larger stamps file is not read (everything is built)
CODE = Path(__file__).resolve().parent  # the generator package


@dataclass
class Stamp:
    """What one build of a scheme's drafts depended on, wrote and reported."""

    inputs: str  # hash of everything the drafts depend on
    chain: list[str]  # the scheme's files, base first (absolute paths)
    folder: str  # the scheme's folder under the output folder
    files: dict[str, str]  # file name -> SHA-256 of its bytes
    diagnostics: list[Diagnostic] = field(default_factory=list)
    acknowledged: int = 0  # warnings the scheme accepts
    drafts: int = 0  # documents built


def digest_files(paths: Iterable[Path], digest: Any) -> None:
    """Add each file's path and bytes to `digest` (a hashlib object), in sorted order."""
    for path in sorted(paths):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
        digest.update(b"\0")


def _tree(folder: Path | None) -> list[Path]:
    """Return every file below `folder` (none when there is no folder)."""
    if folder is None or not folder.is_dir():
        return []
    return [path for path in folder.rglob("*") if path.is_file()]


def shared_inputs(folders: Iterable[Path | None], options: Mapping[str, Any]) -> str:
    """Return the hash of what every scheme's drafts depend on: the files under the library
    `folders`, the generator's code and version, and the build's `options`."""
    digest = hashlib.sha256(f"s75 {__version__} stamp {FORMAT}\0".encode())
    digest.update(json.dumps(dict(options), sort_keys=True, default=str).encode("utf-8"))
    code = [p for p in _tree(CODE) if p.suffix in (".py", ".html", ".json", ".yaml")
            and "__pycache__" not in p.parts]
    digest_files(code, digest)
    for folder in folders:
        digest_files(_tree(folder), digest)
    return digest.hexdigest()


def scheme_inputs(shared: str, chain: Iterable[Path]) -> str:
    """Return the hash of a scheme's inputs: the shared inputs and the files of its chain."""
    digest = hashlib.sha256(shared.encode("ascii"))
    digest_files(chain, digest)
    return digest.hexdigest()


def file_hash(data: bytes) -> str:
    """Return the SHA-256 of `data` in hex."""
    return hashlib.sha256(data).hexdigest()


def key(scheme: Path, document: str) -> str:
    """Return the key of a scheme's stamp for the documents requested."""
    return f"{Path(os.path.abspath(scheme))}|{document}"


def is_current(stamp: Stamp, shared: str, out_dir: Path, whole_folder: bool) -> bool:
    """Return True when the stamp's inputs are unchanged and every file it records is in the
    output folder with the bytes it wrote (with `whole_folder`, and nothing else beside them)."""
    if scheme_inputs(shared, (Path(p) for p in stamp.chain)) != stamp.inputs:
        return False
    folder = out_dir / stamp.folder
    try:
        if whole_folder and {p.name for p in folder.iterdir()} != set(stamp.files):
            return False
        return all(file_hash((folder / name).read_bytes()) == digest
                   for name, digest in stamp.files.items())
    except OSError:
        return False


def stamps_path(out_dir: Path) -> Path:
    """Return the stamps file of an output folder: a hidden file at its top."""
    return out_dir / STAMPS_FILE


def read_stamps(out_dir: Path) -> dict[str, Stamp]:
    """Return the stamps recorded in the output folder (none when the file is missing, from
    another version of the format or unreadable)."""
    try:
        path = stamps_path(out_dir)
        if path.stat().st_size > MAX_BYTES:
            return {}
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("format") != FORMAT:
            return {}
        return {name: _stamp(entry) for name, entry in record["stamps"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _plain_name(name: object) -> str:
    """Return `name` when it is a plain file or folder name; raise ValueError otherwise."""
    if not isinstance(name, str) or name in ("", ".", "..") or "/" in name or "\\" in name \
            or "\0" in name:
        raise ValueError(f"not a plain name: {name!r}")
    return name


def _stamp(entry: dict[str, Any]) -> Stamp:
    """Return the stamp a JSON entry holds; raise ValueError when it names a folder or file
    that is not a plain name (a stamps file never looks outside its output folder)."""
    found = [Diagnostic(Loc(d["path"], d["line"], d["col"]), d["severity"], d["code"],
                        d["message"]) for d in entry["diagnostics"]]
    return Stamp(str(entry["inputs"]), [str(p) for p in entry["chain"]],
                 _plain_name(entry["folder"]),
                 {_plain_name(k): str(v) for k, v in entry["files"].items()}, found,
                 int(entry["acknowledged"]), int(entry["drafts"]))


def stamps_json(stamps: Mapping[str, Stamp]) -> bytes:
    """Return the stamps as stable JSON."""
    entries = {name: {
        "inputs": s.inputs, "chain": s.chain, "folder": s.folder, "files": s.files,
        "diagnostics": [{"path": d.loc.path, "line": d.loc.line, "col": d.loc.col,
                         "severity": d.severity, "code": d.code, "message": d.message}
                        for d in s.diagnostics],
        "acknowledged": s.acknowledged, "drafts": s.drafts} for name, s in sorted(stamps.items())}
    text = json.dumps({"format": FORMAT, "stamps": entries}, indent=1, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def write_stamps(out_dir: Path, stamps: Mapping[str, Stamp]) -> None:
    """Write the stamps file of the output folder in one replacement, unless it already holds
    the same stamps (a failure to write it only means the next build builds everything
    again)."""
    target = stamps_path(out_dir)
    staging = target.with_name(f"{target.name}.{os.getpid()}.new")
    data = stamps_json(stamps)
    try:
        if not out_dir.is_dir() or (target.is_file() and target.read_bytes() == data):
            return
        staging.write_bytes(data)
        os.replace(staging, target)
    except OSError:
        staging.unlink(missing_ok=True)
