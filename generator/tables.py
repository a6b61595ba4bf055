"""Tables wrapped at build time, as Material's script would wrap them when the page loads.

Material (and Zensical) puts each table a page leaves without a class (`table:not([class])`)
into two boxes, the outer one scrolling sideways. Doing that in the browser moves every table
after the page is parsed, and the browser then works out the style of each moved table again:
on a checks page, a fifth of a phone's blocking time at load. The build writes the boxes
itself and gives each table the class `bp-table`, which the script passes over;
assets/stylesheets/tables.css gives such a table Material's look. A reader without JavaScript
gets the scrolling boxes too.
"""
from __future__ import annotations

import re
from pathlib import Path

TABLE_CLASS = "bp-table"
# A table as Python-Markdown writes one from a Markdown table: no attributes, never nested.
MARKDOWN_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
WRAPPED = (r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
           rf'<table class="{TABLE_CLASS}">\1</table></div></div>')


def wrap_tables(page: str) -> str:
    return MARKDOWN_TABLE.sub(WRAPPED, page)


def wrap_site_tables(site_dir: Path) -> None:
    """Wrap every Markdown table of the built site in `site_dir`, in place."""
    for path in site_dir.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        if "<table>" in page:
            path.write_text(wrap_tables(page), encoding="utf-8")
