"""Recompute every saved return through the engine and report the ones that fail.

Used after a restore (scripts/backup_restore.sh) and after an engine upgrade: the answers are the record, so
every return must still compute. A return that is not finished yet (an unanswered step) is counted as
incomplete, not as a failure. Prints only counts, return ids and error types — never amounts or names.
Exits non-zero when any return fails. It also stores each return's list figures (status, deduction, method:
interview.summaries), so the returns list is current after an engine or parameter upgrade.
"""

import contextlib

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Recompute every return through the engine; exit 1 and list the returns that fail."

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true", help="Count unfinished returns as failures too.")

    def handle(self, *args, strict=False, **options):
        from interview import summaries
        from interview.case import CaseIncomplete, compute_result
        from interview.models import TaxReturn

        computed = incomplete = 0
        failures: list[str] = []
        for tax_return in TaxReturn.objects.order_by("id").iterator():
            # Any error here is reported by the compute below, for this return.
            with contextlib.suppress(Exception):
                TaxReturn.objects.filter(pk=tax_return.pk).update(**summaries.judge(tax_return))
            try:
                compute_result(tax_return)
            except CaseIncomplete as exc:
                incomplete += 1
                if strict:
                    failures.append(
                        f"return {tax_return.pk} (tax year {tax_return.tax_year}): incomplete at step {exc.step}"
                    )
            except Exception as exc:  # any error is a failure to report, not a crash of the whole run
                failures.append(
                    f"return {tax_return.pk} (tax year {tax_return.tax_year}): {type(exc).__name__}"
                )
            else:
                computed += 1
        total = TaxReturn.objects.count()
        self.stdout.write(
            f"recompute_all: {total} returns: {computed} computed, {incomplete} incomplete, "
            f"{len(failures)} failed"
        )
        for line in failures:
            self.stderr.write(f"FAILED {line}")
        if failures:
            raise CommandError(f"{len(failures)} return(s) failed to recompute")
