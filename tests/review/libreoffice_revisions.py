"""Test helper: let LibreOffice accept or reject all tracked changes and export plain text.

There is no python3-uno here, so the helper drives LibreOffice with a StarBasic macro instead.
Each call of `export_texts`:

1. creates a throw-away LibreOffice user profile in a temporary directory (a first soffice run
   with `--terminate_after_init` lays it out; LibreOffice would overwrite a macro library put
   into a profile it has not initialised yet) and then replaces the profile's macro library
   `Standard` (Module1) with the macro below, so it runs as a trusted "My Macros" macro without
   touching anybody's real profile;
2. writes a job list, one line per document: `mode<TAB>input.docx<TAB>output.txt`, where mode is
   `none` (export as loaded), `accept` (`.uno:AcceptAllTrackedChanges` first) or `reject`
   (`.uno:RejectAllTrackedChanges` first); in every mode the macro then lays the document out
   and refreshes its fields before exporting (without that, LibreOffice now and then exports
   cross-references computed against the numbering from before the changes were accepted, and
   page numbers as 0);
3. runs `soffice --headless "macro:///Standard.Module1.RunJobs(\"jobs.txt\")"` once for the whole
   job list, in its own process group and with a timeout; a soffice that hangs is killed (the
   whole group) and the call raises `LibreOfficeFailed`.

For each job the macro writes the text export (filter "Text (encoded)", UTF-8) to the output
path and the number of tracked changes LibreOffice found on loading to `<output>.redlines`. A job
that fails writes its error message to `<output>.error` and the next job still runs.

`paragraphs` reads an exported text back as a list of whitespace-normalised paragraphs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice")
MODES = ("none", "accept", "reject")

_MACRO = r"""REM Export documents as plain text, optionally accepting or rejecting all changes.

Sub RunJobs(jobsPath As String)
    Dim n As Integer
    Dim jobLine As String
    n = FreeFile
    Open jobsPath For Input As #n
    Do While Not EOF(n)
        Line Input #n, jobLine
        If Len(jobLine) > 0 Then
            Dim parts
            parts = Split(jobLine, Chr(9))
            ConvertOne(parts(0), parts(1), parts(2))
        End If
    Loop
    Close #n
    StarDesktop.terminate()
End Sub

Sub WriteFile(path As String, content As String)
    Dim n As Integer
    n = FreeFile
    Open path For Output As #n
    Print #n, content
    Close #n
End Sub

Sub ConvertOne(mode As String, inPath As String, outPath As String)
    On Error GoTo Failed
    Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
    loadArgs(0).Name = "Hidden"
    loadArgs(0).Value = True
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), "_blank", 0, loadArgs())
    WriteFile(outPath & ".redlines", CStr(doc.getRedlines().getCount()))
    Dim helper As Object
    Dim frame As Object
    helper = createUnoService("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    If mode = "accept" Then
        helper.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, Array())
    ElseIf mode = "reject" Then
        helper.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, Array())
    End If
    Rem Lay the document out (reading the page count does) and then update the fields, so
    Rem that cross-references show the numbering after the changes, the same way every mode.
    Dim pages As Long
    pages = doc.getCurrentController().PageCount
    doc.getTextFields().refresh()
    Dim storeArgs(1) As New com.sun.star.beans.PropertyValue
    storeArgs(0).Name = "FilterName"
    storeArgs(0).Value = "Text (encoded)"
    storeArgs(1).Name = "FilterOptions"
    storeArgs(1).Value = "UTF8,LF"
    doc.storeToURL(ConvertToURL(outPath), storeArgs())
    doc.close(True)
    Exit Sub
Failed:
    WriteFile(outPath & ".error", "line " & Erl & ": " & Error$)
    On Error Resume Next
    If Not IsNull(doc) Then doc.close(True)
End Sub
"""

_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" \
"libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" \
xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""

_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">{elements}</library:library>
"""

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">{code}</script:module>
"""


class LibreOfficeFailed(RuntimeError):
    """LibreOffice did not finish, or did not write an expected export."""


def available() -> bool:
    """Return whether a LibreOffice `soffice` is installed."""
    return SOFFICE is not None


def _escape(text: str) -> str:
    """Return text escaped for an XML element's content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _write_profile(profile: Path) -> None:
    """Put the Basic library with the macro into an initialised LibreOffice user profile."""
    basic = profile / "user" / "basic"
    standard = basic / "Standard"
    standard.mkdir(parents=True, exist_ok=True)
    for name in ("script.xlc", "dialog.xlc"):
        (basic / name).write_text(_LIBRARIES, encoding="utf-8")
    (standard / "script.xlb").write_text(
        _LIBRARY.format(elements='\n <library:element library:name="Module1"/>\n'),
        encoding="utf-8")
    (standard / "dialog.xlb").write_text(_LIBRARY.format(elements=""), encoding="utf-8")
    (standard / "Module1.xba").write_text(_MODULE.format(code=_escape(_MACRO)),
                                          encoding="utf-8")


def _run_soffice(profile: Path, arguments: list[str], timeout: float) -> None:
    """Run soffice with a private profile; kill its process group and raise if it overruns."""
    command = [
        str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
        "--norestore", "--nologo", "--nodefault", "--nolockcheck", *arguments,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LibreOfficeFailed(f"soffice did not finish within {timeout:g}s") from None
    finally:
        _kill_leftovers(process.pid)
    if process.returncode != 0:
        raise LibreOfficeFailed(f"soffice exited with {process.returncode}: "
                                f"{output.decode(errors='replace')}")


def _kill_leftovers(group: int) -> None:
    """Kill whatever is still running in the process group soffice was started in."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


def export_texts(jobs: list[tuple[str, Path, Path]], timeout: float = 300) -> dict[Path, int]:
    """Export each (mode, input .docx, output .txt) job as UTF-8 text through LibreOffice.

    Return, for each output path, the number of tracked changes LibreOffice found in the input.
    Raise LibreOfficeFailed when soffice hangs, fails, or leaves an export unwritten.
    """
    if SOFFICE is None:
        raise LibreOfficeFailed("soffice is not installed")
    with tempfile.TemporaryDirectory(prefix="s75-lo-") as scratch:
        profile = Path(scratch) / "profile"
        _run_soffice(profile, ["--terminate_after_init"], timeout)
        _write_profile(profile)
        listing = Path(scratch) / "jobs.txt"
        lines = []
        for mode, source, target in jobs:
            if mode not in MODES:
                raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
            lines.append(f"{mode}\t{Path(source).resolve()}\t{Path(target).resolve()}\n")
        listing.write_text("".join(lines), encoding="utf-8")
        _run_soffice(profile, [f'macro:///Standard.Module1.RunJobs("{listing}")'], timeout)
    return {Path(target): _result(Path(target)) for _, _, target in jobs}


def _result(target: Path) -> int:
    """Return the tracked-change count recorded for one job; raise if the job failed."""
    error = target.with_name(target.name + ".error")
    if error.exists():
        raise LibreOfficeFailed(f"{target.name}: {error.read_text(encoding='utf-8').strip()}")
    counted = target.with_name(target.name + ".redlines")
    if not target.exists() or not counted.exists():
        raise LibreOfficeFailed(f"{target.name}: LibreOffice wrote no export")
    return int(counted.read_text(encoding="utf-8").strip())


def paragraphs(path: Path) -> list[str]:
    """Return the exported text's paragraphs, whitespace collapsed, empty ones dropped."""
    text = path.read_text(encoding="utf-8-sig")
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]
