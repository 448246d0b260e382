"""Logging filter: a database error's message never reaches a log line.

PostgreSQL quotes the data it rejected in its error text (``CONTEXT: JSON data, line 1: {"income": ...``, or
``DETAIL: Key (name)=(...)``), and the 500 handler logs the exception with that text and its chained causes.
This filter, on the loggers that log exceptions, replaces a database exception with one that keeps only its
type and SQLSTATE code: enough to find the bug, nothing a person typed.
"""

import logging

from django.db import DatabaseError as DjangoDatabaseError


class RedactedDatabaseError(Exception):
    """Stands in for a database exception in a log record; its message names only the type and SQLSTATE."""


def _is_database_error(exc: BaseException) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DjangoDatabaseError) or type(exc).__module__.startswith(("psycopg", "sqlite3")):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _sqlstate(exc: BaseException) -> str:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        code = getattr(exc, "sqlstate", None) or getattr(getattr(exc, "diag", None), "sqlstate", None)
        if code:
            return str(code)
        exc = exc.__cause__ or exc.__context__
    return "unknown"


class RedactDatabaseErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc_info = record.exc_info
        if exc_info and exc_info[1] is not None and _is_database_error(exc_info[1]):
            original = exc_info[1]
            redacted = RedactedDatabaseError(
                f"{type(original).__module__}.{type(original).__name__} (SQLSTATE {_sqlstate(original)}); "
                "message withheld: it may quote the data"
            ).with_traceback(exc_info[2])  # the frames (code lines, no values) still show where it failed
            redacted.__suppress_context__ = True
            record.exc_info = (RedactedDatabaseError, redacted, exc_info[2])
            record.exc_text = None
        return True


class DropTemplateLookupDetails(logging.Filter):
    """django.template logs every missing variable at DEBUG with the exception, whose text is the whole
    template context: the form a person just posted, their e-mail address. Keep the message (variable and
    template names), drop the exception."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
