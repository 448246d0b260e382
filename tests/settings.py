"""The test settings: the site's settings plus the one thing tests change everywhere (issue #14).

A fast password hasher: sign-up and sign-in run in most tests, and PBKDF2's deliberate slowness made them the
suite's biggest cost. The site itself never overrides PASSWORD_HASHERS (tests/security/test_passwords.py runs
homeoffice.settings in a fresh process to check that).
"""

from homeoffice.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Background tasks run at once, in the test's own process (issue #17); the real database worker has its own
# test (tests/interview/test_task_worker.py), which runs homeoffice.settings in subprocesses.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
