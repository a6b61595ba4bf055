"""The code page shows the project's own source, read when the site is built: every listing is
the file's text at the line numbers it claims, the built HTML shows exactly that text, and
editing a source changes its listing."""
from __future__ import annotations

import html
import importlib.util
import inspect
import re
from pathlib import Path

import pytest

from generator import render
from generator.content import listing
from generator.maths import core

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r'^``` python title="([^"]+)" linenums="(\d+)"\n(.*?)\n```$', re.M | re.S)


@pytest.fixture(scope="module")
def code_markdown(computed):
    return render.render(computed)["code.md"]


def test_every_listing_is_its_file_at_its_line_numbers(code_markdown):
    blocks = FENCE.findall(code_markdown)
    assert len(blocks) >= 6
    for path, first, text in blocks:
        lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
        shown = text.splitlines()
        start = int(first) - 1
        assert lines[start:start + len(shown)] == shown, path


def test_the_forward_loss_and_backward_pass_are_listed_whole(code_markdown):
    for function in (core.forward, core.loss_value, core.loss_gradient, core.run):
        assert inspect.getsource(function).rstrip("\n") in code_markdown, function.__name__


def code_blocks(page: Path) -> list[str]:
    """The text of every highlighted block as the browser shows it: tags gone, entities read."""
    out = []
    for block in re.findall(r'<td class="code">(.*?)</td>', page.read_text(encoding="utf-8"), flags=re.S):
        code = re.search(r"<code>(.*?)</code>", block, flags=re.S).group(1)
        out.append(html.unescape(re.sub(r"<[^>]+>", "", code)).rstrip("\n"))
    return out


def test_the_built_page_shows_the_source_text_exactly(engine_site, code_markdown):
    shown = code_blocks(engine_site / "code.html")
    expected = [text for _, _, text in FENCE.findall(code_markdown)]
    assert shown == expected


def test_editing_a_source_changes_its_listing(tmp_path, monkeypatch):
    module_path = tmp_path / "generator" / "maths" / "sample.py"
    module_path.parent.mkdir(parents=True)
    module_path.write_text("# Why it is so.\ndef f(x):\n    return x + 1\n\n\nG = 2\n", encoding="utf-8")
    monkeypatch.setattr(listing, "ROOT", tmp_path)

    def load():
        spec = importlib.util.spec_from_file_location("sample_for_listing", module_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    first = listing.listing(load(), "f")
    assert (first.path, first.first_line, first.text) == ("generator/maths/sample.py", 1,
                                                          "# Why it is so.\ndef f(x):\n    return x + 1")
    module_path.write_text("\n\ndef f(x):\n    return x - 1\n\n\nG = 2\n", encoding="utf-8")
    second = listing.listing(load(), "f", "G")
    assert (second.first_line, second.text) == (3, "def f(x):\n    return x - 1\n\n\nG = 2")
    with pytest.raises(LookupError):
        listing.listing(load(), "h")
