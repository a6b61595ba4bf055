"""A thin MkDocs hook: the navigation from the generated examples, and regeneration under
`mkdocs serve`. Everything it does is also available without MkDocs (`python -m generator pages`)."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from generator import site, typeset
from generator.example import ExampleError

log = logging.getLogger("mkdocs.hooks.generator")
_command = None


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    if _command == "serve":
        # Rebuilt on every change that `watch:` sees; a bad example keeps the last good pages.
        try:
            site.generate()
        except (ExampleError, site.BuildError) as e:
            log.error(str(e))
    # The navigation is written next to the generated docs folder.
    nav = site.nav_file(Path(config["docs_dir"]))
    if nav.exists():
        config["nav"] = json.loads(nav.read_text(encoding="utf-8"))
    return config


def on_post_build(config):
    # `make build` typesets the math after MkDocs (site.mkdocs_build); the live preview builds
    # with MkDocs alone, so it typesets here.
    if _command == "serve":
        try:
            typeset.typeset_site(Path(config["site_dir"]))
        except typeset.TypesetError as e:
            log.error(str(e))
