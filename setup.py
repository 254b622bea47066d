"""Packaging: the wheel carries the vanilla clause library and the Word templates as package
data. The repository keeps them at the top level (clauses/, templates/); the build copies them
into the package as generator/vanilla/, where an installed `s75` finds them."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
LIBRARY_FOLDERS = ("clauses", "templates")
LIBRARY_SUFFIXES = {".yaml", ".docx"}


class BuildWithLibrary(build_py):
    """The standard build, plus the vanilla library copied into generator/vanilla/."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "generator" / "vanilla"
        for folder in LIBRARY_FOLDERS:
            for source in sorted((HERE / folder).rglob("*")):
                if source.is_file() and source.suffix in LIBRARY_SUFFIXES:
                    copied = target / source.relative_to(HERE)
                    copied.parent.mkdir(parents=True, exist_ok=True)
                    self.copy_file(str(source), str(copied))


setup(cmdclass={"build_py": BuildWithLibrary})
