"""The installable tool: the wheel carries the vanilla library and templates, and an installed
`s75` run in a fresh `s75 init` workspace outside the checkout builds drafts from them, with the
workspace's own clauses taking precedence."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from generator import __version__
from generator.errors import GitProblem
from generator.review.gitrev import extract_plain_files

ROOT = Path(__file__).resolve().parents[2]
SCHEME = "starter-intermediate-care"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's wheel once; return its path."""
    into = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(into),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    (found,) = into.glob("s75-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Unpack the wheel as an installer would; return the folder to put on the import path."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def s75(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed `s75` (the unpacked wheel first on the import path) in `cwd`."""
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("S75_ROOT", None)
    code = ("import sys, generator, generator.cli as cli; "
            f"assert generator.__file__.startswith({str(site)!r}), generator.__file__; "
            "sys.exit(cli.main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300)


def test_the_wheel_carries_every_clause_and_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    library = [p.relative_to(ROOT).as_posix() for folder in ("clauses", "templates")
               for p in (ROOT / folder).rglob("*") if p.suffix in (".yaml", ".docx")]
    assert library, "the checkout has a library"
    missing = [name for name in library if f"generator/vanilla/{name}" not in names]
    assert missing == []


def test_an_installed_tool_builds_a_fresh_workspace_outside_the_checkout(
        installed: Path, tmp_path: Path) -> None:
    made = s75(installed, tmp_path, "init", "council")
    assert made.returncode == 0, made.stderr
    workspace = tmp_path / "council"
    assert (workspace / "clauses" / "README.md").is_file()
    assert (workspace / ".gitattributes").read_text().strip().endswith("*.docx diff=docx")
    schema = json.loads((workspace / "scheme.schema.json").read_text())
    assert "parties" in schema["properties"]
    built = s75(installed, workspace, "build")
    assert built.returncode == 0, built.stderr + built.stdout
    folder = workspace / "output" / SCHEME
    assert (folder / "section75-agreement.docx").stat().st_size > 10_000
    stamps = workspace / "output" / ".s75-stamps.json"
    assert stamps.is_file()
    subprocess.run(["git", "init", "-q", str(workspace)], check=True)
    ignored = subprocess.run(["git", "-C", str(workspace), "check-ignore", "-q", str(stamps)])
    assert ignored.returncode == 0, "the workspace's .gitignore keeps the build stamps out of git"
    manifest = json.loads((folder / "section75-agreement.manifest.json").read_text())
    assert manifest["library_version"] == __version__
    sources = {entry["source"].split(":")[0] for entry in manifest["clauses"]}
    assert all(s.startswith("clauses/") for s in sources if s), sources
    assert "local" not in {entry["layer"] for entry in manifest["clauses"]}


def test_the_installed_draft_matches_the_checkouts(installed: Path, tmp_path: Path) -> None:
    """The packaged library is the checkout's: the same scheme gives the same twin."""
    assert s75(installed, tmp_path, "init", "ws").returncode == 0
    workspace = tmp_path / "ws"
    assert s75(installed, workspace, "build").returncode == 0
    twin = workspace / "output" / SCHEME / "section75-agreement.md"
    checkout = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", str(workspace / "schemes"),
         "--out", str(tmp_path / "checkout-out")],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert checkout.returncode == 0, checkout.stderr
    assert (tmp_path / "checkout-out" / SCHEME / "section75-agreement.md").read_text() == \
        twin.read_text()


def test_a_local_clause_takes_precedence_and_is_reported(installed: Path,
                                                         tmp_path: Path) -> None:
    assert s75(installed, tmp_path, "init", "ws").returncode == 0
    workspace = tmp_path / "ws"
    vanilla = (ROOT / "clauses" / "section75" / "boilerplate" / "waiver.yaml").read_text()
    local = vanilla.replace("No failure or delay", "No failure (house wording) or delay", 1)
    assert local != vanilla
    (workspace / "clauses" / "waiver.yaml").write_text(local)
    built = s75(installed, workspace, "build")
    assert built.returncode == 0, built.stderr + built.stdout
    folder = workspace / "output" / SCHEME
    assert "(house wording)" in (folder / "section75-agreement.md").read_text()
    manifest = json.loads((folder / "section75-agreement.manifest.json").read_text())
    (waiver,) = [e for e in manifest["clauses"] if e["id"] == "waiver"]
    assert waiver["layer"] == "local"
    assert waiver["source"].startswith("clauses/waiver.yaml:")
    deviations = (folder / "section75-agreement.deviations.md").read_text()
    assert "## The workspace's own clauses (clauses/)" in deviations
    assert "`waiver`" in deviations


def test_two_local_files_with_one_id_are_an_error(installed: Path, tmp_path: Path) -> None:
    assert s75(installed, tmp_path, "init", "ws").returncode == 0
    workspace = tmp_path / "ws"
    vanilla = (ROOT / "clauses" / "section75" / "boilerplate" / "waiver.yaml").read_text()
    (workspace / "clauses" / "a.yaml").write_text(vanilla)
    (workspace / "clauses" / "b.yaml").write_text(vanilla)
    checked = s75(installed, workspace, "check")
    assert checked.returncode == 1
    assert "error[duplicate-clause]" in checked.stdout + checked.stderr


def test_init_never_overwrites(installed: Path, tmp_path: Path) -> None:
    assert s75(installed, tmp_path, "init", "ws").returncode == 0
    scheme = tmp_path / "ws" / "schemes" / f"{SCHEME}.yaml"
    scheme.write_text("# mine\n")
    again = s75(installed, tmp_path, "init", "ws")
    assert again.returncode == 2
    assert "already exists" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert scheme.read_text() == "# mine\n"


def _archive(members: dict[str, bytes], link: str | None = None) -> tarfile.TarFile:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as archive:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
        if link:
            info = tarfile.TarInfo(link)
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/passwd"
            archive.addfile(info)
    data.seek(0)
    return tarfile.open(fileobj=data)


def test_revision_extraction_writes_plain_files_only(tmp_path: Path) -> None:
    extract_plain_files(_archive({"clauses/a.yaml": b"id: a\n"}, link="clauses/link"), tmp_path)
    assert (tmp_path / "clauses" / "a.yaml").read_bytes() == b"id: a\n"
    assert not (tmp_path / "clauses" / "link").exists()


@pytest.mark.parametrize("name", ["../outside.yaml", "/tmp/absolute.yaml", "a/../../x.yaml"])
def test_revision_extraction_refuses_paths_leaving_the_folder(tmp_path: Path,
                                                               name: str) -> None:
    inside = tmp_path / "into"
    inside.mkdir()
    with pytest.raises(GitProblem, match="unsafe path"):
        extract_plain_files(_archive({name: b"x"}), inside)
    assert list(tmp_path.rglob("*.yaml")) == []
