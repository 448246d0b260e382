"""A task for the worker test: the first run kills its worker process mid-task, the second one succeeds."""

import os
from pathlib import Path

from django.tasks import task


@task
def crash_once(marker: str) -> str:
    path = Path(marker)
    if not path.exists():
        path.write_text("crashed")
        os._exit(9)  # the worker dies as if killed: no exception handling, no result written
    return "done after a crash"
