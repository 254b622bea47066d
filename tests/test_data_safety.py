"""No draft is ever lost or half-written: a scheme's folder is wholly old or wholly new after a
failure, a full disk, a signal or builds racing each other. Everything here uses the real file
system, real subprocesses and real signals.

The signal tests run 10 trials each; S75_LONG=1 runs 50."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT

from generator import files
from generator.errors import InputError

TRIALS = 50 if os.environ.get("S75_LONG") == "1" else 10

CHILD = r"""
import json, os, resource, signal, sys, time
from pathlib import Path
from generator import files
from generator.errors import InputError

# A process started in the background by a shell ignores SIGINT; take it back.
signal.signal(signal.SIGINT, signal.default_int_handler)
job = json.loads(sys.argv[1])
files.USE_EXCHANGE = job["exchange"]
write = getattr(files, job["function"])
sets = [{p.name: p.read_bytes() for p in sorted(Path(s).iterdir())} for s in job["sets"]]
folder = Path(job["folder"])
if job["kind"] == "limit":
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE,
                       (job["limit"], resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    try:
        write(folder, sets[0])
    except InputError as error:
        print(json.dumps(str(error)))
        sys.exit(3)
elif job["kind"] == "race":
    while not os.path.exists(job["go"]):
        time.sleep(0.001)
    for _ in range(job["rounds"]):
        write(folder, sets[0])
else:  # "signals": write the sets in turn, starting with the second, until a signal stops it
    print("ready", flush=True)
    k = 1
    while True:
        print(f"begin {k % len(sets)}", flush=True)
        write(folder, sets[k % len(sets)])
        print(f"end {k % len(sets)}", flush=True)
        k += 1
"""


@pytest.fixture(params=[True, False], ids=["exchange", "renames"])
def exchange(request, monkeypatch):
    """Run the test with each way of swapping: one atomic exchange, and two renames."""
    monkeypatch.setattr(files, "USE_EXCHANGE", request.param)
    return request.param


def file_set(seed: int, count: int, size: int) -> dict[str, bytes]:
    """Return `count` files of `size` bytes each, the same for the same seed."""
    rng = random.Random(seed)
    return {f"draft-{n}.docx" if n % 2 == 0 else f"draft-{n}.md": rng.randbytes(size)
            for n in range(count)}


def hashes(data: dict[str, bytes]) -> dict[str, str]:
    """Return each file's SHA-256, by name."""
    return {name: hashlib.sha256(value).hexdigest() for name, value in data.items()}


def on_disk(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every entry of `folder` by name (every entry must be a file)."""
    assert all(path.is_file() for path in folder.iterdir()), sorted(os.listdir(folder))
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in folder.iterdir()}


def hidden(*folders: Path) -> list[str]:
    """Return every hidden entry (staging file or folder) left in the folders given."""
    return sorted(str(path) for folder in folders if folder.is_dir()
                  for path in folder.iterdir() if path.name.startswith("."))


def save_sets(base: Path, sets: list[dict[str, bytes]]) -> list[str]:
    """Write each set under `base` for a child process to read; return their folders."""
    made = []
    for number, data in enumerate(sets):
        place = base / f"set-{number}"
        place.mkdir(parents=True)
        for name, value in data.items():
            (place / name).write_bytes(value)
        made.append(str(place))
    return made


@pytest.fixture
def child():
    """Return a function starting the helper process on a job; any still running when the test
    ends (because it failed) is killed."""
    started: list[subprocess.Popen] = []

    def start(job: dict) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        process = subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(job)], cwd=ROOT,
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


@contextlib.contextmanager
def immutable(path: Path):
    """Mark `path` immutable (even root cannot change it) for the block; skip if the file
    system cannot."""
    if shutil.which("chattr") is None or subprocess.run(
            ["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


# --- normal writes ------------------------------------------------------------------------

def test_a_write_creates_the_folder_with_exactly_the_files_given(tmp_path, exchange):
    folder = tmp_path / "output" / "southampton-bcf-2017"
    first = {"section75-agreement.docx": b"first docx", "section75-agreement.md": b"first md"}
    assert files.replace_folder(folder, first) == [folder / name for name in first]
    assert on_disk(folder) == hashes(first)
    assert hidden(tmp_path / "output", folder) == []


def test_a_second_write_replaces_the_folder_whole(tmp_path, exchange):
    folder = tmp_path / "output" / "scheme"
    files.replace_folder(folder, file_set(1, 4, 1000))
    (folder / "stale.docx").write_bytes(b"from an older build")
    second = {"z.md": b"new", "a.docx": b"new too"}
    assert files.replace_folder(folder, second) == [folder / "z.md", folder / "a.docx"]
    assert on_disk(folder) == hashes(second)
    assert hidden(tmp_path / "output", folder) == []


def test_write_all_replaces_the_files_named_and_leaves_the_others(tmp_path):
    (tmp_path / "mine.txt").write_bytes(b"the user's own file")
    (tmp_path / "redline.docx").write_bytes(b"old redline")
    assert files.write_all(tmp_path, {"redline.docx": b"new", "b.md": b"b"}) == [
        tmp_path / "redline.docx", tmp_path / "b.md"]
    assert on_disk(tmp_path) == hashes(
        {"mine.txt": b"the user's own file", "redline.docx": b"new", "b.md": b"b"})
    assert hidden(tmp_path) == []


def test_the_previous_signal_handlers_are_back_afterwards_and_threads_can_write(tmp_path):
    before = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    files.replace_folder(tmp_path / "a", {"x.md": b"x"})
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
    failures: list[BaseException] = []

    def write() -> None:
        try:
            files.replace_folder(tmp_path / "b", {"y.md": b"y"})
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            failures.append(error)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    assert failures == [] and on_disk(tmp_path / "b") == hashes({"y.md": b"y"})


# --- failures -----------------------------------------------------------------------------

@pytest.mark.parametrize("function", ["replace_folder", "write_all"])
def test_a_value_that_fails_part_way_leaves_the_old_folder_as_it_was(tmp_path, function):
    folder = tmp_path / "scheme"
    old = file_set(2, 3, 5000)
    files.replace_folder(folder, old)
    broken = {"draft-0.docx": b"new", "draft-1.md": None, "draft-2.docx": b"new"}
    with pytest.raises(TypeError):
        getattr(files, function)(folder, broken)
    assert on_disk(folder) == hashes(old)
    assert hidden(tmp_path, folder) == []


@pytest.mark.parametrize("function", ["replace_folder", "write_all"])
@pytest.mark.parametrize("below", ["", "scheme", "out/scheme"])
def test_an_output_path_that_is_a_file_is_refused_in_one_line(tmp_path, function, below):
    blocker = tmp_path / "output"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(InputError) as caught:
        getattr(files, function)(blocker / below if below else blocker, {"a.docx": b"a"})
    assert str(caught.value) == f"cannot write into {blocker}: it is a file, not a folder"
    assert blocker.read_bytes() == b"not a folder"
    assert hidden(tmp_path) == []


def test_a_name_too_long_names_the_file_and_keeps_the_old_folder(tmp_path, exchange):
    folder = tmp_path / "scheme"
    old = {"a.docx": b"old"}
    files.replace_folder(folder, old)
    name = "n" * 300 + ".docx"
    with pytest.raises(InputError) as caught:
        files.replace_folder(folder, {"a.docx": b"new", name: b"new"})
    assert str(caught.value) == f"cannot write {folder / name}: the name is too long"
    assert on_disk(folder) == hashes(old) and hidden(tmp_path, folder) == []


@pytest.mark.parametrize("function", ["replace_folder", "write_all"])
@pytest.mark.parametrize("name", ["../escape.docx", "sub/a.docx", "..", ""])
def test_a_name_that_is_not_a_plain_file_name_is_refused_before_anything_is_written(
        tmp_path, function, name):
    folder = tmp_path / "out" / "scheme"
    with pytest.raises(InputError) as caught:
        getattr(files, function)(folder, {"a.docx": b"a", name: b"b"})
    assert str(caught.value) == f"cannot write {folder / name}: a draft's name must be a " \
                                "plain file name"
    assert os.listdir(tmp_path) == []


def test_a_folder_that_cannot_be_moved_is_left_as_it_was(tmp_path, exchange):
    folder = tmp_path / "scheme"
    old = file_set(3, 2, 100)
    files.replace_folder(folder, old)
    with immutable(folder), pytest.raises(InputError) as caught:
        files.replace_folder(folder, {"new.docx": b"new"})
    assert str(caught.value) == f"cannot replace {folder}: the operation is not permitted"
    assert on_disk(folder) == hashes(old) and hidden(tmp_path, folder) == []


def test_write_all_puts_back_the_files_it_replaced_when_a_later_one_fails(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"old a")
    (tmp_path / "b.docx").write_bytes(b"old b")
    with immutable(tmp_path / "b.docx"), pytest.raises(InputError) as caught:
        files.write_all(tmp_path, {"a.docx": b"new a", "c.md": b"new c", "b.docx": b"new b"})
    assert str(caught.value) == f"cannot write {tmp_path / 'b.docx'}: the operation is not " \
                                "permitted"
    assert on_disk(tmp_path) == hashes({"a.docx": b"old a", "b.docx": b"old b"})
    assert hidden(tmp_path) == []


@pytest.mark.parametrize("function", ["replace_folder", "write_all"])
def test_a_full_disk_keeps_the_old_folder_and_names_the_file(tmp_path, function, child):
    folder = tmp_path / "output" / "scheme"
    old = file_set(4, 3, 2000)
    files.replace_folder(folder, old)
    new = {"small.md": b"s" * 1000, "big.docx": b"b" * 300_000, "after.md": b"a"}
    job = {"kind": "limit", "function": function, "exchange": True, "folder": str(folder),
           "sets": save_sets(tmp_path / "sets", [new]), "limit": 100_000}
    out, err = child(job).communicate(timeout=60)
    message = json.loads(out)
    assert message == f"cannot write {folder / 'big.docx'}: the file is larger than the " \
                      "system allows", err
    assert "\n" not in message
    assert on_disk(folder) == hashes(old)
    assert hidden(tmp_path / "output", folder) == []


def test_errno_values_are_said_in_plain_words():
    said = {number: files._cause(OSError(number, os.strerror(number))) for number in (
        errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EROFS, errno.EIO)}
    assert said == {errno.ENOSPC: "the disk is full",
                    errno.EDQUOT: "the disk quota is used up",
                    errno.EACCES: "permission denied",
                    errno.EROFS: "the file system is read-only",
                    errno.EIO: os.strerror(errno.EIO)}


# --- signals ------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_during_writes_leaves_a_whole_folder(tmp_path, number, child):
    out = tmp_path / "output"
    folder = out / "scheme"
    sets = [file_set(10, 3, 3_000_000), file_set(11, 3, 3_000_000)]
    known = [hashes(data) for data in sets]
    places = save_sets(tmp_path / "sets", sets)
    files.replace_folder(folder, sets[0])
    outcomes = []
    for trial in range(TRIALS):
        job = {"kind": "signals", "function": "replace_folder", "exchange": trial % 2 == 0,
               "folder": str(folder), "sets": places}
        process = child(job)
        assert process.stdout is not None
        ready = process.stdout.readline()
        assert ready == "ready\n", process.stderr.read() if process.stderr else ""
        time.sleep(random.uniform(0.0, 0.3))
        process.send_signal(number)
        process.wait(timeout=60)  # its output is a few lines: the pipes cannot fill
        rest, err = process.stdout.read(), process.stderr.read() if process.stderr else ""
        last = rest.split()[-2:]
        state = on_disk(folder)
        assert state in known, f"trial {trial}: a mixed folder"
        assert process.returncode == -number, err
        assert err.strip().splitlines()[-1:] == (
            ["KeyboardInterrupt"] if number == signal.SIGINT else []), err
        assert hidden(out, folder) == [], f"trial {trial}"
        outcomes.append((last, known.index(state)))
    finished = sum(1 for last, which in outcomes if last == ["begin", str(which)])
    print(f"\n{signal.Signals(number).name}: {TRIALS} trials, {finished} stopped inside a write "
          "that then completed")
    assert finished >= TRIALS // 2


# --- builds at the same time --------------------------------------------------------------

@pytest.mark.parametrize("writers,same", [(2, False), (4, False), (4, True)],
                         ids=["2-different", "4-different", "4-same"])
@pytest.mark.parametrize("swap", [True, False], ids=["exchange", "renames"])
def test_builds_writing_one_folder_at_once_leave_one_complete_set(tmp_path, writers, same,
                                                                  swap, child):
    out = tmp_path / "output"
    folder = out / "scheme"
    sets = [file_set(20, 3, 50_000) if same else file_set(20 + n, 2 + n % 3, 50_000)
            for n in range(writers)]
    places = save_sets(tmp_path / "sets", sets)
    files.replace_folder(folder, file_set(99, 5, 10))
    go = tmp_path / "go"
    processes = [child({"kind": "race", "function": "replace_folder", "exchange": swap,
                        "folder": str(folder), "sets": [place], "go": str(go), "rounds": 25})
                 for place in places]
    go.touch()
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert on_disk(folder) in [hashes(data) for data in sets]
    assert hidden(out, folder) == []
