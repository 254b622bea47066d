"""Nothing is read from outside the workspace: an `extends:` that leaves it, a link in a scanned
folder that leads out of it, and an outline whose file or template leaves its folder are all
located errors, and the outside file is never opened."""

from __future__ import annotations

import os
import shutil
import sys

from conftest import ROOT, SOUTHAMPTON


def opened_files(run) -> list[str]:
    """Return every file path opened while `run()` runs (an audit hook watches `open`)."""
    seen: list[str] = []
    active = [True]

    def hook(event, args):
        if active[0] and event == "open" and isinstance(args[0], (str, os.PathLike)):
            seen.append(os.fspath(args[0]))
    sys.addaudithook(hook)
    try:
        run()
    finally:
        active[0] = False
    return seen


def test_extends_outside_the_workspace_is_refused_unread(cli, scheme_file, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    secret.write_text("id: leaked\ntitle: Leaked\n")
    scheme = scheme_file(f"extends: {secret}\nid: x\n")
    result = {}
    opened = opened_files(lambda: result.update(out=cli("check", scheme)))
    status, out = result["out"]
    assert status == 1
    assert out[0].endswith(f":1:1: error[extends-outside]: `extends:` names `{secret.name}`, "
                           "which is outside the workspace: a scheme may extend only schemes in "
                           "its own folder or the project's")
    assert str(secret) not in opened


def test_a_relative_extends_climbing_out_is_refused(cli, scheme_file):
    scheme = scheme_file("extends: ../../../../../../../../etc/hostname\n")
    status, out = cli("check", scheme)
    assert status == 1 and "error[extends-outside]" in out[0]


def test_extends_into_the_project_is_allowed(cli, scheme_file):
    scheme = scheme_file(f"extends: {SOUTHAMPTON}\n")
    status, out = cli("check", scheme)
    assert status == 0, out


def test_links_in_a_scanned_folder_are_not_followed_out(cli, tmp_path):
    folder = tmp_path / "schemes"
    folder.mkdir()
    shutil.copy(SOUTHAMPTON, folder / "ok.yaml")
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: leaked\n")
    (folder / "evil.yaml").symlink_to(outside)
    (folder / "loop1.yaml").symlink_to(folder / "loop2.yaml")
    (folder / "loop2.yaml").symlink_to(folder / "loop1.yaml")
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    status, out = cli("check", folder)
    assert status == 1
    assert any(line.endswith("evil.yaml:1:1: error[path-outside]: not read: it is a link to a "
                             "file outside the folder") for line in out), out
    assert any("loop1.yaml:1:1: error[path-outside]: not read: it is a link that leads nowhere"
               in line for line in out), out
    assert any("elsewhere:1:1: error[path-outside]: not read: it is a link to a folder" in line
               for line in out), out
    assert out[-1] == "1 file checked: 4 errors, 0 warnings"


def test_a_named_folder_linking_outside_the_workspace_is_refused(cli, tmp_path):
    link = tmp_path / "link"
    link.symlink_to("/etc", target_is_directory=True)
    status, out = cli("check", link)
    assert status == 1
    assert out[0] == (f"{link}:1:1: error[path-outside]: not read: the folder is a link to a "
                      "place outside the workspace")


def test_an_outline_may_not_write_or_read_outside_its_folder(cli, tmp_path, monkeypatch):
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    outline = tmp_path / "templates" / "mou" / "outline.yaml"
    outline.write_text(outline.read_text()
                       .replace("file: memorandum-of-understanding", "file: ../../escaped")
                       .replace("template: template.docx", "template: ../../../etc/passwd"))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    shown = [line.replace(str(tmp_path) + "/", "") for line in out]
    assert any(line.startswith("templates/mou/outline.yaml:") and "error[wrong-format]: "
               "`../../escaped` in `file` is not a file name without a folder" in line
               for line in shown), shown
