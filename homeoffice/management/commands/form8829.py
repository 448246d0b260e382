"""`manage.py form8829 FILE.json` — the line-level Form 8829 calculator (a thin adapter over the engine).

Input: {"tax_year": 2025, "lines": {"1": "200", "2": "2000", "8": "50000", "21b": "3600", ...}} or a list of
such objects; FILE may be "-" for stdin. Output: {"tax_year": ..., "lines": {"1": ..., ..., "44": ...}} (a
list in the same order for a list). Bad input exits non-zero naming the offending key.

The logic lives in homeoffice.engine.cli, shared with the Django-free `python -m homeoffice.engine form8829`.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from homeoffice.engine import cli

PROGRESS_EVERY = cli.PROGRESS_EVERY


def read_json(path: str, stdin) -> object:
    """JSON with exact decimals (numbers with a fraction become Decimal, never float)."""
    try:
        return cli.read_json(path, stdin)
    except cli.CliError as exc:
        raise CommandError(str(exc)) from None


class Command(BaseCommand):
    stealth_options = ("stdin",)  # call_command(..., stdin=io.StringIO(...)) for tests and callers
    help = "Compute every line of Form 8829 (Parts I-IV) from its entry lines. FILE.json or - for stdin."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file with {tax_year, lines} or a list of them; - for stdin")

    def handle(self, *args, **options):
        data = read_json(options["file"], options.get("stdin") or sys.stdin)
        tty = self.stderr.isatty() if hasattr(self.stderr, "isatty") else False

        def progress(done, total):
            self.stderr.write(f"{done}/{total} forms", ending="" if done == total else "\r")
            if done == total:
                self.stderr.write("")

        try:
            out = cli.form8829(data, progress if tty else None)
        except cli.CliError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(cli.dumps_form8829(out))
