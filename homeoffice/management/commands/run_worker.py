"""`manage.py run_worker` — one background task worker (issue #17): worksheet renders ahead of the download.

With the database queue (the default, django-tasks-db) this is its `db_worker` with one addition: before it
starts taking tasks it puts back in the queue every task whose worker died mid-task — a worker process on this
machine that no longer exists, or any task still marked running after settings.TASKS_STALLED_AFTER seconds —
so a crash never loses a task: it is run again (our tasks are idempotent). Worker ids are "host:pid:random" so
that a restarted worker can tell. `make run` restarts a worker that exits; in production run it under the
process manager (docs/deployment.md), any number of them.
"""

from __future__ import annotations

import os
import secrets
import socket

from django.conf import settings
from django_tasks_db.management.commands import db_worker


def _default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def _alive_here(worker_id: str) -> bool | None:
    """Whether the worker `host:pid:...` is a live process; None when it ran on another machine."""
    parts = worker_id.split(":")
    if len(parts) < 3 or parts[0] != socket.gethostname()[:40] or not parts[1].isdigit():
        return None
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_stalled(backend_name: str = "default", stalled_after: int | None = None) -> list[str]:
    """Put tasks whose worker died back in the queue; the ids of those tasks."""
    from datetime import timedelta

    from django.db import transaction
    from django.tasks import TaskResultStatus
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    if stalled_after is None:
        stalled_after = settings.TASKS_STALLED_AFTER
    cutoff = timezone.now() - timedelta(seconds=stalled_after)
    requeued = []
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(
            backend_name=backend_name, status=TaskResultStatus.RUNNING
        )
        for row in running:
            last = row.worker_ids[-1] if row.worker_ids else ""
            alive = _alive_here(last)
            # A pid can be reused by another process, so an old enough task is put back whatever its pid says.
            if alive is False or (row.started_at is not None and row.started_at < cutoff):
                row.status = TaskResultStatus.READY
                row.save(update_fields=["status"])
                requeued.append(str(row.id))
    return requeued


class Command(db_worker.Command):
    help = "Run one background task worker (worksheet renders); re-queues tasks whose worker died."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Poll often: a person may be waiting for the worksheet (an indexed query on an idle queue).
        parser.set_defaults(worker_id=_default_worker_id(), interval=0.2)

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
        for task_id in requeue_stalled(options["backend_name"]):
            db_worker.logger.warning("Task id=%s: its worker died mid-task; queued again", task_id)
        return super().handle(*args, **options)
