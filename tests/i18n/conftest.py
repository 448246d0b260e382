"""The interview helpers' fixtures, shared (a signed-in client walking the interview)."""

from tests.interview.conftest import client_for, logged_in, user  # noqa: F401
