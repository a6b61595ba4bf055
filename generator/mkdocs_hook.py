"""A thin MkDocs hook: the navigation from the generated examples, and regeneration under
`mkdocs serve`. Everything it does is also available without MkDocs (`python -m generator pages`)."""
from __future__ import annotations

import json
import logging

from generator import site
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
    if site.NAV.exists():
        config["nav"] = json.loads(site.NAV.read_text(encoding="utf-8"))
    return config
