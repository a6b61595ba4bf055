"""The pipeline: load every example, compute, render, and only then write.

Loading, computing and rendering never touch the disk beyond reading; `sync_tree` is the one
step that writes the generated docs, and `build` has an engine (MkDocs or Zensical) build them
into a staging folder, finishes it, and swaps it into place, so a bad example or a failed build
leaves the last good site exactly as it was.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import engines, tables, typeset
from .engines import BuildError
from .errors import ExampleError

# What computes and renders (numpy, Jinja and the content models) is imported where it is
# used: a build whose pages are cached (`rendered_pages`) needs none of it, and importing it
# took a fifth of such a build.
if TYPE_CHECKING:
    from .content.model import Computed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STATIC = ROOT / "docs"  # hand-written assets copied as they are
BUILD = ROOT / "build"
DOCS = BUILD / "docs"  # the generated docs_dir that mkdocs.yml points at
NODE_MODULES = ROOT / "node_modules"
GENERATOR = Path(__file__).resolve().parent
# The last generated pages, with the key of what they were made from (see `rendered_pages`),
# and Jinja's compiled templates.
PAGES_CACHE = BUILD / "pages-cache.json"
TEMPLATE_CACHE = BUILD / ".cache" / "jinja"

# The parts of npm packages the site serves itself: (source under node_modules, target under
# the docs). The pages load none of MathJax: their formulas are typeset at build time
# (typeset.py). Its runtime stays, with the same output and font as the build (the font's core,
# inside tex-svg.js), for a page that would typeset formulas again in the browser. Its TeX
# extensions stay out: every macro the pages write is in tex-svg.js's own packages (base and
# ams), so a reader's edit loads none of them.
VENDOR = [
    ("@mathjax/src/bundle/tex-svg.js", "assets/vendor/mathjax/tex-svg.js"),
    ("@mathjax/src/bundle/a11y/assistive-mml.js", "assets/vendor/mathjax/a11y/assistive-mml.js"),
    ("@mathjax/src/LICENSE", "assets/vendor/mathjax/LICENSE"),
    ("@mathjax/mathjax-newcm-font/package.json", "assets/vendor/mathjax-newcm-font/package.json"),  # names its licence
    ("iframe-worker/shim/index.js", "assets/vendor/iframe-worker/shim.js"),
]


def example_paths(examples_dir: Path = EXAMPLES) -> list[Path]:
    return sorted(examples_dir.glob("*.toml"))


def compute(path) -> Computed:
    from .content import model
    from .example import load
    return model.compute(load(path))


def compute_all(examples_dir: Path = EXAMPLES) -> list[Computed]:
    from . import slugs
    from .content import model
    paths = example_paths(examples_dir)
    slugs.check_page_names(paths)
    if not any(p.stem == model.MAIN_EXAMPLE for p in paths):
        raise ExampleError(examples_dir / f"{model.MAIN_EXAMPLE}.toml", None,
                           "is missing; the site's main pages are built from it")
    computed = [compute(p) for p in paths]
    slugs.check_titles(c.example for c in computed)
    return computed


def input_files(examples_dir: Path = EXAMPLES) -> list[Path]:
    """Every file the pages are made from: the examples, the generator's code and templates,
    and the exercise that the code page quotes."""
    code = [p for folder in (GENERATOR, ROOT / "exercises") for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts]
    return sorted(code) + example_paths(examples_dir)


def inputs_key(examples_dir: Path = EXAMPLES) -> str:
    """A digest of everything the generated pages are a function of: `input_files`, and the
    versions of Python and of the libraries that compute and render."""
    versions = [importlib.metadata.version(name) for name in ("numpy", "jinja2")]
    digest = hashlib.sha256("\0".join([sys.version, *versions]).encode())
    for p in input_files(examples_dir):
        data = p.read_bytes()
        digest.update(f"{p.resolve()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def rendered_pages(examples_dir: Path = EXAMPLES, cache: Path | None = None) -> tuple[dict[str, str], list]:
    """Every generated page as {path: Markdown}, and the navigation.

    With a `cache` file, a build whose inputs (`inputs_key`) are those of the last one takes
    that build's pages instead of computing them again: the same inputs give the same pages.
    Only a fresh process may use it: the key is read from the files on disk, so a process
    that keeps old code loaded (`mkdocs serve`) would file its pages under the new code's key."""
    key = inputs_key(examples_dir) if cache else ""
    if cache:
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("key") == key:
                return data["pages"], data["nav"]
        except (OSError, ValueError, AttributeError):
            pass
    import jinja2

    from . import render
    computed = compute_all(examples_dir)
    bytecode = None
    if cache:
        TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
        bytecode = jinja2.FileSystemBytecodeCache(str(TEMPLATE_CACHE))
    pages, nav = render.render(computed, bytecode), render.nav(computed)
    if cache:
        # Whole or not at all: two builds at once may race, and either wins.
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(dict(key=key, pages=pages, nav=nav), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    return pages, nav


def collect_files(pages: dict[str, str], static_dir: Path = STATIC, node_modules: Path = NODE_MODULES) -> dict[str, bytes]:
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
    for path, text in pages.items():
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


def generate(examples_dir: Path = EXAMPLES, docs_dir: Path = DOCS, config: Path = ROOT / "mkdocs.yml",
             cache: Path | None = PAGES_CACHE) -> None:
    """Compute and render everything, then write the docs tree and the generated config that
    builds it (`config` inherited, the navigation added)."""
    pages, nav = rendered_pages(examples_dir, cache)
    files = collect_files(pages)
    text = engines.config_text(config.resolve(), docs_dir.resolve(), nav)
    sync_tree(files, docs_dir)
    engines.config_file(docs_dir).write_text(text, encoding="utf-8")


def build(site_dir: Path, config: Path, examples_dir: Path = EXAMPLES, docs_dir: Path = DOCS,
          engine: str = "mkdocs") -> None:
    """Generate the pages, then build the site from them with `engine`."""
    docs_dir = docs_dir.resolve()
    generate(examples_dir, docs_dir, config)
    build_docs(docs_dir, site_dir, engine)


def build_docs(docs_dir: Path, site_dir: Path, engine: str = "mkdocs") -> None:
    """Build the generated docs with `engine` into a staging folder, finish it, and only then
    swap it in: a failed step leaves the last good site as it was.

    The staging folder sits beside the docs folder because Zensical writes only below the
    folder of the config it reads."""
    docs_dir = docs_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=docs_dir.parent))
    try:
        engines.BUILDERS[engine](engines.config_file(docs_dir), staging)
        finish(staging, docs_dir)
        swap_in(staging, site_dir.resolve())
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def finish(staging: Path, docs_dir: Path) -> None:
    """The one place where a built site is completed and checked before it goes live, whichever
    engine built it. An engine that skipped a page (Zensical ignores settings it does not know)
    must not replace a good site."""
    for page in sorted(docs_dir.rglob("*.md")):
        html = page.relative_to(docs_dir).with_suffix(".html").as_posix()
        if not (staging / html).is_file():
            raise BuildError(f"the build wrote no {html}; the site was left as it was")
    # Every formula typeset now, once, so that no page needs MathJax when it is read.
    try:
        typeset.typeset_site(staging)
    except typeset.TypesetError as e:
        raise BuildError(str(e)) from None
    tables.wrap_site_tables(staging)
    drop_unused_search_languages(staging)
    compile_bundle_eagerly(staging)


def drop_unused_search_languages(site_dir: Path) -> None:
    """Material ships lunr's support for other languages than English (1 MB: stemmers, and word
    splitters for Japanese and Thai); its search worker loads them only for a site whose search
    language is not English alone. Zensical writes no such folder."""
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    try:
        config = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    if config.get("lang") == ["en"] and lunr.is_dir():
        shutil.rmtree(lunr)


# V8's explicit compile hint (Chromium 136 and later): the file's functions are compiled as the
# file downloads, on a background thread, instead of one by one on the page's main thread when
# each is first called. Material's bundle calls most of its functions as it starts, which it
# does after the first paint, while the reader may already be scrolling.
EAGER_COMPILE_HINT = "//# allFunctionsCalledOnLoad\n"


def compile_bundle_eagerly(site_dir: Path) -> None:
    """Put the compile hint at the top of the engine's bundle (the hint counts only there), and
    move its source map, where there is one, down by the line that adds."""
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        # The build's staging folder is new each time (build_docs), so the hint is not there yet.
        bundle.write_text(EAGER_COMPILE_HINT + bundle.read_text(encoding="utf-8"), encoding="utf-8")
        source_map = bundle.with_name(bundle.name + ".map")
        if source_map.is_file():
            data = json.loads(source_map.read_text(encoding="utf-8"))
            # In a source map's mappings, each ";" starts the next line of the generated file.
            data["mappings"] = ";" + data["mappings"]
            source_map.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace the site with the finished build by renames, so no reader sees half a site."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if staging.stat().st_dev != site_dir.parent.stat().st_dev:
        # A rename cannot cross file systems: copy beside the site first.
        near = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
        shutil.copytree(staging, near, dirs_exist_ok=True)
        shutil.rmtree(staging)
        staging = near
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    if old.exists():
        shutil.rmtree(old)


OFFLINE_NAME = "understanding-backpropagation-offline"


def package(site_dir: Path, archive: Path, folder: str = OFFLINE_NAME) -> Path:
    """Zip a built site as one folder, reproducibly: sorted entries, each dated
    SOURCE_DATE_EPOCH (or 1980-01-01, zip's earliest date), fixed permissions; without the
    source maps, and without the search index's JSON when its script is there: from disk the
    pages read the index from search_index.js (Material's offline plugin), never the JSON."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)
    stamp = max(epoch, 315532800)
    date_time = time.gmtime(stamp)[:6]
    archive.parent.mkdir(parents=True, exist_ok=True)
    unread = {site_dir / "search" / "search_index.json"} if (site_dir / "search" / "search_index.js").is_file() else set()
    tmp = archive.with_name(archive.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for p in sorted(site_dir.rglob("*")):
            # Source maps only serve a browser's developer tools.
            if p.is_file() and p.suffix != ".map" and p not in unread:
                info = zipfile.ZipInfo(f"{folder}/{p.relative_to(site_dir).as_posix()}", date_time)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, p.read_bytes(), compresslevel=9)
    os.replace(tmp, archive)
    return archive
