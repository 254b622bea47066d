"""`s75 serve` in a real browser (headless Chromium driven by Playwright): the page shows the
draft with the Markdown twin's clause numbers and working cross-reference links, switches
between documents, follows a save of the scheme without reloading, shows a new error beside the
last good draft marked stale with a link to its line, and downloads a Word file python-docx
opens. A screenshot is kept under test-artefacts/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document

pytestmark = pytest.mark.browser

SCHEME = "croydon-icu.yaml"
ARTEFACTS = ROOT / "test-artefacts"


def workspace(tmp_path: Path) -> Path:
    """Return a copy of the project's library and templates with one scheme to edit."""
    root = tmp_path / "workspace"
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "schemes").mkdir()
    shutil.copy(ROOT / "schemes" / SCHEME, root / "schemes" / SCHEME)
    return root


@pytest.fixture
def served(tmp_path):
    """Start `s75 serve` on the copy; yield (its address, the workspace); stop it."""
    root = workspace(tmp_path)
    environment = {**os.environ, "S75_ROOT": str(root), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", f"schemes/{SCHEME}", "--no-browser"],
        cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"no address printed: {line!r} {process.stderr.read() if not line else ''}"
        yield found.group(), root
    finally:
        process.terminate()
        process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), headless=True,
                                         args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400,
                                                                         "height": 1000})
        yield context.new_page()
        context.close()
        browser.close()


def chromium() -> str:
    """Return the installed Chromium (Debian's package)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is not installed"
    return found


def twin_numbers() -> list[str]:
    """Return the clause numbers of the agreement's Markdown twin, in order."""
    twin = ROOT / "output" / SCHEME.removesuffix(".yaml") / "section75-agreement.md"
    return re.findall(r"^## (\d+\.) ", twin.read_text("utf-8"), re.MULTILINE)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_preview_in_a_browser(served, page, tmp_path):
    url, root = served
    page.goto(url)
    page.wait_for_selector("#draft article.draft[data-document=section75]")

    numbers = page.locator("#draft section.clause > h2 > .number").all_text_contents()
    assert numbers == twin_numbers() and len(numbers) > 20

    link = page.locator("#draft a.xref").first
    target = link.get_attribute("href")
    shown = link.text_content()
    link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"{target} .number").first.text_content().startswith(shown)
    assert page.locator(target).is_visible()

    page.click("#switcher button[data-document=mou]")
    page.wait_for_selector("#draft article.draft[data-document=mou]")
    page.click("#switcher button[data-document=section75]")
    page.wait_for_selector("#draft article.draft[data-document=section75]")
    page.evaluate("window.notReloaded = true")

    scheme = root / "schemes" / SCHEME
    saved = time.monotonic()
    edit(scheme, "title: Croydon Integrated Commissioning Unit Partnership Agreement",
         "title: Croydon Integrated Commissioning Unit Agreement 2014")
    page.wait_for_function("document.querySelector('#draft .cover .scheme').textContent"
                           ".includes('Agreement 2014')", timeout=15000)
    print(f"\nthe page followed the save in {time.monotonic() - saved:.2f}s")
    assert page.evaluate("window.notReloaded") is True
    assert page.text_content("#status") == "Up to date"

    edit(scheme, "\nfootprint:", "\nfootprnt:")
    page.wait_for_selector("#problems li.error[data-code=unknown-key]", timeout=15000)
    assert page.text_content("#status") == "Stale"
    assert page.locator("#banner").is_visible()
    assert "Agreement 2014" in page.text_content("#draft .cover .scheme")
    problem = page.locator("#problems li.error a.at").first
    assert problem.text_content().startswith(f"schemes/{SCHEME}:")
    problem.click()
    assert page.locator("#source .line.at").text_content().startswith("footprnt:")
    assert page.evaluate("window.notReloaded") is True

    page.evaluate("window.scrollTo(0, 0)")
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "serve-preview.png"), full_page=False)

    with page.expect_download() as download:
        page.click("#download-docx")
    saved_file = tmp_path / download.value.suggested_filename
    download.value.save_as(saved_file)
    assert saved_file.name == "croydon-icu-section75-agreement.docx"
    text = "\n".join(p.text for p in Document(str(saved_file)).paragraphs)
    assert "Croydon Integrated Commissioning Unit Agreement 2014" in text

    if shutil.which("soffice"):  # the PDF of what is shown, made by LibreOffice
        with page.expect_download(timeout=120000) as download:
            page.click("#download-pdf")
        pdf = tmp_path / download.value.suggested_filename
        download.value.save_as(pdf)
        assert pdf.name.endswith(".pdf") and pdf.read_bytes().startswith(b"%PDF")
    else:  # without LibreOffice the button says what is missing
        page.click("#download-pdf")
        assert "PDF needs LibreOffice" in page.text_content("#message")
