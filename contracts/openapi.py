"""The committed OpenAPI document (``contracts/openapi.json``): generate it, check it for drift.

The document is what the emulator serves at ``/openapi.json``, built by FastAPI from the
`contracts` models its routes use. It is committed so that integrators (and tools such
as schemathesis or client generators) can read the API without running anything, and a
test fails when the models and the committed file disagree. After changing a model::

    python -m tikjobs.contracts.openapi --write     # regenerate contracts/openapi.json
    python -m tikjobs.contracts.openapi --check     # exit 1 and show what differs

Generating imports the emulator's web app (lazily: the agent, which also imports
`contracts`, never loads it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

COMMITTED: Final = Path(__file__).with_name("openapi.json")
SHOWN_DIFFERENCES: Final = 20


def generate() -> dict[str, Any]:
    """The OpenAPI document of the emulator's app, as ``/openapi.json`` serves it."""
    from tikjobs.emulator.main import build_app
    from tikjobs.emulator.settings import Settings

    with tempfile.TemporaryDirectory() as directory:
        settings = Settings(development=True, db_path=Path(directory) / "unused.db")
        document: dict[str, Any] = build_app(settings).openapi()
    return document


def render(document: dict[str, Any]) -> str:
    """The document as it is committed: indented JSON with a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def committed(path: Path = COMMITTED) -> dict[str, Any]:
    """The committed document."""
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def differences(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Where two documents differ, as JSON-pointer-like paths with what each holds."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        for key in sorted(expected.keys() | actual.keys()):
            here = f"{where}/{key}"
            if key not in actual:
                found.append(f"{here}: only in the committed document")
            elif key not in expected:
                found.append(f"{here}: only in the generated document")
            else:
                found.extend(differences(expected[key], actual[key], here))
        return found
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [
            line
            for index, (left, right) in enumerate(zip(expected, actual, strict=True))
            for line in differences(left, right, f"{where}/{index}")
        ]
    if expected != actual:
        return [f"{where or '/'}: committed {expected!r}, generated {actual!r}"]
    return []


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tikjobs.contracts.openapi [--write | --check] [--path FILE]``."""
    parser = argparse.ArgumentParser(
        prog="python -m tikjobs.contracts.openapi",
        description="Generate the OpenAPI document from the contracts models.",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="write the committed document")
    action.add_argument("--check", action="store_true", help="exit 1 when it has drifted")
    parser.add_argument("--path", type=Path, default=COMMITTED, help="the committed document")
    args = parser.parse_args(argv)
    generated = generate()
    if args.write:
        args.path.write_text(render(generated), encoding="utf-8")
        print(f"wrote {args.path}")
        return 0
    if args.check:
        if not args.path.exists():
            print(f"{args.path} does not exist; run python -m tikjobs.contracts.openapi --write")
            return 1
        found = differences(committed(args.path), generated)
        if not found:
            print(f"{args.path} matches the models")
            return 0
        print(f"{args.path} has drifted from the models ({len(found)} differences):")
        for line in found[:SHOWN_DIFFERENCES]:
            print(f"  {line}")
        print("regenerate it with: python -m tikjobs.contracts.openapi --write")
        return 1
    sys.stdout.write(render(generated))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
