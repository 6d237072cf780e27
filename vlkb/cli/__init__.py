"""The `vlkb` command: one module per subcommand, each exposing `register(subparsers)`.

A subcommand module adds its parser and sets `run=<callable(args) -> exit code>`. Heavy imports
(torch, plotly, mkdocs) happen inside `run`, so `vlkb validate` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = ["validate", "stats", "new", "import_bibtex", "import_list", "export", "fmt", "diff", "schema", "repro", "release"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vlkb", description="The VLLM knowledge base: validate, explore, export.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"vlkb.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
