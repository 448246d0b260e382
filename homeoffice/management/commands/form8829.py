"""`manage.py form8829 FILE.json` — the line-level Form 8829 calculator (a thin adapter over the engine).

Input: {"tax_year": 2025, "lines": {"1": "200", "2": "2000", "8": "50000", "21b": "3600", ...}} or a list of
such objects; FILE may be "-" for stdin. Output: {"tax_year": ..., "lines": {"1": ..., ..., "44": ...}} (a
list in the same order for a list). Bad input exits non-zero naming the offending key.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from homeoffice.engine import EngineError, InputError, UnsupportedYear, form8829_lines

PROGRESS_EVERY = 1000


def read_json(path: str, stdin) -> object:
    """JSON with exact decimals: numbers with a fraction become Decimal, never float."""
    try:
        if path == "-":
            return json.load(stdin, parse_float=Decimal)
        with open(path, encoding="utf-8") as fh:
            return json.load(fh, parse_float=Decimal)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: not valid JSON ({exc})") from None
    except RecursionError:
        # 100,000 levels of nesting exhaust the parser's recursion (issue #13): one line, never a traceback.
        raise CommandError(f"{path}: not valid JSON (nested too deeply)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        # Not UTF-8, or a number too long to convert (int_max_str_digits): still one line.
        raise CommandError(f"{path}: not valid JSON ({str(exc).splitlines()[0][:200]})") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, not a file") from None


def _one(item, where: str) -> dict:
    if not isinstance(item, dict):
        raise CommandError(f"{where}: each form must be an object with tax_year and lines")
    unknown = sorted(set(item) - {"tax_year", "lines"})
    if unknown:
        raise CommandError(f"{where}{unknown[0]}: unknown key (expected tax_year and lines)")
    if "lines" not in item:
        raise CommandError(f"{where}lines: is required")
    try:
        lines = form8829_lines(item.get("tax_year"), item["lines"])
    except UnsupportedYear as exc:
        raise CommandError(f"{where}tax_year: {exc}") from None
    except InputError as exc:
        field = exc.field if exc.field in ("tax_year", "lines") else f"lines.{exc.field}"
        raise CommandError(f"{where}{field}: {exc.message}") from None
    except EngineError as exc:
        raise CommandError(f"{where}{exc}") from None
    return {"tax_year": item["tax_year"], "lines": lines}


class Command(BaseCommand):
    stealth_options = ("stdin",)  # call_command(..., stdin=io.StringIO(...)) for tests and callers
    help = "Compute every line of Form 8829 (Parts I-IV) from its entry lines. FILE.json or - for stdin."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file with {tax_year, lines} or a list of them; - for stdin")

    def handle(self, *args, **options):
        data = read_json(options["file"], options.get("stdin") or sys.stdin)
        if isinstance(data, list):
            tty = self.stderr.isatty() if hasattr(self.stderr, "isatty") else False
            out = []
            for i, item in enumerate(data):
                out.append(_one(item, f"[{i}] "))
                if tty and (i + 1) % PROGRESS_EVERY == 0:
                    self.stderr.write(f"{i + 1}/{len(data)} forms", ending="\r")
            if tty and len(data) >= PROGRESS_EVERY:
                self.stderr.write(f"{len(data)}/{len(data)} forms")
        else:
            out = _one(data, "")
        self.stdout.write(json.dumps(out, indent=2))
