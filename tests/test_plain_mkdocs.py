"""The commands a MkDocs user types first, in the project folder: `.venv/bin/mkdocs build` and
`.venv/bin/mkdocs serve` build the whole site (the hook generates the pages), and without the
project installed they stop with one line saying what to run, never a traceback."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests import pages

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def environment(docs: Path) -> dict:
    # The generated pages go to a temporary folder, not the checkout's build/docs; MkDocs needs
    # the folder to exist before its hook fills it.
    docs.mkdir()
    return dict(os.environ, BACKPROP_DOCS=str(docs), NO_MKDOCS_2_WARNING="1", SITE_URL="")


def html_pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def test_mkdocs_build_builds_the_whole_site(built_site, tmp_path):
    env = environment(tmp_path / "docs")
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "site")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    built = tmp_path / "site"
    assert html_pages(built) == html_pages(built_site)
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="examples/relu-bce.html"' in home and 'href="gradient-check.html"' in home
    assert len(pages.read(built / "numerical-example.html").math) == len(pages.read(built_site / "numerical-example.html").math)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_serves_the_generated_pages(tmp_path):
    env = environment(tmp_path / "docs")
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen([str(MKDOCS), "serve", "--no-livereload", "-a", address], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://{address}/numerical-example.html", timeout=5) as r:
                    body = r.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "mkdocs serve never answered"
                time.sleep(0.5)
        assert body.count('class="arithmatex"') > 50
        assert 'href="examples/two-outputs.html"' in body
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors


def test_without_the_project_installed_mkdocs_says_what_to_run(tmp_path):
    # As in an environment where only requirements.txt was installed: the generator package
    # cannot be imported.
    hide = "import sys; sys.modules['generator'] = None; from mkdocs.__main__ import cli; cli()"
    for command in ("build", "serve"):
        result = subprocess.run([sys.executable, "-c", hide, command], cwd=ROOT, env=environment(tmp_path / command),
                                capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("error: ") and "make build" in lines[0]
