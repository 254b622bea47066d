"""The example drafts on the site: each document's Markdown twin from output/, as a page that
links to the Word file beside it (and to its PDF, when the site is built with them), and the list
of which example schemes change which clause."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.load.scheme import load_scheme
from generator.reference.markdown import code, escaped, table

GENERATED = ("deviations", "manifest")  # files beside a twin that are not twins themselves


@dataclass(frozen=True)
class DraftPage:
    """One draft on the site: the page's path in the site, its Markdown, and the Word file it
    links to (its path in the site, and where it is read from), and the path of its PDF in the
    site ("" when the site has no PDFs)."""

    uri: str
    markdown: str
    docx_uri: str
    docx: Path
    pdf_uri: str = ""


def draft_pages(output: Path, pdf: bool = False) -> list[DraftPage]:
    """Return a page for every Markdown twin under `output` (one folder per scheme); with `pdf`,
    each page with a Word file links to a PDF of it beside it too."""
    pages = []
    for twin in sorted(output.glob("*/*.md")):
        if any(twin.name.endswith(f".{kind}.md") for kind in GENERATED):
            continue
        docx = twin.with_suffix(".docx")
        uri = f"drafts/{twin.parent.name}/{twin.stem}.md"
        docx_uri = f"drafts/{twin.parent.name}/{docx.name}"
        body = twin.read_text("utf-8")
        first, _, rest = body.partition("\n")
        deviations = twin.with_name(f"{twin.stem}.deviations.md")
        links = [f"[Word document ({docx.name})]({docx.name})"] if docx.is_file() else []
        pdf_uri = f"drafts/{twin.parent.name}/{twin.stem}.pdf" if pdf and links else ""
        if pdf_uri:
            links.append(f"[PDF ({twin.stem}.pdf)]({twin.stem}.pdf)")
        note = (f"\n!!! info \"Example draft\"\n    Built by `s75 build` from the scheme "
                f"`{twin.parent.name}`. " + " · ".join(links) + "\n")
        extra = "\n\n" + _demoted(deviations.read_text("utf-8")) if deviations.is_file() else ""
        pages.append(DraftPage(uri, f"{first}\n{note}\n{rest}{extra}", docx_uri, docx,
                               pdf_uri))
    return pages


def drafts_index(pages: list[DraftPage]) -> str:
    """Return the page listing every example draft."""
    pdfs = any(page.pdf_uri for page in pages)
    rows = [[code(page.uri.split("/")[1]), f"[{escaped(_title(page))}]({page.uri[7:]})",
             f"[{page.docx.name}]({page.docx_uri[7:]})" if page.docx.is_file() else ""]
            + ([f"[PDF]({page.pdf_uri[7:]})" if page.pdf_uri else ""] if pdfs else [])
            for page in pages]
    files = "the Word file and a PDF of it" if pdfs else "the Word file"
    return ("# Example drafts\n\nEvery example scheme under `schemes/`, built: each document's "
            f"text as its Markdown twin shows it, with its deviations report, and {files} "
            "to download.\n\n" + table(["scheme", "document", "Word file"]
                                         + (["PDF"] if pdfs else []), rows))


def _demoted(text: str) -> str:
    """Return Markdown with every heading one level lower (a report placed under a page)."""
    return "\n".join(f"#{line}" if line.startswith("#") else line for line in text.split("\n"))


def _title(page: DraftPage) -> str:
    return page.markdown.partition("\n")[0].lstrip("# ").strip()


def scheme_changes(schemes: list[Path], root: Path, documents: tuple[str, ...]
                   ) -> dict[str, list[tuple[str, str]]]:
    """Return, for each clause id, the (scheme file, kind of change) of every change an example
    scheme file makes to it itself (a base's changes are listed once, under the base)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in schemes:
        scheme, _ = load_scheme(path, documents, root, within=(root,))
        if scheme is None:
            continue
        shown = path.relative_to(root).as_posix()
        for change in scheme.changes:
            if change.layer != shown:
                continue
            for target in _targets(change.data):
                entry = (shown, change.kind)
                if entry not in found.setdefault(target, []):
                    found[target].append(entry)
    return found


def _targets(data: dict) -> list[str]:
    """Return the clause ids a change names: the clause changed, listed or placed next to."""
    names = [data.get("clause"), *(data.get("clauses") or [])]
    return [str(name) for name in names if isinstance(name, str)]
