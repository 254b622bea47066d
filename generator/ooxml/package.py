"""Make a .docx reproducible: fixed document properties, fixed zip dates and order, stored
(uncompressed) entries so git can delta-compress committed drafts."""

from __future__ import annotations

import datetime
import io
import os
import zipfile

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_time(draft_created: str) -> datetime.datetime:
    """Return the documents' timestamp: SOURCE_DATE_EPOCH if set, else the scheme's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch),
                                               tz=datetime.timezone.utc).replace(tzinfo=None)
    if draft_created:
        return datetime.datetime.fromisoformat(draft_created)
    return datetime.datetime(2000, 1, 1)


def set_properties(doc, draft) -> None:
    """Set core properties from the draft, never from the clock."""
    props = doc.core_properties
    when = build_time(draft.created)
    props.title = f"{draft.scheme_title}: {draft.doc_title}"
    props.subject = draft.doc_title
    props.author = "s75"
    props.last_modified_by = "s75"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.keywords = draft.status
    props.comments = f"Generated from scheme {draft.scheme_id}"


def normalise_package(data: bytes) -> bytes:
    """Return the package re-zipped with fixed dates, a fixed entry order and no compression."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [n for n in names if n == "[Content_Types].xml"] + sorted(
        n for n in names if n != "[Content_Types].xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
