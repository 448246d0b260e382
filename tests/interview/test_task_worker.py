"""The real database task worker (issue #17): `manage.py run_worker` runs queued tasks, and a task whose
worker died mid-task is run again by the next worker. Runs in subprocesses against a scratch SQLite file, as
production runs it (the app server enqueues, a worker process takes the task from the database)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ENQUEUE = """
import django, json, sys
django.setup()
from tests.interview.worker_tasks import crash_once
result = crash_once.enqueue(sys.argv[1])
print(result.id)
"""

STATUS = """
import django, json, sys
django.setup()
from django_tasks_db.models import DBTaskResult
row = DBTaskResult.objects.get(id=sys.argv[1])
print(json.dumps({"status": row.status, "value": row.return_value, "workers": len(row.worker_ids)}))
"""


@pytest.fixture
def scratch_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_", "HOMEOFFICE_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="homeoffice.settings",
        DJANGO_DEBUG="1",
        HOMEOFFICE_TASKS="database",
        PYTHONPATH=str(ROOT),
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


def run(env, *args, check=True):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=check, timeout=120
    )


def test_a_task_whose_worker_crashed_is_run_again_by_the_next_worker(scratch_env, tmp_path):
    import json

    marker = tmp_path / "crashed-once"
    task_id = run(scratch_env, "-c", ENQUEUE, str(marker)).stdout.strip()
    first = run(scratch_env, "manage.py", "run_worker", "--batch", check=False)
    assert first.returncode == 9 and marker.exists()  # died mid-task
    assert json.loads(run(scratch_env, "-c", STATUS, task_id).stdout)["status"] == "RUNNING"
    second = run(scratch_env, "manage.py", "run_worker", "--batch")
    assert "queued again" in second.stdout + second.stderr
    status = json.loads(run(scratch_env, "-c", STATUS, task_id).stdout)
    assert status == {"status": "SUCCESSFUL", "value": "done after a crash", "workers": 2}
