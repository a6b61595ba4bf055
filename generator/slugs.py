"""Page names for example files: URL-safe, one page per file, none taking a fixed page's place,
and one title per example. Any clash stops the build with one line naming the files."""
from __future__ import annotations

from pathlib import Path

from . import render
from .errors import ExampleError, shown_path
from .example import page_name

# Pages under examples/ that the site itself writes, by name; an example may not take them.
FIXED = {Path(path).stem: title for path, _, title, _ in render.PAGES if path.startswith("examples/")}


def check_page_names(paths: list[Path]) -> None:
    """Stop on a file whose page name is empty or fixed, or shared with another file."""
    seen: dict[str, Path] = {}
    for path in paths:
        name = page_name(path)
        if not name:
            raise ExampleError(path, None, "has no letter or digit in its name to make a page name from; rename it")
        if name in FIXED:
            raise ExampleError(path, None, f"would take the page examples/{name}.html from the {FIXED[name]} page; rename it")
        if name in seen:
            raise ExampleError(path, None, f"would become the same page, examples/{name}.html, as "
                                           f"{shown_path(seen[name])}; rename one of them")
        seen[name] = path


def check_titles(examples) -> None:
    """Stop on two examples with the same title: a reader could not tell their entries apart."""
    seen: dict[str, Path] = {}
    for ex in examples:
        title = " ".join(ex.title.split())
        if title in seen:
            raise ExampleError(ex.path, "title", f'"{title}" is also the title of {shown_path(seen[title])}; '
                                                 "give each example its own")
        seen[title] = ex.path
