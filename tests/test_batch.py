"""`s75 build` as a batch: stamps that keep unchanged drafts untouched, `build --check` on the
same stamps, `--jobs`, the one-line summary, and the progress line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from generator.stamps import STAMPS_FILE, read_stamps, stamps_path

TOPICS = ("older-people.yaml", "technology.yaml")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Return a copy of the project holding the Staffordshire base and two of its topics."""
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    schemes = tmp_path / "schemes"
    schemes.mkdir()
    for name in ("base.yaml", *TOPICS):
        shutil.copy(ROOT / "schemes" / "staffordshire" / name, schemes / name)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def files_of(out):
    """Return each draft under `out` (the stamps left out) with its inode, modification time
    and bytes."""
    return {p.relative_to(out): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != STAMPS_FILE}


def test_a_rebuild_with_nothing_changed_writes_nothing_and_says_so(project, cli):
    status, first = cli("build", "--jobs", "1")
    assert status == 0
    assert "drafts: 3 built, 0 unchanged, 0 failed" in first
    before = files_of(project / "output")
    assert len(before) == 12
    status, second = cli("build", "--jobs", "1")
    assert status == 0
    assert not [line for line in second if line.startswith("wrote ")]
    assert "drafts: 0 built, 3 unchanged, 0 failed" in second
    assert files_of(project / "output") == before
    assert second[-1] == first[-1]  # the acknowledged warnings are still counted
    stamps = stamps_path(project / "output")
    written = (stamps.stat().st_ino, stamps.stat().st_mtime_ns)
    cli("build", "--jobs", "1")
    assert (stamps.stat().st_ino, stamps.stat().st_mtime_ns) == written  # not rewritten either


def test_a_change_to_a_shared_base_rebuilds_each_scheme_that_extends_it(project, cli):
    cli("build", "--jobs", "1")
    before = files_of(project / "output")
    base = project / "schemes" / "base.yaml"
    base.write_text(base.read_text().replace("Staffordshire Place", "Staffordshire Plaza"))
    status, out = cli("build", "--jobs", "1")
    assert status == 0
    assert "drafts: 3 built, 0 unchanged, 0 failed" in out
    after = files_of(project / "output")
    changed = {path for path in after if after[path][2] != before[path][2]}
    assert {path.parts[0] for path in changed} == {
        "staffordshire-base", "staffordshire-older-people", "staffordshire-technology"}
    assert "Staffordshire Plaza" in (
        project / "output" / "staffordshire-technology" / "section75-agreement.md").read_text()


def test_a_change_to_one_topic_rewrites_that_topic_only(project, cli):
    cli("build", "--jobs", "1")
    before = files_of(project / "output")
    topic = project / "schemes" / "technology.yaml"
    topic.write_text(topic.read_text().replace("\ntitle: ", "\ntitle: Revised ", 1))
    status, out = cli("build", "--jobs", "1")
    assert status == 0
    assert "drafts: 1 built, 2 unchanged, 0 failed" in out
    after = files_of(project / "output")
    touched = {path.parts[0] for path in after if after[path][:2] != before[path][:2]}
    assert touched == {"staffordshire-technology"}


def test_a_change_to_a_clause_rebuilds_every_draft(project, cli):
    cli("build", "--jobs", "1")
    clause = project / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text() + "\n# a comment changes the file, not the drafts\n")
    status, out = cli("build", "--jobs", "1")
    assert status == 0
    assert "drafts: 0 built, 3 unchanged, 0 failed" in out  # built again, the same bytes
    stamp_inputs = {s.inputs for s in read_stamps(project / "output").values()}
    assert len(stamp_inputs) == 3


def test_build_check_passes_over_current_drafts_and_still_finds_a_hand_edited_one(project, cli):
    cli("build", "--jobs", "1")
    assert stamps_path(project / "output") == project / "output" / STAMPS_FILE
    assert stamps_path(project / "output").is_file()
    status, out = cli("build", "--check")
    assert status == 0
    assert out[-1] == "12 output files are up to date"
    twin = project / "output" / "staffordshire-technology" / "section75-agreement.md"
    twin.write_text(twin.read_text().replace("Partner", "Partnre", 1))
    status, out = cli("build", "--check")
    assert status == 1
    assert "stale: output/staffordshire-technology/section75-agreement.md" in out
    status, out = cli("build", "--jobs", "1")
    assert "drafts: 1 built, 2 unchanged, 0 failed" in out
    assert "Partnre" not in twin.read_text()


def test_build_check_without_stamps_compares_every_file(project, cli):
    cli("build", "--jobs", "1")
    stamps_path(project / "output").unlink()
    (project / "output" / "staffordshire-base" / "section75-agreement.docx").write_bytes(b"x")
    status, out = cli("build", "--check")
    assert status == 1
    assert "stale: output/staffordshire-base/section75-agreement.docx" in out


def test_a_scheme_with_errors_is_counted_as_failed_and_nothing_is_written(project, cli):
    topic = project / "schemes" / "technology.yaml"
    topic.write_text(topic.read_text() + "\nnot_a_key: 1\n")
    status, out = cli("build", "--jobs", "1")
    assert status == 1
    assert "drafts: 0 built, 0 unchanged, 1 failed" in out
    assert not (project / "output").exists()


def test_jobs_two_writes_the_same_bytes_and_prints_the_same_lines_as_jobs_one(project, cli):
    status, serial = cli("build", "--jobs", "1", "--out", "one")
    assert status == 0
    status, parallel = cli("build", "--jobs", "2", "--out", "two")
    assert status == 0
    one = {p: data for p, (_, _, data) in files_of(project / "one").items()}
    two = {p: data for p, (_, _, data) in files_of(project / "two").items()}
    assert len(one) == 12
    assert one == two
    assert [line.replace("two/", "one/") for line in parallel] == serial


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_whole_number_from_one(cli, capsys, value):
    with pytest.raises(SystemExit) as stopped:
        cli("build", "--jobs", value)
    assert stopped.value.code == 2
    assert "is not a number of jobs: give 1 or more" in capsys.readouterr().err


def test_no_progress_line_when_not_on_a_terminal(project):
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--jobs", "1"],
                          cwd=project, capture_output=True, text=True,
                          env={"S75_ROOT": str(project), "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(ROOT)}, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "drafts: 3 built, 0 unchanged, 0 failed" in done.stdout.splitlines()


def test_the_progress_line_names_each_scheme_and_is_cleared(capsys, tmp_path):
    from generator.batch import Progress

    progress = Progress(2, True, tmp_path)
    progress(1, tmp_path / "schemes" / "a.yaml")
    progress(2, tmp_path / "schemes" / "b.yaml")
    progress.clear()
    err = capsys.readouterr().err
    assert "\r[1/2] schemes/a.yaml" in err
    assert "\r[2/2] schemes/b.yaml" in err
    assert err.endswith("\r")
    hidden = Progress(2, False, tmp_path)
    hidden(1, tmp_path / "a.yaml")
    hidden.clear()
    assert capsys.readouterr().err == ""


def test_check_reports_from_its_cache_what_a_fresh_check_reports(project, cli, monkeypatch):
    monkeypatch.delenv("S75_NO_CACHE")
    topic = project / "schemes" / "technology.yaml"
    topic.write_text(topic.read_text() + "\nnot_a_key: 1\n")
    status, fresh = cli("check")
    assert status == 1
    assert (project / ".s75-cache" / STAMPS_FILE).is_file()
    cached = read_stamps(project / ".s75-cache")
    assert len(cached) == 2  # the scheme with an error in its keys is not stamped
    status, again = cli("check")
    assert (status, again) == (1, fresh)
    status, strict = cli("check", "--strict")
    assert status == 1 and strict[-1] == fresh[-1]
    base = project / "schemes" / "base.yaml"
    base.write_text(base.read_text().replace("agreement_date: 2015-03-31",
                                             "agreement_date: 2015-02-30"))
    status, changed = cli("check")
    assert any("base.yaml" in line and "wrong-format" in line for line in changed), changed
    monkeypatch.setenv("S75_NO_CACHE", "1")
    assert cli("check") == (status, changed)


def test_a_stamps_file_naming_a_place_outside_its_folder_is_not_trusted(project, cli):
    cli("build", "--jobs", "1")
    stamps = stamps_path(project / "output")
    record = json.loads(stamps.read_text())
    for entry in record["stamps"].values():
        entry["folder"] = "../outside"
    stamps.write_text(json.dumps(record))
    assert read_stamps(project / "output") == {}
    status, out = cli("build", "--jobs", "1")
    assert status == 0
    assert "drafts: 0 built, 3 unchanged, 0 failed" in out  # built again: the same bytes
    assert not (project / "outside").exists()


def test_check_never_writes_its_cache_through_a_link(project, cli, monkeypatch, tmp_path_factory):
    monkeypatch.delenv("S75_NO_CACHE")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / ".s75-cache").symlink_to(elsewhere)
    status, _ = cli("check")
    assert status == 0
    assert list(elsewhere.iterdir()) == []
