"""Every XML namespace the generator reads or writes in a .docx, and Clark-name helpers.

A Clark name is how lxml spells a qualified name: `{namespace URI}local name`. Use `w("p")` for
`w:p`, `r("id")` for `r:id`, and so on, instead of spelling URIs out.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"

XML_SPACE = f"{{{XML_NS}}}space"


def clark(namespace: str, name: str) -> str:
    """Return the Clark name `{namespace}name`."""
    return f"{{{namespace}}}{name}"


def w(name: str) -> str:
    """Return the Clark name of a WordprocessingML element or attribute (`w:name`)."""
    return clark(W_NS, name)


def r(name: str) -> str:
    """Return the Clark name of a relationship attribute (`r:name`)."""
    return clark(R_NS, name)


def m(name: str) -> str:
    """Return the Clark name of an Office Math element (`m:name`)."""
    return clark(M_NS, name)


def mc(name: str) -> str:
    """Return the Clark name of a markup-compatibility element (`mc:name`)."""
    return clark(MC_NS, name)


def rel(name: str) -> str:
    """Return the Clark name of an element of a relationships part."""
    return clark(PKG_REL_NS, name)
