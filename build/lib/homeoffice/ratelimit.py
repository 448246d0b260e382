"""Fixed-window request limits for the forms that are not sign-in (sign-in is django-axes'): creating
accounts and asking for password-reset e-mail. Without them a script can fill the database with accounts or
make the site send mail to anyone's inbox, as fast as it likes.

Counters live in the configured cache, which production shares between app servers (database or Redis). A
hashed key: no address or e-mail is stored in the clear.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

# scope -> (requests allowed, window in seconds)
LIMITS = {
    "signup:ip": (20, 60 * 60),
    "password_reset:ip": (20, 60 * 60),
    "password_reset:email": (3, 60 * 60),
}


def _key(scope: str, who: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}\0{who}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(time.time() // window)}"


def allow(scope: str, who: str | None) -> bool:
    """Count one request by `who` in `scope`; False once the window's allowance is used up."""
    if not who:
        return True
    limit, window = LIMITS[scope]
    key = _key(scope, who, window)
    if cache.add(key, 1, timeout=window + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 5)
        return True
    return count <= limit


def retry_after(scope: str) -> int:
    window = LIMITS[scope][1]
    return window - int(time.time() % window)
