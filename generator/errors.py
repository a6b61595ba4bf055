"""The errors a run reports in one line (exit code 2), kept apart from the code that raises
them so that a build whose pages are cached imports nothing that computes."""
from __future__ import annotations

from pathlib import Path


def shown_path(path) -> str:
    """A path as the author would type it: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


class ExampleError(Exception):
    """A problem with an example file, said in one sentence."""

    def __init__(self, path, key: str | None, message: str):
        self.path = shown_path(path)
        self.key = key
        self.message = message
        where = f"{self.path}: {key}: " if key else f"{self.path}: "
        super().__init__(where + message)


class ExerciseError(Exception):
    """A problem with the reader's file, said in one sentence."""
