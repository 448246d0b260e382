"""The calculator without Django: `python -m homeoffice.engine form8829|compute FILE.json` (and the
`homeoffice-calc` console script). Same input and output as `manage.py form8829` and `manage.py compute`,
which are thin adapters over this module (one copy of the logic).

Startup is the point (issue #17): a preparer scripting one case per call pays for Python and the engine only,
not for `django.setup()` and the system checks. Only what a command needs is imported: the line-level
calculator loads Form 8829's modules, not the eligibility rules or the Result machinery.
`compute --pdf` needs Django and WeasyPrint, so here it is refused with a pointer to manage.py.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal

PROGRESS_EVERY = 1000
PDF_REFUSED = "--pdf needs Django and WeasyPrint: use `python manage.py compute FILE.json --pdf OUT.pdf`"


class CliError(Exception):
    """Bad input: the message names the offending key (manage.py turns it into a CommandError)."""


def read_json(path: str, stdin=None) -> object:
    """JSON with exact decimals: numbers with a fraction become Decimal, never float."""
    try:
        if path == "-":
            return json.load(stdin if stdin is not None else sys.stdin, parse_float=Decimal)
        with open(path, encoding="utf-8") as fh:
            return json.load(fh, parse_float=Decimal)
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}: not valid JSON ({exc})") from None
    except RecursionError:
        # 100,000 levels of nesting exhaust the parser's recursion (issue #13): one line, never a traceback.
        raise CliError(f"{path}: not valid JSON (nested too deeply)") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a directory, not a file") from None
    except (UnicodeDecodeError, ValueError) as exc:
        # Not UTF-8, or a number too long to convert (int_max_str_digits): still one line.
        raise CliError(f"{path}: not valid JSON ({str(exc).splitlines()[0][:200]})") from None


def _one_form(item, where: str) -> dict:
    from . import form8829_lines
    from .errors import EngineError, InputError, UnsupportedYear

    if not isinstance(item, dict):
        raise CliError(f"{where}: each form must be an object with tax_year and lines")
    unknown = sorted(set(item) - {"tax_year", "lines"})
    if unknown:
        raise CliError(f"{where}{unknown[0]}: unknown key (expected tax_year and lines)")
    if "lines" not in item:
        raise CliError(f"{where}lines: is required")
    try:
        lines = form8829_lines(item.get("tax_year"), item["lines"])
    except UnsupportedYear as exc:
        raise CliError(f"{where}tax_year: {exc}") from None
    except InputError as exc:
        field = exc.field if exc.field in ("tax_year", "lines") else f"lines.{exc.field}"
        raise CliError(f"{where}{field}: {exc.message}") from None
    except EngineError as exc:
        raise CliError(f"{where}{exc}") from None
    return {"tax_year": item["tax_year"], "lines": lines}


def form8829(data, progress=None) -> object:
    """The line-level calculator's output for one form or a list of them (same order).
    `progress(done, total)` is called every PROGRESS_EVERY forms of a batch, and once at its end."""
    if not isinstance(data, list):
        return _one_form(data, "")
    out = []
    for i, item in enumerate(data):
        out.append(_one_form(item, f"[{i}] "))
        if progress and (i + 1) % PROGRESS_EVERY == 0:
            progress(i + 1, len(data))
    if progress and len(data) >= PROGRESS_EVERY:
        progress(len(data), len(data))
    return out


def compute_case(data) -> tuple[object, object, object]:
    """(Case, Result, Advice or None) for a full case (docs/case-format.md), computed with the recommended
    method (tax saved over this year and next, issue #13) as the web shows it; CliError names the field."""
    from . import case_from_dict
    from .advisor import decide
    from .errors import EngineError, InputError, UnsupportedYear

    try:
        case = case_from_dict(data)
        result, advice = decide(data)
        return case, result, advice
    except UnsupportedYear as exc:
        raise CliError(f"tax_year: {exc}") from None
    except InputError as exc:
        raise CliError(f"{exc.field}: {exc.message}") from None
    except EngineError as exc:
        raise CliError(str(exc)) from None


def dumps_form8829(out) -> str:
    return json.dumps(out, indent=2)


def dumps_result(result, advice=None) -> str:
    out = result.to_dict()
    out["method_advice"] = advice.to_dict() if advice is not None and advice.computed else None
    return json.dumps(out, indent=2, ensure_ascii=False)


def _parser():
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m homeoffice.engine",
        description="Home office deduction calculator (no web app needed).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("form8829", help="every line of Form 8829 (Parts I-IV) from its entry lines")
    f.add_argument("file", help="JSON file with {tax_year, lines} or a list of them; - for stdin")
    c = sub.add_parser("compute", help="a full case (docs/case-format.md) to the full result as JSON")
    c.add_argument("file", help="case JSON file; - for stdin")
    c.add_argument("--pdf", metavar="OUT.pdf", help="not available here: see manage.py compute")
    c.add_argument("--name", default=None, help=argparse.SUPPRESS)
    return parser


def main(argv=None, stdout=None, stderr=None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "compute" and args.pdf:
            raise CliError(PDF_REFUSED)
        data = read_json(args.file)
        if args.command == "form8829":
            tty = stderr.isatty() if hasattr(stderr, "isatty") else False

            def progress(done, total):
                stderr.write(f"{done}/{total} forms" + ("\n" if done == total else "\r"))

            text = dumps_form8829(form8829(data, progress if tty else None))
        else:
            text = dumps_result(*compute_case(data)[1:])
    except CliError as exc:
        stderr.write(f"error: {exc}\n")
        return 1
    stdout.write(text + "\n")
    return 0
