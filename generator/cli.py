"""Command line: `python -m generator compute EXAMPLE.toml | pages | build | offline | check-backward FILE.py`.

Errors in an example end the run with exit code 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import engines, site
from .errors import ExampleError, ExerciseError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("compute", help="print one example's forward pass, loss and gradients as JSON")
    p.add_argument("example", type=Path)
    p = sub.add_parser("pages", help="write the generated Markdown pages and assets to build/docs")
    p.add_argument("--examples", type=Path, default=site.EXAMPLES)
    p = sub.add_parser("build", help="generate the pages and build the site with MkDocs or Zensical")
    p.add_argument("--examples", type=Path, default=site.EXAMPLES)
    p.add_argument("--site", type=Path, default=site.ROOT / "site", help="where the finished site goes")
    p.add_argument("--config", type=Path, default=site.ROOT / "mkdocs.yml")
    p.add_argument("--docs", type=Path, default=site.DOCS, help="where the generated Markdown goes")
    p.add_argument("--engine", choices=engines.ENGINES, default="mkdocs", help="what builds the HTML")
    p = sub.add_parser("offline", help="build the offline HTML docs and zip them into dist/")
    p.add_argument("--examples", type=Path, default=site.EXAMPLES)
    p.add_argument("--archive", type=Path, default=site.ROOT / "dist" / f"{site.OFFLINE_NAME}.zip")
    p.add_argument("--site", type=Path, default=site.BUILD / "offline-site", help="where the offline site is built before it is zipped")
    p.add_argument("--docs", type=Path, default=site.BUILD / "offline-docs", help="where its generated Markdown goes")
    p = sub.add_parser("check-backward", help="check a backward pass you wrote (exercises/backward.py) against finite differences")
    p.add_argument("solution", type=Path)
    p.add_argument("--example", type=Path, default=site.EXAMPLES / "seed.toml")
    args = parser.parse_args(argv)

    try:
        if args.command == "compute":
            from .example import load
            from .maths import core
            ex = load(args.example)
            trace = core.run(ex.network, ex.x, ex.y)
            json.dump(trace.to_json(), sys.stdout, indent=2)
            sys.stdout.write("\n")
        elif args.command == "pages":
            site.generate(args.examples)
        elif args.command == "build":
            site.build(args.site, args.config, args.examples, args.docs, args.engine)
        elif args.command == "offline":
            site.build(args.site, site.ROOT / "mkdocs.offline.yml", args.examples, args.docs)
            print(site.package(args.site, args.archive))
        elif args.command == "check-backward":
            from . import exercise
            text, passed = exercise.run(args.solution, args.example)
            print(text)
            return 0 if passed else 1
    except (ExampleError, site.BuildError, ExerciseError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0
