"""The package's layers import only what their docstrings allow, so the folder tree is the
pipeline: load -> model -> assemble -> checks -> writers, with ooxml under the writers and
review on top. lxml is imported only by the OOXML layer, the writers and the redliner."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "generator"
BASE = {"diagnostics", "codes", "errors", "workspace"}  # leaf modules, importing no layer
ALLOWED = {
    "model": BASE | {"model"},
    "load": BASE | {"model", "load"},
    "assemble": BASE | {"model", "load", "assemble", "ooxml"},  # ooxml: the template's numbering
    "checks": BASE | {"model", "load", "assemble", "checks", "ooxml", "writers"},
    "ooxml": BASE | {"ooxml"},
    "writers": BASE | {"model", "ooxml", "writers"},
}
LXML_ALLOWED = ("generator/ooxml/", "generator/writers/", "generator/review/redline/")


def imports(path: Path) -> set[str]:
    """Return the top-level modules `path` imports (generator.x as x, others as themselves)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module else
                 [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        for name in names:
            parts = name.split(".")
            found.add(parts[1] if parts[0] == "generator" and len(parts) > 1 else parts[0])
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer):
    wrong = {}
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        inside = {name for name in imports(path)
                  if (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()}
        if inside - ALLOWED[layer]:
            wrong[str(path.relative_to(ROOT))] = sorted(inside - ALLOWED[layer])
    assert wrong == {}


def test_lxml_is_imported_only_by_the_ooxml_layer_the_writers_and_the_redliner():
    users = [str(p.relative_to(ROOT)) for p in sorted(PACKAGE.rglob("*.py"))
             if "lxml" in imports(p)]
    assert users and all(user.startswith(LXML_ALLOWED) for user in users), users


def test_only_the_command_line_reads_the_environment_the_working_directory_or_the_clock():
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text("utf-8")
        if any(call in text for call in ("os.environ", "Path.cwd(", "os.getcwd(", "date.today(",
                                         "datetime.now(", "time.time(")):
            readers.append(str(path.relative_to(ROOT)))
    assert readers == ["generator/cli.py", "generator/review/commands.py"]


def test_every_subpackage_says_its_job_and_what_it_may_import():
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()):
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text("utf-8")))
        assert doc and len(doc) > 80, folder.name
        assert "import" in doc, folder.name
