"""A thin MkDocs hook for plain `mkdocs build` and `mkdocs serve` on mkdocs.yml: it regenerates
the pages (on every change under `serve`) and takes the navigation from the generated config.
`python -m generator build` does not use it: it builds from the generated config, which
carries the navigation itself, with MkDocs or Zensical."""
from __future__ import annotations

import logging
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

try:
    from generator import engines, site, typeset
    from generator.example import ExampleError
except ImportError:
    # Without the project installed in its environment there is nothing to build the pages with.
    raise SystemExit("error: the generator package is not installed here; run `make build`, "
                     "which installs it into .venv, then `.venv/bin/mkdocs build` or `serve`") from None

log = logging.getLogger("mkdocs.hooks.generator")
_command = None


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    docs_dir = Path(config["docs_dir"])
    try:
        # No cache of the pages: `serve` keeps the generator's code it started with.
        site.generate(docs_dir=docs_dir, config=Path(config["config_file_path"]), cache=None)
    except (ExampleError, site.BuildError) as e:
        if _command != "serve":
            raise PluginError(str(e)) from None
        # Under `serve` a bad example keeps the last good pages until it is mended.
        log.error(str(e))
    generated = engines.config_file(docs_dir)
    if generated.exists():
        config["nav"] = yaml.safe_load(generated.read_text(encoding="utf-8"))["nav"]
    return config


def on_post_build(config):
    # `make build` typesets the math after the engine (site.finish) and runs no hook; plain
    # `mkdocs build` and `mkdocs serve` build with MkDocs alone, so they typeset here.
    try:
        typeset.typeset_site(Path(config["site_dir"]))
    except typeset.TypesetError as e:
        raise PluginError(str(e)) from None
