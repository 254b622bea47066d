"""The `s75` command: check schemes and build drafts."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.codes import CODES, code_table_markdown
from generator.diagnostics import Diagnostic, Loc, Report, error, single_line
from generator.errors import InputError, ToolError
from generator.load.folders import yaml_files
from generator.load.shown import display_path
from generator.review import commands as review
from generator.review.absorb.command import absorb as absorb_command
from generator.workspace import find_project_root
from generator.writers.options import NOTE_MODES

if TYPE_CHECKING:
    from generator.settings import Settings

EXIT_OK, EXIT_INVALID, EXIT_FAILURE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    main = argparse.ArgumentParser(
        prog="s75",
        description="Draft Section 75 partnership agreements, memoranda of understanding and "
                    "board terms of reference from the vanilla clause library and topic schemes.")
    main.add_argument("--version", action="version", version=f"s75 {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check", help="validate schemes",
        description="Validate schemes and report every problem as path:line:col. Exit status: "
                    "0 no errors (warnings allowed), 1 errors, 2 bad usage or internal failure. "
                    "Warnings a scheme acknowledges under `acknowledge:` (with a reason) are not "
                    "printed; the summary counts them. The findings for each scheme are kept in "
                    "the workspace's .s75-cache/ and reported from there while none of the "
                    "scheme's inputs change (S75_NO_CACHE=1 checks every scheme afresh).")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="scheme files or folders (default: every scheme under schemes/)")
    check.add_argument("--strict", action="store_true",
                       help="report every warning not acknowledged as an error (exit 1)")

    build = commands.add_parser(
        "build", help="check schemes and write their drafts",
        description="Check each scheme, then write OUT/<scheme-id>/<document>.docx and its "
                    "Markdown twin. Nothing is written for a scheme with errors, and existing "
                    "drafts are only replaced once every new file is complete. Builds are "
                    "incremental: a scheme whose stamp (OUT/.s75-stamps.json) shows none of its "
                    "inputs changed is not built again, and files whose bytes are unchanged are "
                    "not rewritten.")
    build.add_argument("paths", nargs="*", metavar="PATH",
                       help="scheme files or folders (default: every scheme under schemes/)")
    build.add_argument("--doc", default="all", metavar="DOCUMENT",
                       help="which document type to build: a folder of templates/ such as "
                            "section75, mou or tor (default: all the scheme's documents)")
    build.add_argument("--out", default=None, metavar="DIR",
                       help="where to write drafts (default: output/)")
    build.add_argument("--pdf", action="store_true",
                       help="also write a PDF beside each .docx, laid out by LibreOffice "
                            "headless (which must be installed), and give the contents page of "
                            "the .docx and the PDF the page number of each heading")
    build.add_argument("--page-numbers", action="store_true",
                       help="give the contents page of each .docx the page number of each "
                            "heading, as LibreOffice headless lays the draft out (which must be "
                            "installed, with fonts of the same measurements as the template's, "
                            "such as Liberation for Arial), so Word shows them on opening; no "
                            "PDF is written. A build without it keeps the page numbers of a "
                            "draft whose text is unchanged")
    build.add_argument("--check", action="store_true",
                       help="write nothing; exit 1 and list every file in the output folder "
                            "that differs from what the current schemes, clauses and templates "
                            "produce (stale, missing or left over); PDFs and the page numbers "
                            "on a contents page are not compared")
    build.add_argument("--notes", choices=NOTE_MODES, default=None,
                       help="how drafting notes are written: as Word comments anchored to their "
                            "clause, inline as body text, or not at all (default: comments in a "
                            "draft, none in a final document); the Markdown twin carries them as "
                            "block quotes, or leaves them out with none")
    build.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                       help="build up to N schemes at once, each in its own process (default: "
                            "one per core); the output and the messages are the same as with "
                            "--jobs 1")
    codes = commands.add_parser(
        "codes", help="list every diagnostic code",
        description="List every code `s75 check` can report, with its severity, meaning, what "
                    "to do and the law it rests on. With --markdown, print the table that "
                    "docs/diagnostics.md holds.")
    codes.add_argument("--markdown", action="store_true", help="print a Markdown table")
    rules = commands.add_parser(
        "rules", help="list every rule with the law it rests on",
        description="List every rule `s75 check` applies that rests on the law or on sound "
                    "drafting: its code, severity, citation (for example SI 2000/617 reg "
                    "7(3)(b)), how sure the point is (verified, indirect, usual practice, "
                    "drafting), what it finds and what to do. With --markdown, print the page "
                    "the documentation site holds.")
    rules.add_argument("--markdown", action="store_true", help="print a Markdown page")
    _review_parsers(commands)
    _editor_parsers(commands)
    return main


def _editor_parsers(commands: argparse._SubParsersAction) -> None:
    """Add the commands that help commissioners write a scheme: the editor schema, a new file."""
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of the scheme format, for editors",
        description="Print (or write) a JSON Schema of the scheme format, made from the rules "
                    "`s75 check` validates with: every key with its type, allowed values, "
                    "default, description and an example. An editor using the YAML language "
                    "server completes keys and underlines mistakes with it.")
    schema.add_argument("-o", "--output", metavar="FILE", help="write it to FILE")

    new = commands.add_parser(
        "new", help="write a new scheme file to fill in",
        description="Write schemes/ID.yaml with every key the scheme must give left empty and "
                    "a comment saying what it holds; `s75 check` then lists each one still to "
                    "fill, at its line. Never overwrites a file.")
    new.add_argument("id", metavar="ID", help="the scheme's id: lower-case words joined by "
                                              "hyphens")
    new.add_argument("--extends", metavar="BASE",
                     help="an existing scheme file the new one builds on")
    new.add_argument("--documents", metavar="LIST",
                     help="the documents to build, comma-separated, e.g. section75,mou,tor "
                          "(default: the base's, or section75)")
    init = commands.add_parser(
        "init", help="create a workspace for a council's schemes",
        description="Create DIR with schemes/ holding a commented starter scheme, clauses/ for "
                    "local clause overrides that take precedence over the installed vanilla "
                    "library, the editor schema, .gitattributes for reviewing Word drafts in "
                    "git and ci/check-drafts.sh for continuous integration. Never overwrites a "
                    "file.")
    init.add_argument("dir", metavar="DIR", help="the workspace folder (new or empty)")

    serve = commands.add_parser(
        "serve", help="preview a scheme's drafts in the browser as you edit it",
        description="Serve a live preview of a scheme on this computer only (127.0.0.1): its "
                    "drafts as a web page, each document in turn, with the problems `s75 check` "
                    "finds beside them, each linked to its line. The page follows every save of "
                    "the scheme, the files it extends and the clause library, without reloading; "
                    "while the scheme has errors it shows the last draft that built, marked "
                    "stale. It offers the Word file and a PDF (with LibreOffice) of what it "
                    "shows. Stop it with Ctrl+C.")
    serve.add_argument("scheme", nargs="?", metavar="SCHEME",
                       help="the scheme file (default: the one under schemes/ saved last)")
    serve.add_argument("--port", type=int, default=0, metavar="N",
                       help="the port to serve on (default: a free one, printed)")
    serve.add_argument("--no-browser", action="store_true",
                       help="print the address only; do not open the page in the browser")


def _review_parsers(commands: argparse._SubParsersAction) -> None:
    """Add the commands reviewers use: provenance, deviations, and tools for written drafts."""
    explain = commands.add_parser(
        "explain", help="show where each clause of a scheme's drafts came from",
        description="For each document the scheme produces, list every clause with its number, "
                    "library id, the layer that supplied it (vanilla, or the scheme file in the "
                    "extends chain), variant, source file:line and content hash. With CLAUSE, "
                    "show that clause in full with every change that touches it.")
    explain.add_argument("scheme", metavar="SCHEME")
    explain.add_argument("clause", nargs="?", metavar="CLAUSE", help="a clause id, e.g. review")

    deviations = commands.add_parser(
        "deviations", help="list every departure from the vanilla model, by layer",
        description="List every omission (with its reason), replacement, addition, optional "
                    "clause included, variant chosen and variable overridden, grouped by the "
                    "scheme file that makes it. This is what a reviewer signs off.")
    deviations.add_argument("scheme", metavar="SCHEME")

    diff = commands.add_parser(
        "diff", help="compare two drafts clause by clause",
        description="Compare two drafts by clause: two .docx files, two schemes, or one scheme "
                    "with itself at a git revision (--from). Reports clauses added, removed, "
                    "moved and changed, by id and number, with changed words shown as [-old-] "
                    "and {+new+}. Exit status: 0 identical, 1 different, 2 cannot compare.")
    diff.add_argument("a", metavar="A", help="a .docx draft or a scheme .yaml")
    diff.add_argument("b", nargs="?", metavar="B", help="the .docx or scheme to compare A with")
    diff.add_argument("--from", dest="revision", metavar="REV",
                      help="compare scheme A with A as it was at git revision REV "
                           "(schemes, clauses and outlines all taken from REV)")
    diff.add_argument("--doc", default="all", metavar="DOCUMENT",
                      help="for schemes: which document type to compare (default: all)")

    textconv = commands.add_parser(
        "textconv", help="print a .docx as stable text, one paragraph per line",
        description="Print any .docx (generated, or edited in Word) as normalised text: one "
                    "paragraph per line, led by its number as Word shows it, cross-references "
                    "showing their results. Use it as git's textconv for .docx files.")
    textconv.add_argument("file", metavar="FILE.docx")

    redline = commands.add_parser(
        "redline", help="write a Word document showing NEW against OLD as tracked changes",
        description="Compare two .docx drafts and write a copy of NEW in which every difference "
                    "from OLD is a tracked insertion or deletion. Accepting all changes in Word "
                    "gives NEW; rejecting all gives OLD.")
    redline.add_argument("old", metavar="OLD.docx")
    redline.add_argument("new", metavar="NEW.docx")
    redline.add_argument("-o", "--output", required=True, metavar="FILE.docx",
                         help="the redline to write (never one of the inputs)")
    redline.add_argument("--author", default="s75", help="author shown on each revision")
    redline.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                         help="date shown on each revision (default: today)")

    absorb = commands.add_parser(
        "absorb", help="turn a lawyer's edits to a draft in Word into changes of its scheme",
        description="Compare a draft edited in Word (tracked changes taken as accepted) with "
                    "the draft its scheme produces now, clause by clause, and print the scheme "
                    "changes that reproduce the edits: replace, rename, omit, add, move, or a "
                    "scheme value (a contribution, a party's name) to change. What cannot be "
                    "absorbed (formatting, comments, edits inside generated tables) is listed. "
                    "Exit status: 0 done, 2 cannot absorb.")
    absorb.add_argument("edited", metavar="EDITED.docx")
    absorb.add_argument("--scheme", metavar="SCHEME",
                        help="the scheme the draft came from (default: the scheme whose id the "
                             "draft's properties record)")
    absorb.add_argument("--write", action="store_true",
                        help="make the changes in the scheme file, keeping its comments and "
                             "layout")


def settings() -> Settings:
    """Return the pipeline's settings from the environment: the project root (S75_ROOT, or the
    folder above the working directory holding clauses/ and templates/) and the build time
    (SOURCE_DATE_EPOCH, when set, stamps every document)."""
    from generator.settings import Settings

    root = find_project_root(os.environ, Path.cwd())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
            .replace(tzinfo=None) if epoch.isdigit() else None)
    return Settings(root, when, Path.cwd())


def find_schemes(paths: list[str], root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Return the scheme files named (every scheme under schemes/ when none are named) and a
    diagnostic for each link that would lead the scan outside the workspace."""
    if not paths:
        return yaml_files(root / "schemes", Path.cwd())
    found: list[Path] = []
    problems: list[Diagnostic] = []
    workspace = (root.resolve(), Path.cwd().resolve())
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and path.is_dir() and not any(
                path.resolve().is_relative_to(w) for w in workspace):
            problems.append(error(Loc(raw), "path-outside", "not read: the folder is a link to "
                                  "a place outside the workspace"))
        elif path.is_dir():
            files, skipped = yaml_files(path, Path.cwd())
            found += files
            problems += skipped
        else:
            found.append(path)
    return found, problems


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return EXIT_FAILURE
    try:
        if args.command == "codes":
            return print_codes(args.markdown)
        if args.command == "rules":
            return print_rules(args.markdown)
        if args.command in EDITOR_COMMANDS:
            return EDITOR_COMMANDS[args.command](args)
        if args.command in REVIEW_COMMANDS:
            return REVIEW_COMMANDS[args.command](args)
        return run(args)
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:  # the reader (a pager, `head`) stopped reading: not a failure
        sys.stderr.close()
        return EXIT_OK
    except InputError as exc:
        print(f"s75: {single_line(str(exc))}", file=sys.stderr)
        return EXIT_FAILURE
    except ToolError as exc:
        print(f"s75: internal error {single_line(str(exc))}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - a failure of the tool, not of the input
        print(f"s75: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def print_codes(markdown: bool) -> int:
    """Print the table of diagnostic codes; return the exit status."""
    if markdown:
        sys.stdout.write(code_table_markdown())
        return EXIT_OK
    for name, code in CODES.items():
        cited = f" [{code.citation}]" if code.citation else ""
        print(f"{name:<26} {code.severity:<8} {code.meaning}{cited}")
    return EXIT_OK


def print_rules(markdown: bool) -> int:
    """Print every rule with its citation and status; return the exit status."""
    from generator.checks.rules import rules_text
    from generator.reference.rules import rules_markdown

    sys.stdout.write(rules_markdown() if markdown else rules_text())
    return EXIT_OK


def _jobs(text: str) -> int:
    """Return the number of jobs `--jobs` gives; raise ArgumentTypeError unless it is a whole
    number from 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of jobs: give 1 or more")
    return int(text)


def run(args: argparse.Namespace) -> int:
    """Check or build the schemes the arguments name; return the exit status."""
    chosen = settings()
    if getattr(args, "notes", None):
        chosen = dataclasses.replace(chosen, notes=args.notes)
    root = chosen.project_root
    report = Report()
    schemes, skipped = find_schemes(args.paths, root)
    report.extend(skipped)
    if not schemes and not skipped:
        print("s75: no scheme files found", file=sys.stderr)
        return EXIT_FAILURE
    if args.command == "build":
        return build(args, chosen, schemes, report)
    from generator.batch import CheckRequest, run_check

    cache = None if os.environ.get("S75_NO_CACHE") else _cache_folder(root)
    return run_check(CheckRequest(schemes, args.strict, cache, Path.cwd()), chosen, report)


def _cache_folder(root: Path) -> Path | None:
    """Return the workspace's cache folder (`.s75-cache/`, made when missing), or None when it
    cannot be made or is a link (such a workspace is checked without a cache)."""
    folder = root / ".s75-cache"
    if folder.is_symlink():  # never written through a link, which may lead elsewhere
        return None
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None


def build(args: argparse.Namespace, chosen: Settings, schemes: list[Path],
          report: Report) -> int:
    """Build the schemes found (see `generator.batch`); return the exit status."""
    from generator.batch import Request, default_jobs, run_build

    if args.check and (args.pdf or args.page_numbers):
        print(f"s75: {'--pdf' if args.pdf else '--page-numbers'} and --check cannot be "
              "combined: --check compares drafts apart from PDFs and contents page numbers",
              file=sys.stderr)
        return EXIT_FAILURE
    out_dir = Path(args.out) if args.out else chosen.project_root / "output"
    request = Request(schemes, out_dir, args.doc, args.pdf, args.check,
                      args.page_numbers, args.jobs or default_jobs(),
                      whole=not args.paths and args.doc == "all",
                      cwd=Path.cwd(), progress=sys.stderr.isatty() and not os.environ.get("CI"))
    return run_build(request, chosen, report)


def print_schema(args: argparse.Namespace) -> int:
    """Print or write the editor schema of the scheme format; return the exit status."""
    from generator.load.editorschema import json_schema
    from generator.pipeline import load_project_library

    library, _ = load_project_library(settings().project_root)
    text = json.dumps(json_schema(library.documents), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return EXIT_OK


def new_scheme(args: argparse.Namespace) -> int:
    """Write a new scheme file to fill in under schemes/; return the exit status."""
    from generator.load.scaffold import document_needs, request_for, scaffold
    from generator.pipeline import load_project_library

    chosen = settings()
    library, _ = load_project_library(chosen.project_root)
    target = chosen.project_root / "schemes" / f"{args.id}.yaml"
    base = Path(args.extends) if args.extends else None
    documents = tuple(args.documents.split(",")) if args.documents else None
    request = request_for(args.id, target, base, documents, library.documents)
    text = scaffold(request, document_needs(library))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise InputError(f"{display_path(target, Path.cwd())} already exists: choose another "
                         "id, or edit that file") from None
    shown = display_path(target, Path.cwd())
    print(f"wrote {shown}: fill in each key marked TO FILL, then run `s75 check {shown}`")
    return EXIT_OK


def init_workspace(args: argparse.Namespace) -> int:
    """Create a new workspace; return the exit status."""
    from generator.load.editorschema import json_schema
    from generator.pipeline import load_project_library
    from generator.starter import create_workspace
    from generator.workspace import vanilla_root

    library, _ = load_project_library(vanilla_root())
    schema = json.dumps(json_schema(library.documents), indent=2, ensure_ascii=False) + "\n"
    target = Path(args.dir)
    written = create_workspace(target, schema)
    for path in written:
        print(f"wrote {display_path(path, Path.cwd())}")
    print(f"next: cd {args.dir} && s75 check && s75 build")
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    """Serve the live preview of a scheme until interrupted; return the exit status."""
    import webbrowser

    from generator.preview.server import PreviewServer
    from generator.preview.state import Preview

    chosen = settings()
    scheme = Path(args.scheme) if args.scheme else _last_saved(chosen.project_root)
    if not scheme.is_file():
        raise InputError(f"{display_path(scheme, Path.cwd())}: no such scheme file")
    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port}: a port is a number from 1 to 65535")
    try:
        server = PreviewServer(Preview(scheme, chosen), args.port)
    except OSError as exc:
        raise InputError(f"cannot serve on port {args.port}: {exc.strerror or exc}; choose "
                         "another with --port, or leave it out for a free one") from None
    print(f"Previewing {display_path(scheme, Path.cwd())} at {server.url} (Ctrl+C to stop)",
          flush=True)
    if not args.no_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _last_saved(root: Path) -> Path:
    """Return the scheme under schemes/ changed last; raise InputError when there is none."""
    files, _ = yaml_files(root / "schemes", Path.cwd())
    if not files:
        raise InputError("no scheme files under schemes/: name one, e.g. `s75 serve "
                         "schemes/my-scheme.yaml`")
    return max(files, key=lambda path: path.stat().st_mtime_ns)


EDITOR_COMMANDS = {
    "schema": print_schema,
    "new": new_scheme,
    "init": init_workspace,
    "serve": serve,
}

REVIEW_COMMANDS = {
    "explain": review.explain,
    "deviations": review.deviations,
    "diff": review.diff,
    "textconv": review.textconv,
    "redline": review.redline,
    "absorb": absorb_command,
}

if __name__ == "__main__":
    sys.exit(main())
