"""Bad examples get one clear sentence naming the file and the key, exit code 2, no traceback,
and a failed build leaves the last good site exactly as it was."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pages import tree_digest

ROOT = Path(__file__).resolve().parent.parent
BAD = sorted((Path(__file__).parent / "bad_examples").glob("*.toml"))
# Files that cannot carry an "# expect:" line say what they expect here.
EXPECTED_WITHOUT_HEADER = {"empty.toml": "is empty", "not-text.toml": "is not UTF-8 text"}


def expectation(path: Path) -> str:
    if path.name in EXPECTED_WITHOUT_HEADER:
        return EXPECTED_WITHOUT_HEADER[path.name]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), path
    return first.removeprefix("# expect: ")


def run(*args):
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_there_is_one_bad_example_per_class():
    assert len(BAD) >= 15


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_compute_reports_one_line_naming_file_and_key(path):
    # As an author types it, from the project folder; the message names the file the same way.
    typed = path.relative_to(ROOT).as_posix()
    result = run("compute", typed)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {typed}: ")
    assert expectation(path) in lines[0]


def test_a_failed_build_leaves_the_last_good_site_untouched(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = tree_digest(site)
    examples = tmp_path / "examples"
    examples.mkdir()
    shutil.copy(ROOT / "examples" / "seed.toml", examples)
    shutil.copy(Path(__file__).parent / "bad_examples" / "shape.toml", examples / "broken.toml")
    result = run("build", "--examples", str(examples), "--site", str(site), "--docs", str(tmp_path / "docs"))
    assert result.returncode == 2
    assert "broken.toml" in result.stderr and "parameters.W1" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(site) == before
    assert not (tmp_path / "docs").exists()
