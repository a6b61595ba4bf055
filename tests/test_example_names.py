"""No example is lost to its file name: each file gets a URL-safe page of its own, and a name or
title that would hide another page stops the build with one line naming the files, leaving the
last good site exactly as it was."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import site
from tests.pages import tree_digest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.toml"


def example(title: str, seed: int = 3) -> str:
    return f'title = "{title}"\n[network]\nsizes = [2, 2, 1]\n[sample]\nx = [0.5, 0.3]\ny = [0.8]\n[init]\nseed = {seed}\n'


def examples_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "examples"
    folder.mkdir()
    shutil.copy(SEED, folder)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# Each case: the files beside seed.toml, and what the one line must say besides naming them.
CLASHES = {
    "index-takes-the-overview": ({"index.toml": example("An index")}, ["index.toml"], "Examples"),
    "two-files-one-page": ({"My Net.toml": example("First"), "my-net.toml": example("Second")},
                           ["My Net.toml", "my-net.toml"], "examples/my-net.html"),
    "two-examples-one-title": ({"alpha.toml": example("Same title"), "beta.toml": example("Same  title", 4)},
                               ["alpha.toml", "beta.toml"], '"Same title"'),
    "no-letter-in-the-name": ({"(!).toml": example("Punctuation")}, ["(!).toml"], "page name"),
}


@pytest.mark.parametrize("files, named, says", CLASHES.values(), ids=CLASHES.keys())
def test_a_clash_stops_the_build_with_one_line_and_keeps_the_site(built_site, tmp_path, files, named, says):
    last_good = tmp_path / "site"
    shutil.copytree(built_site, last_good)
    before = tree_digest(last_good)
    folder = examples_folder(tmp_path, files)
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--examples", str(folder),
                             "--site", str(last_good), "--docs", str(tmp_path / "docs")],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    for name in named:
        assert str(folder / name) in lines[0]
    assert says in lines[0]
    assert tree_digest(last_good) == before
    assert not (tmp_path / "docs").exists()


def test_file_names_become_url_safe_page_names(tmp_path):
    folder = examples_folder(tmp_path, {"My Net (v2)!.toml": example("My network, second version"),
                                        "Réseau à deux.toml": example("Un réseau", 5)})
    site.build(tmp_path / "site", ROOT / "mkdocs.yml", folder, tmp_path / "docs")
    built = tmp_path / "site"
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    assert "examples/my-net-v2.html" in pages and "examples/checks/my-net-v2.html" in pages
    assert "examples/reseau-a-deux.html" in pages and "examples/checks/reseau-a-deux.html" in pages
    assert all(re.fullmatch(r"[a-z0-9/.-]+", p) for p in pages), pages
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="examples/my-net-v2.html"' in home and 'href="examples/reseau-a-deux.html"' in home
    assert "My network, second version" in (built / "examples" / "my-net-v2.html").read_text(encoding="utf-8")
