"""mkdocs hooks: the reference pages are generated from the project's data when the site builds
(the clause catalogue, the scheme reference, the diagnostics reference, the law by date and the
rules when the library has them, and every example draft, with a PDF of each when LibreOffice is
installed), and the home page's list of commands is read from the command line's parser."""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
import tempfile
from pathlib import Path

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the generator of this checkout, whichever is installed
    sys.path.insert(0, str(ROOT))

from generator import cli  # noqa: E402
from generator.pipeline import load_project_library  # noqa: E402
from generator.preview.pdf import soffice, to_pdfs  # noqa: E402
from generator.reference.clauses import catalogue  # noqa: E402
from generator.reference.codes import codes_reference, examples  # noqa: E402
from generator.reference.commands import command_names, commands_list  # noqa: E402
from generator.reference.drafts import (  # noqa: E402
    DraftPage,
    draft_pages,
    drafts_index,
    scheme_changes,
)
from generator.reference.law import law_page  # noqa: E402
from generator.reference.scheme import scheme_reference  # noqa: E402

COMMANDS_MARK = "<!-- commands -->"
PDF_CACHE = Path(tempfile.gettempdir()) / "s75-site-pdfs"  # PDFs by the hash of their .docx


def reference_pages(root: Path = ROOT, pdf: bool = False) -> dict[str, str]:
    """Return every generated page by its path in the site: Markdown text (with `pdf`, the
    example drafts link to their PDFs too)."""
    library, _ = load_project_library(root, root)
    schemes = sorted((root / "schemes").rglob("*.yaml"))
    cases = sorted((root / "tests" / "cases").glob("*/expected-diagnostics.txt"))
    pages = {
        "reference/clauses.md": catalogue(library, root,
                                          scheme_changes(schemes, root, library.documents)),
        "reference/scheme.md": scheme_reference(library.documents),
        "reference/codes.md": codes_reference(examples(cases)),
    }
    law = law_page(root / "clauses" / "law.yaml")
    if law is not None:
        pages["reference/law.md"] = law
    rules = rules_page()
    if rules is not None:
        pages["reference/rules.md"] = rules
    drafts = draft_pages(root / "output", pdf)
    pages["drafts/index.md"] = drafts_index(drafts)
    pages |= {page.uri: page.markdown for page in drafts}
    return pages


def rules_page() -> str | None:
    """Return the page of the rules `s75 rules` prints, when the command line has it."""
    if "rules" not in command_names(cli.parser()):
        return None
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = cli.main(["rules", "--markdown"])
    if status != 0:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            cli.main(["rules"])
        return f"# Rules\n\nEvery rule `s75 check` applies.\n\n```text\n{printed.getvalue()}```\n"
    text = printed.getvalue()
    return text if text.lstrip().startswith("#") else f"# Rules\n\n{text}"


def home_commands() -> str:
    """Return the list of every command, for the home page."""
    return commands_list(cli.parser())


def on_config(config):
    """Add to the navigation the pages that exist only when their data does: the law by date,
    the rules, and one page for each example draft."""
    nav = config["nav"]
    reference = next(entry for entry in nav if "Reference" in entry)["Reference"]
    if (ROOT / "clauses" / "law.yaml").is_file():
        reference.append({"The law by date": "reference/law.md"})
    if "rules" in command_names(cli.parser()):
        reference.append({"Rules": "reference/rules.md"})
    drafts = draft_pages(ROOT / "output")
    by_scheme: dict[str, list] = {}
    for page in drafts:
        by_scheme.setdefault(page.uri.split("/")[1], []).append(page.uri)
    section = next(entry for entry in nav if "Example drafts" in entry)
    section["Example drafts"] = ["drafts/index.md"] + [
        {scheme: uris} for scheme, uris in by_scheme.items()]
    return config


def example_pdfs(pages: list[DraftPage], cache: Path = PDF_CACHE) -> dict[str, bytes]:
    """Return the PDF of each page's Word file by its path in the site, made by one LibreOffice
    run for those not already in `cache` (kept there by the hash of the .docx)."""
    wanted = {page.pdf_uri: page.docx.read_bytes() for page in pages if page.pdf_uri}
    keys = {uri: hashlib.sha256(data).hexdigest() for uri, data in wanted.items()}
    missing = {keys[uri]: data for uri, data in wanted.items()
               if not (cache / f"{keys[uri]}.pdf").is_file()}
    if missing:
        cache.mkdir(parents=True, exist_ok=True)
        for key, pdf in to_pdfs(missing).items():
            (cache / f"{key}.pdf").write_bytes(pdf)
    return {uri: (cache / f"{key}.pdf").read_bytes() for uri, key in keys.items()}


def on_files(files: Files, config) -> Files:
    """Add the generated pages and the example drafts' Word files to the site, and their PDFs
    when LibreOffice is installed."""
    pdf = soffice() is not None
    for uri, text in reference_pages(pdf=pdf).items():
        files.append(File.generated(config, uri, content=text))
    pages = draft_pages(ROOT / "output", pdf)
    for page in pages:
        if page.docx.is_file():
            files.append(File.generated(config, page.docx_uri, abs_src_path=str(page.docx)))
    for uri, data in example_pdfs(pages).items():
        files.append(File.generated(config, uri, content=data))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Put the list of commands where the home page marks it."""
    return markdown.replace(COMMANDS_MARK, home_commands())
