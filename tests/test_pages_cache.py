"""The cache of generated pages: a build whose inputs are unchanged takes the last build's
pages; any change to an input makes them afresh, the same as with no cache at all."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import site

ROOT = Path(__file__).resolve().parent.parent

_opened: list[str] | None = None


def _audit(event, args):
    if _opened is not None and event == "open" and isinstance(args[0], (str, Path)):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


def test_the_key_covers_every_file_the_pages_are_made_from():
    # Every file of the project that computing and rendering open must be in the key, or a
    # change to it would leave stale pages in place.
    global _opened
    _opened = []
    try:
        site.rendered_pages(site.EXAMPLES, cache=None)
    finally:
        read, _opened = _opened, None
    read = {Path(p).resolve() for p in read if Path(p).resolve().is_relative_to(ROOT) and Path(p).is_file()}
    read = {p for p in read if p.suffix != ".pyc" and ".venv" not in p.parts}
    assert any(p.suffix == ".j2" for p in read) and any(p.suffix == ".toml" for p in read)
    assert read - {p.resolve() for p in site.input_files(site.EXAMPLES)} == set()


@pytest.fixture
def examples(tmp_path):
    folder = tmp_path / "examples"
    shutil.copytree(site.EXAMPLES, folder)
    return folder


def test_unchanged_inputs_take_the_cached_pages(examples, tmp_path, monkeypatch):
    cache = tmp_path / "pages.json"
    fresh = site.rendered_pages(examples, cache=None)
    assert site.rendered_pages(examples, cache) == fresh

    def not_again(*_):
        raise AssertionError("computed again with unchanged inputs")

    monkeypatch.setattr(site, "compute_all", not_again)
    assert site.rendered_pages(examples, cache) == fresh


def test_a_changed_example_is_computed_again(examples, tmp_path):
    cache = tmp_path / "pages.json"
    before = site.rendered_pages(examples, cache)
    seed = examples / "seed.toml"
    text = seed.read_text(encoding="utf-8")
    assert "W1 = [[0.2, 0.5]" in text
    seed.write_text(text.replace("W1 = [[0.2, 0.5]", "W1 = [[0.2, 0.9]", 1), encoding="utf-8")
    after = site.rendered_pages(examples, cache)
    assert after != before
    assert after == site.rendered_pages(examples, cache=None)


def test_a_new_example_file_is_computed_again(examples, tmp_path):
    cache = tmp_path / "pages.json"
    before = site.rendered_pages(examples, cache)
    shutil.copy(examples / "two-outputs.toml", examples / "two-outputs-again.toml")
    (examples / "two-outputs-again.toml").write_text(
        (examples / "two-outputs.toml").read_text(encoding="utf-8").replace('title = "', 'title = "Again: ', 1),
        encoding="utf-8")
    after = site.rendered_pages(examples, cache)
    assert set(after[0]) - set(before[0])


def test_a_changed_template_or_module_changes_the_key(examples, tmp_path, monkeypatch):
    code = tmp_path / "generator"
    shutil.copytree(site.GENERATOR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(site, "GENERATOR", code)
    key = site.inputs_key(examples)
    for changed in (code / "templates" / "cost.md.j2", code / "maths" / "core.py"):
        original = changed.read_bytes()
        changed.write_bytes(original + b"\n")
        assert site.inputs_key(examples) != key
        changed.write_bytes(original)
    assert site.inputs_key(examples) == key


def test_an_unreadable_cache_is_made_afresh(examples, tmp_path):
    cache = tmp_path / "pages.json"
    for bad in ("", "{", "[]", '{"key": 1}'):
        cache.write_text(bad, encoding="utf-8")
        assert site.rendered_pages(examples, cache) == site.rendered_pages(examples, cache=None)


# What computes and renders; a build whose pages are cached needs none of it.
HEAVY = ("numpy", "jinja2", "generator.render", "generator.content.model", "generator.example")


def _imported_by_rendered_pages(examples: Path, cache: Path) -> list[str]:
    """The modules of HEAVY that a fresh process has imported after its `rendered_pages`."""
    code = ("import sys; from pathlib import Path; from generator import cli, site; "
            f"site.rendered_pages(Path({str(examples)!r}), Path({str(cache)!r})); "
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_a_build_from_cached_pages_imports_nothing_that_computes(examples, tmp_path):
    cache = tmp_path / "pages.json"
    # With no cache the same process computes, and imports every one of them.
    assert _imported_by_rendered_pages(examples, cache) == list(HEAVY)
    assert cache.is_file()
    assert _imported_by_rendered_pages(examples, cache) == []
