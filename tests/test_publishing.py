"""The published website, the offline archive and reproducible builds."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from generator import site
from tests.pages import tree_digest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_workflow_builds_with_make_and_deploys_to_pages():
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    # PyYAML reads the key `on` as the boolean True.
    triggers = flow.get("on", flow.get(True))
    assert "push" in triggers
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    runs = [s.get("run", "") for s in build["steps"]]
    uses = [s.get("uses", "") for s in build["steps"]]
    assert "make build" in runs and "make offline" in runs
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == f"dist/{site.OFFLINE_NAME}.zip"
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    # No secret is needed: Pages deploys with the job's own OIDC token.
    assert "secrets." not in text
    assert flow["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def build_once(tmp: Path, config="mkdocs.yml") -> Path:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--config", config,
                             "--site", str(tmp / "site"), "--docs", str(tmp / "docs")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_two_builds_are_byte_identical(tmp_path):
    first = tree_digest(build_once(tmp_path / "one"))
    second = tree_digest(build_once(tmp_path / "two"))
    assert first == second
    assert "sitemap.xml" in first


def test_a_broken_link_or_formula_fails_the_build_and_keeps_the_site(tmp_path):
    docs = tmp_path / "docs"
    site.generate(site.EXAMPLES, docs)
    site.mkdocs_build(docs, ROOT / "mkdocs.yml", tmp_path / "site")
    before = tree_digest(tmp_path / "site")
    page = docs / "key-insights.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Gone](missing.md)\n", encoding="utf-8")
    with pytest.raises(site.BuildError, match="missing.md"):
        site.mkdocs_build(docs, ROOT / "mkdocs.yml", tmp_path / "site")
    page.write_text(page.read_text(encoding="utf-8").replace("[Gone](missing.md)", "[Gone](index.md#no-such-heading)"))
    with pytest.raises(site.BuildError, match="no-such-heading"):
        site.mkdocs_build(docs, ROOT / "mkdocs.yml", tmp_path / "site")
    # A formula MathJax cannot read fails the build after MkDocs, before the swap.
    page.write_text(page.read_text(encoding="utf-8").replace("[Gone](index.md#no-such-heading)", "\\(\\frac{1}{\\)"))
    with pytest.raises(site.BuildError, match=r"cannot typeset the formula .*Missing close brace"):
        site.mkdocs_build(docs, ROOT / "mkdocs.yml", tmp_path / "site")
    assert tree_digest(tmp_path / "site") == before


@pytest.fixture(scope="module")
def offline_archive(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("offline")
    archive = tmp / "docs.zip"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    result = subprocess.run([sys.executable, "-m", "generator", "offline", "--archive", str(archive)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return archive


def test_offline_archive_is_reproducible(offline_archive, tmp_path):
    again = tmp_path / "again.zip"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    result = subprocess.run([sys.executable, "-m", "generator", "offline", "--archive", str(again)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == offline_archive.read_bytes()


def test_offline_archive_is_one_folder_with_an_index(offline_archive):
    with zipfile.ZipFile(offline_archive) as z:
        names = z.namelist()
    assert {n.split("/")[0] for n in names} == {site.OFFLINE_NAME}
    assert f"{site.OFFLINE_NAME}/index.html" in names
    assert f"{site.OFFLINE_NAME}/search/search_index.js" in names
    assert f"{site.OFFLINE_NAME}/assets/vendor/iframe-worker/shim.js" in names


@pytest.mark.browser
def test_offline_archive_works_from_disk_with_no_network(offline_archive, tmp_path, watched):
    with zipfile.ZipFile(offline_archive) as z:
        z.extractall(tmp_path)
    root = tmp_path / site.OFFLINE_NAME
    w = watched(reduced_motion="reduce")
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if p.name != "404.html")
    for name in pages:
        w.goto((root / name).as_uri())
        assert w.untypeset() == 0, name
        assert "navigation.instant" not in w.page.evaluate("() => document.getElementById('__config').textContent")
    # The graph runs forward and backward.
    w.goto((root / "computational-graph.html").as_uri())
    w.page.get_by_role("button", name="Forward Pass").click()
    w.page.wait_for_selector('.bp-graph[data-phase="forward-done"]')
    w.page.get_by_role("button", name="Backward Pass").click()
    w.page.wait_for_selector('.bp-graph[data-phase="backward-done"]')
    # Search works from file:// through the shipped iframe-worker shim.
    w.goto((root / "index.html").as_uri())
    w.page.locator("input.md-search__input").fill("chain rule")
    w.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert w.page.locator(".md-search-result__item").count() > 0
    # Links between pages work from disk.
    w.page.keyboard.press("Escape")
    w.page.locator(".md-nav__link", has_text="A numerical example").first.click()
    w.page.wait_for_url("**/numerical-example.html")
    assert w.untypeset() == 0
    assert w.tex_in_text() == []
    assert w.mathjax_requests() == []
    assert w.errors == []
    assert w.requests == []


@pytest.mark.browser
def test_instant_navigation_keeps_math_typeset(published_site, watched):
    w = watched(allowed_prefix=published_site)
    w.goto(published_site + "index.html")
    # Material takes over links once it has read the sitemap.
    w.page.wait_for_load_state("networkidle")
    assert "navigation.instant" in w.page.evaluate("() => document.getElementById('__config').textContent")
    w.page.evaluate("() => { window.__sameDocument = true; }")
    for title, url in [("The forward pass", "forward-pass.html"), ("A numerical example", "numerical-example.html"),
                       ("The backward pass", "backward-pass.html")]:
        w.page.locator(".md-nav__link", has_text=title).first.click()
        w.page.wait_for_url("**/" + url)
        w.page.wait_for_function("() => document.querySelectorAll('.arithmatex').length > 0 && "
                                 "[...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('mjx-container > svg use'))",
                                 timeout=15000)
        assert w.tex_in_text() == [], url
        # The formulas' glyphs and stylesheet came with the new page.
        assert w.page.evaluate("() => [...document.querySelectorAll('mjx-container use')]"
                               ".every(u => document.querySelector(u.getAttribute('href') || u.getAttribute('xlink:href')))"), url
        assert w.page.evaluate("() => getComputedStyle(document.querySelector('mjx-assistive-mml')).position") == "absolute", url
    # The page was never reloaded: navigation was instant.
    assert w.page.evaluate("() => window.__sameDocument") is True
    assert w.mathjax_requests() == []
    assert w.errors == []
    assert w.requests == []
