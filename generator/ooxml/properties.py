"""Document properties (docProps/core.xml): set from the draft when writing, never from the
clock, and read back."""

from __future__ import annotations

import datetime
from typing import Any

from generator.ooxml.ns import CORE_NS, DC_NS, clark
from generator.ooxml.package import Package

CORE_FIELDS = {"title": (DC_NS, "title"), "subject": (DC_NS, "subject"),
               "keywords": (CORE_NS, "keywords"), "comments": (DC_NS, "description")}


def set_properties(doc: Any, draft: Any, when: datetime.datetime) -> None:
    """Set a python-docx document's core properties from the draft and the time given."""
    props = doc.core_properties
    props.title = _short(f"{draft.scheme_title}: {draft.doc_title}")
    props.subject = _short(draft.doc_title)
    props.author = "s75"
    props.last_modified_by = "s75"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.keywords = _short(draft.status)
    props.comments = _short(f"Generated from scheme {draft.scheme_id}")
    props.language = "en-GB"


def _short(text: str, limit: int = 255) -> str:
    """Return text cut to the length a document property may have (255 characters)."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def core_properties(package: Package) -> dict[str, str]:
    """Return the title, subject, keywords and comments a package records ("" when unset)."""
    part = package.related("", "core-properties")
    root = package.optional_xml(part or "docProps/core.xml")
    found = {}
    for key, (namespace, name) in CORE_FIELDS.items():
        element = None if root is None else root.find(clark(namespace, name))
        found[key] = "" if element is None else (element.text or "")
    return found
