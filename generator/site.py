"""The pipeline: load every example, compute, render, and only then write.

Loading, computing and rendering never touch the disk beyond reading; `sync_tree` is the one
step that writes the generated docs, and `build` swaps a finished MkDocs build into place, so a
bad example or a failed build leaves the last good site exactly as it was.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from . import core, render, typeset, worked
from .example import ExampleError, load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STATIC = ROOT / "docs"  # hand-written assets copied as they are
BUILD = ROOT / "build"
DOCS = BUILD / "docs"  # the generated docs_dir that mkdocs.yml points at
NODE_MODULES = ROOT / "node_modules"

# The parts of npm packages the site serves itself: (source under node_modules, target under
# the docs). The pages load none of MathJax: their formulas are typeset at build time
# (typeset.py). Its runtime stays, with the same output and font as the build (the font's core,
# inside tex-svg.js), for a page that would typeset formulas again in the browser.
VENDOR = [
    ("@mathjax/src/bundle/tex-svg.js", "assets/vendor/mathjax/tex-svg.js"),
    ("@mathjax/src/bundle/a11y/assistive-mml.js", "assets/vendor/mathjax/a11y/assistive-mml.js"),
    ("@mathjax/src/bundle/input/tex/extensions", "assets/vendor/mathjax/input/tex/extensions"),
    ("@mathjax/src/LICENSE", "assets/vendor/mathjax/LICENSE"),
    ("@mathjax/mathjax-newcm-font/package.json", "assets/vendor/mathjax-newcm-font/package.json"),  # names its licence
    ("iframe-worker/shim/index.js", "assets/vendor/iframe-worker/shim.js"),
]


class BuildError(Exception):
    """A failure outside the examples (a missing install, a failed MkDocs build)."""


def example_paths(examples_dir: Path = EXAMPLES) -> list[Path]:
    return sorted(examples_dir.glob("*.toml"))


def compute(path) -> render.Computed:
    ex = load(path)
    trace = core.run(ex.network, ex.x, ex.y)
    return render.Computed(ex, trace, worked.quantities(trace, ex.significant_digits))


def compute_all(examples_dir: Path = EXAMPLES) -> list[render.Computed]:
    paths = example_paths(examples_dir)
    if not any(p.stem == render.MAIN_EXAMPLE for p in paths):
        raise ExampleError(examples_dir / f"{render.MAIN_EXAMPLE}.toml", None,
                           "is missing; the site's main pages are built from it")
    return [compute(p) for p in paths]


def collect_files(computed, static_dir: Path = STATIC, node_modules: Path = NODE_MODULES) -> dict[str, bytes]:
    """Every file of the generated docs tree, in memory: static assets, vendor files, pages."""
    files: dict[str, bytes] = {}
    for p in sorted(static_dir.rglob("*")):
        if p.is_file():
            files[p.relative_to(static_dir).as_posix()] = p.read_bytes()
    for source, target in VENDOR:
        src = node_modules / source
        if not src.exists():
            raise BuildError(f"{src}: missing; run `make build` (or `npm ci`) to install the site's npm packages")
        for f in sorted(src.rglob("*")) if src.is_dir() else [src]:
            if f.is_file():
                rel = f.relative_to(src).as_posix() if src.is_dir() else ""
                files[f"{target}/{rel}" if rel else target] = f.read_bytes()
    for path, text in render.render(computed).items():
        files[path] = text.encode("utf-8")
    return files


def sync_tree(files: dict[str, bytes], root: Path) -> None:
    """Make `root` hold exactly `files`, writing only what changed so that `mkdocs serve`
    sees no change when there is none."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        target = root / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    for p in sorted(root.rglob("*"), reverse=True):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and rel not in files:
            p.unlink()
        elif p.is_dir() and not any(p.iterdir()):
            p.rmdir()


def nav_file(docs_dir: Path) -> Path:
    return docs_dir.parent / f"{docs_dir.name}-nav.json"


def generate(examples_dir: Path = EXAMPLES, docs_dir: Path = DOCS):
    """Compute and render everything, then write the docs tree and the navigation."""
    computed = compute_all(examples_dir)
    files = collect_files(computed)
    nav = render.nav(computed)
    sync_tree(files, docs_dir)
    nav_file(docs_dir).write_text(json.dumps(nav, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return computed


def build(site_dir: Path, config: Path, examples_dir: Path = EXAMPLES, docs_dir: Path = DOCS) -> None:
    """Generate the pages, then build the site from them."""
    docs_dir = docs_dir.resolve()
    generate(examples_dir, docs_dir)
    mkdocs_build(docs_dir, config, site_dir)


def mkdocs_build(docs_dir: Path, config: Path, site_dir: Path) -> None:
    """Build with MkDocs (strict) into a temporary folder beside site_dir, then swap it in:
    a failed build leaves the last good site as it was.

    MkDocs runs in this process: a second interpreter would cost as much as the build."""
    from mkdocs.commands.build import build as mkdocs_build_site
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    problems = _ProblemLog()
    mkdocs_log = logging.getLogger("mkdocs")
    saved = {k: os.environ.get(k) for k in ("BACKPROP_DOCS", "NO_MKDOCS_2_WARNING")}
    # mkdocs.yml reads the docs folder from BACKPROP_DOCS when it is loaded.
    os.environ.update(BACKPROP_DOCS=str(docs_dir.resolve()), NO_MKDOCS_2_WARNING="1")
    mkdocs_log.addHandler(problems)
    propagate, mkdocs_log.propagate = mkdocs_log.propagate, False
    try:
        try:
            cfg = load_config(str(config), site_dir=str(staging), strict=True)
            mkdocs_build_site(cfg)
        except (MkDocsException, SystemExit) as e:
            raise BuildError("mkdocs build failed: " + (problems.first or str(e))) from None
        try:
            typeset.typeset_site(staging)
        except typeset.TypesetError as e:
            raise BuildError(str(e)) from None
        old = site_dir.with_name(site_dir.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        if old.exists():
            shutil.rmtree(old)
    finally:
        mkdocs_log.removeHandler(problems)
        mkdocs_log.propagate = propagate
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if staging.exists():
            shutil.rmtree(staging)


class _ProblemLog(logging.Handler):
    """Keeps MkDocs' warnings and errors: the first one is what stopped a strict build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.first: str | None = None

    def emit(self, record):
        if self.first is None:
            self.first = record.getMessage().strip().splitlines()[0]


OFFLINE_NAME = "understanding-backpropagation-offline"


def package(site_dir: Path, archive: Path, folder: str = OFFLINE_NAME) -> Path:
    """Zip a built site as one folder, reproducibly: sorted entries, each dated
    SOURCE_DATE_EPOCH (or 1980-01-01, zip's earliest date), fixed permissions; without the
    source maps."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)
    stamp = max(epoch, 315532800)
    date_time = time.gmtime(stamp)[:6]
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_name(archive.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for p in sorted(site_dir.rglob("*")):
            # Source maps only serve a browser's developer tools.
            if p.is_file() and p.suffix != ".map":
                info = zipfile.ZipInfo(f"{folder}/{p.relative_to(site_dir).as_posix()}", date_time)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, p.read_bytes(), compresslevel=9)
    os.replace(tmp, archive)
    return archive
