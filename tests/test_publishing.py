"""The published website, the offline archive and reproducible builds."""
from __future__ import annotations

import importlib.resources
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from generator import engines, site
from tests.navigation import go_instantly, nav_link, search_from_disk
from tests.pages import tree_digest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def steps(job) -> list[str]:
    """Each step of a job as the action it uses or the command it runs."""
    return [s.get("uses") or s.get("run", "") for s in job["steps"]]


def index_of(items, start) -> int:
    return next(i for i, item in enumerate(items) if item.startswith(start))


def test_workflow_tests_then_builds_and_deploys_only_a_tested_build():
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    # PyYAML reads the key `on` as the boolean True.
    triggers = flow.get("on", flow.get(True))
    assert "push" in triggers
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    done = steps(build)
    # Every test (.ci/run installs Debian's Chromium, then runs `make test`) before anything is
    # built for publishing or uploaded; a failed step ends the job, so nothing untested is deployed.
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    tests = done.index("bash .ci/run")
    assert tests < done.index("make build") < index_of(done, "actions/upload-pages-artifact@")
    assert tests < done.index("make offline") < index_of(done, "actions/upload-artifact@")
    assert "debian" in build["container"] or "bookworm" in build["container"]
    upload = build["steps"][index_of(done, "actions/upload-artifact@")]
    assert upload["with"]["path"] == f"dist/{site.OFFLINE_NAME}.zip"
    assert deploy["needs"] == "build"
    assert steps(deploy) and all(u.startswith("actions/deploy-pages@") for u in steps(deploy))
    checkout = build["steps"][index_of(done, "actions/checkout@")]
    assert checkout["with"]["persist-credentials"] is False
    # No secret is needed: Pages deploys with the job's own OIDC token.
    assert "secrets." not in text
    assert flow["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_every_action_is_pinned_to_a_commit_with_its_release_named():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert len(uses) >= 5
    for action, rest in uses:
        assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), (action, rest)


def zizmor_findings(folder: Path) -> list[dict]:
    """zizmor's findings on the workflows and Dependabot config below `folder`, offline."""
    result = subprocess.run([str(Path(sys.executable).parent / "zizmor"), "--offline", "--format", "json", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


def severity(finding) -> str:
    return finding["determinations"]["severity"]


def test_zizmor_finds_nothing_above_informational(tmp_path):
    assert [f["ident"] for f in zizmor_findings(ROOT / ".github") if severity(f) != "Informational"] == []
    # The same audit sees a release tag where a commit should be.
    copy = tmp_path / ".github" / "workflows"
    copy.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    (copy / "pages.yml").write_text(re.sub(r"actions/checkout@\w+", "actions/checkout@v7", text), encoding="utf-8")
    assert [(f["ident"], severity(f)) for f in zizmor_findings(tmp_path / ".github")] == [("unpinned-uses", "High")]


def test_dependabot_proposes_new_pins_for_actions_npm_and_pip():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "npm", "pip"}
    assert all(u["directory"] == "/" for u in config["updates"])


def build_once(tmp: Path, config="mkdocs.yml", engine="mkdocs") -> Path:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--config", config, "--engine", engine,
                             "--site", str(tmp / "site"), "--docs", str(tmp / "docs")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_two_builds_are_byte_identical(tmp_path, engine):
    first = tree_digest(build_once(tmp_path / "one", engine=engine))
    second = tree_digest(build_once(tmp_path / "two", engine=engine))
    assert first == second
    assert "sitemap.xml" in first


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_strict_build_fails_on_a_broken_link_and_keeps_the_site(tmp_path, engine):
    docs = tmp_path / "docs"
    site.generate(site.EXAMPLES, docs)
    site.build_docs(docs, tmp_path / "site", engine)
    before = tree_digest(tmp_path / "site")
    page = docs / "key-insights.md"
    good = page.read_text(encoding="utf-8")
    for link in ("missing.md", "index.md#no-such-heading"):
        page.write_text(good + f"\n[Gone]({link})\n", encoding="utf-8")
        with pytest.raises(site.BuildError, match=r"^[^\n]*key-insights\.md[^\n]*$"):
            site.build_docs(docs, tmp_path / "site", engine)
        assert tree_digest(tmp_path / "site") == before
    # A formula MathJax cannot read fails the build after the engine, before the swap.
    page.write_text(good + "\n\\(\\frac{1}{\\)\n", encoding="utf-8")
    with pytest.raises(site.BuildError, match=r"cannot typeset the formula .*Missing close brace"):
        site.build_docs(docs, tmp_path / "site", engine)
    assert tree_digest(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_a_build_that_lost_a_page_keeps_the_last_good_site(tmp_path, monkeypatch):
    # An engine that skips a page without failing (Zensical ignores what it does not know)
    # must not replace a good site: the finishing step checks every page is there.
    docs = tmp_path / "docs"
    site.generate(site.EXAMPLES, docs)
    site.build_docs(docs, tmp_path / "site")
    before = tree_digest(tmp_path / "site")

    def loses_a_page(config, staging):
        engines.mkdocs(config, staging)
        (staging / "cost.html").unlink()

    monkeypatch.setitem(engines.BUILDERS, "mkdocs", loses_a_page)
    with pytest.raises(site.BuildError, match="cost.html"):
        site.build_docs(docs, tmp_path / "site")
    assert tree_digest(tmp_path / "site") == before


def test_zensical_writes_to_the_same_folder_every_build(tmp_path, monkeypatch):
    # Zensical keys its cache of rendered pages by the folder it writes to: a new folder each
    # build (as the staging folders are) would render every page again. Each build must name the
    # same folder in the config it hands Zensical, and leave the pages in its own staging folder.
    config = tmp_path / "docs.yml"
    config.write_text("site_name: t\n", encoding="utf-8")
    named = []

    def zensical_cli(cmd, **kw):
        own = Path(cmd[cmd.index("-f") + 1])
        folder = own.parent / yaml.safe_load(own.read_text(encoding="utf-8"))["site_dir"]
        named.append(folder)
        folder.mkdir()
        (folder / "index.html").write_text(str(len(named)), encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(engines.subprocess, "run", zensical_cli)
    for build in ("one", "two"):
        staging = tmp_path / f".site-{build}"
        staging.mkdir()
        engines.zensical(config, staging)
        assert (staging / "index.html").is_file()
    assert named[0] == named[1] and not named[0].exists()
    assert (tmp_path / ".site-two" / "index.html").read_text(encoding="utf-8") == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-one", ".site-two", "docs.yml"]


def make_offline(tmp: Path) -> Path:
    """`make offline`, with everything it writes under `tmp`."""
    archive = tmp / "docs.zip"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    result = subprocess.run([sys.executable, "-m", "generator", "offline", "--archive", str(archive),
                             "--site", str(tmp / "site"), "--docs", str(tmp / "docs")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return archive


@pytest.fixture(scope="module")
def offline_archive(tmp_path_factory):
    return make_offline(tmp_path_factory.mktemp("offline"))


def test_offline_archive_is_reproducible(offline_archive, tmp_path):
    assert make_offline(tmp_path).read_bytes() == offline_archive.read_bytes()


def test_the_engines_bundle_is_as_shipped_with_the_compile_hint_on_top(engine_site):
    """Material's bundle (Zensical's, for Zensical) is the engine's own file with V8's compile
    hint as its first line, and its source map, where it has one, moved down one line to match."""
    assets = engine_site / "assets" / "javascripts"
    [shipped] = [bundle for theme in ("material", "zensical")
                 for bundle in (Path(importlib.resources.files(theme)) / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
                 if (assets / bundle.name).is_file()]
    built = assets / shipped.name
    assert built.read_text(encoding="utf-8") == "//# allFunctionsCalledOnLoad\n" + shipped.read_text(encoding="utf-8")
    shipped_map = shipped.with_name(shipped.name + ".map")
    built_map = built.with_name(built.name + ".map")
    assert built_map.is_file() == shipped_map.is_file()
    if shipped_map.is_file():
        before = json.loads(shipped_map.read_text(encoding="utf-8"))
        after = json.loads(built_map.read_text(encoding="utf-8"))
        assert after == {**before, "mappings": ";" + before["mappings"]}


def test_offline_archive_is_one_folder_with_an_index(offline_archive):
    with zipfile.ZipFile(offline_archive) as z:
        names = z.namelist()
    assert {n.split("/")[0] for n in names} == {site.OFFLINE_NAME}
    assert f"{site.OFFLINE_NAME}/index.html" in names
    assert f"{site.OFFLINE_NAME}/search/search_index.js" in names
    # What no page reads from disk is left out: the index as JSON, lunr's other languages.
    assert f"{site.OFFLINE_NAME}/search/search_index.json" not in names
    assert not [n for n in names if "/javascripts/lunr/" in n]
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
    w.loaded.clear()
    w.goto((root / "index.html").as_uri())
    search_from_disk(w, "chain rule")
    assert w.page.locator(".md-search-result__item").count() > 0
    # Links between pages work from disk.
    w.page.keyboard.press("Escape")
    nav_link(w.page, 'a.md-nav__link:has-text("A numerical example")').click()
    w.page.wait_for_url("**/numerical-example.html")
    assert w.untypeset() == 0
    assert w.tex_in_text() == []
    assert w.mathjax_requests() == []
    assert w.errors == []
    assert w.requests == []


@pytest.mark.browser
@pytest.mark.parametrize("published", ["published_site", "published_zensical_site"], ids=engines.ENGINES)
def test_instant_navigation_keeps_math_typeset(published, request, watched):
    published_site = request.getfixturevalue(published)
    w = watched(allowed_prefix=published_site)
    w.goto(published_site + "index.html")
    # Material takes over links once it has read the sitemap.
    w.page.wait_for_load_state("networkidle")
    assert "navigation.instant" in w.page.evaluate("() => document.getElementById('__config').textContent")
    w.page.evaluate("() => { window.__sameDocument = true; }")
    for title, url in [("The forward pass", "forward-pass.html"), ("A numerical example", "numerical-example.html"),
                       ("The backward pass", "backward-pass.html")]:
        go_instantly(w.page, f'a.md-nav__link:has-text("{title}")')
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
