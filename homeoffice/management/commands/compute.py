"""`manage.py compute FILE.json [--pdf OUT.pdf]` — a full case (docs/case-format.md) to the full result JSON
(verdict, both methods, recommendation, worksheet lines, carryovers, notes). A thin adapter over the engine.

The PDF carries what the web's worksheet PDF carries for the same case (interview.rollover.extras: the
depreciation ledger, the method advice, why the deduction is limited and the tier chart), so the two match."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from homeoffice.engine import EngineError, cli
from homeoffice.management.commands.form8829 import read_json


class Command(BaseCommand):
    stealth_options = ("stdin",)  # call_command(..., stdin=io.StringIO(...)) for tests and callers
    help = "Compute a full home office case (docs/case-format.md) and print the result as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="case JSON file; - for stdin")
        parser.add_argument("--pdf", metavar="OUT.pdf", help="also write the worksheet PDF")
        parser.add_argument(
            "--name", default=None, help="return name printed on the PDF (default: file name)"
        )
        parser.add_argument("--taxpayer", default=None, help="taxpayer's name printed on the PDF")
        parser.add_argument(
            "--prepared-on",
            default=None,
            type=date.fromisoformat,
            help="preparation date printed on the PDF, YYYY-MM-DD (default: today)",
        )

    def handle(self, *args, **options):
        data = read_json(options["file"], options.get("stdin") or sys.stdin)
        try:
            case, result, advice = cli.compute_case(data)  # shared with `python -m homeoffice.engine compute`
        except cli.CliError as exc:
            raise CommandError(str(exc)) from None
        if options["pdf"]:
            try:
                from interview.pdf import render_worksheet_pdf
            except ImportError as exc:
                raise CommandError(f"PDF rendering not available ({exc})") from None
            from interview.rollover import extras

            name = options["name"] or (
                Path(options["file"]).stem if options["file"] != "-" else "Home office"
            )
            try:
                # The same data the web view hands to the PDF (interview.rollover.pdf_data).
                pdf_data = {**result.to_dict(), **extras(data, case, result)}
            except EngineError as exc:
                raise CommandError(str(exc)) from None
            prepared_on = options["prepared_on"] or timezone.localdate()
            Path(options["pdf"]).write_bytes(
                render_worksheet_pdf(
                    pdf_data, return_name=name, taxpayer_name=options["taxpayer"], prepared_on=prepared_on
                )
            )
        self.stdout.write(cli.dumps_result(result, advice))
