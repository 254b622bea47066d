"""`s75 absorb` of tracked changes made by LibreOffice headless: a generated draft opened in
LibreOffice with change recording on, words replaced and a whole clause deleted by a macro, and
saved back as .docx, as a lawyer's office suite would (tests marked `libreoffice`)."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path

import libreoffice_revisions as lo
import pytest
from test_absorb import make_workspace, round_trip

AUTHOR_GIVEN, AUTHOR_FAMILY = "Jane", "Counsel"

_MACRO = r"""REM Edit a document with change recording on, then save it as .docx.

Sub EditTracked(inPath As String, outPath As String)
    Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
    loadArgs(0).Name = "Hidden"
    loadArgs(0).Value = True
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), "_blank", 0, loadArgs())
    doc.RecordChanges = True
    Dim words As Object
    words = doc.createReplaceDescriptor()
    words.SearchString = "of each Scheme once in each Financial Year"
    words.ReplaceString = "of each Scheme twice in each Financial Year"
    doc.replaceAll(words)
    Dim first As Object, after As Object, cursor As Object, find As Object
    find = doc.createSearchDescriptor()
    find.SearchRegularExpression = True
    find.SearchString = "^Waiver$"
    first = doc.findFirst(find)
    find.SearchString = "^Severance$"
    after = doc.findFirst(find)
    cursor = doc.getText().createTextCursorByRange(first.getStart())
    cursor.gotoRange(after.getStart(), True)
    cursor.setString("")
    Dim storeArgs(0) As New com.sun.star.beans.PropertyValue
    storeArgs(0).Name = "FilterName"
    storeArgs(0).Value = "MS Word 2007 XML"
    doc.storeToURL(ConvertToURL(outPath), storeArgs())
    doc.close(True)
    StarDesktop.terminate()
End Sub
"""

_AUTHOR = """<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="givenname" \
oor:op="fuse"><value>{given}</value></prop></item>
<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="sn" oor:op="fuse"><value>\
{family}</value></prop></item>
"""


def edit_with_libreoffice(source: Path, target: Path, timeout: float = 300) -> None:
    """Make the macro's tracked edits to `source` in LibreOffice and save them as `target`."""
    with tempfile.TemporaryDirectory(prefix="s75-lo-") as scratch:
        profile = Path(scratch) / "profile"
        lo._run_soffice(profile, ["--terminate_after_init"], timeout)
        basic = profile / "user" / "basic"
        (basic / "Standard").mkdir(parents=True, exist_ok=True)
        for name in ("script.xlc", "dialog.xlc"):
            (basic / name).write_text(lo._LIBRARIES, encoding="utf-8")
        (basic / "Standard" / "script.xlb").write_text(lo._LIBRARY.format(
            elements='\n <library:element library:name="Module1"/>\n'), encoding="utf-8")
        (basic / "Standard" / "dialog.xlb").write_text(lo._LIBRARY.format(elements=""),
                                                       encoding="utf-8")
        (basic / "Standard" / "Module1.xba").write_text(
            lo._MODULE.format(code=lo._escape(_MACRO)), encoding="utf-8")
        settings = profile / "user" / "registrymodifications.xcu"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace("</oor:items>", _AUTHOR.format(
            given=AUTHOR_GIVEN, family=AUTHOR_FAMILY) + "</oor:items>"), encoding="utf-8")
        lo._run_soffice(profile, [f'macro:///Standard.Module1.EditTracked("{source}",'
                                  f'"{target}")'], timeout)
    if not target.is_file():
        raise lo.LibreOfficeFailed(f"LibreOffice wrote no {target.name}")


@pytest.fixture
def workspace(tmp_path, cli):
    """Return (scheme copy, its built agreement), as in the other absorb tests."""
    return make_workspace(tmp_path, cli)


@pytest.mark.libreoffice
def test_libreoffice_tracked_changes_are_absorbed(cli, workspace, tmp_path):
    scheme, built = workspace
    edited = tmp_path / "edited.docx"
    edit_with_libreoffice(built, edited)
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    day = datetime.now(timezone.utc).date().isoformat()
    assert [line for line in report if line.startswith("  ") and not line.startswith("   ")
            ] == ["  clause deleted       waiver", "  wording changed      review",
                  "  omit:", "  replace:",
                  "  - 21. Review: its drafting note (a Word comment) is left out once the "
                  "scheme writes the clause's text"]
    assert f"      reason: Removed in negotiation on {day} by Jane Counsel." in report
    assert f"      reason: Amended in negotiation on {day} by Jane Counsel." in report
    assert any("of each Scheme twice in each Financial Year" in line for line in report)
    assert [line[:28] for line in differences] == ["-Comment (Drafting note): Th"]
