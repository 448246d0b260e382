import pytest


@pytest.fixture
def password():
    return "correct-horse-battery-staple-42"


@pytest.fixture
def make_user(db, django_user_model, password):
    def make(username="alex", **extra):
        return django_user_model.objects.create_user(username=username, password=password, **extra)

    return make


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    """Tests run background tasks at once, in the test's own process (the real database worker has its own
    test: tests/interview/test_task_worker.py)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: request limits and cached PDFs never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
