"""Site settings. Every deploy-time value comes from an environment variable; see .env.example.

Local defaults are for a developer's machine (debug on, SQLite under var/). With DJANGO_DEBUG=0 the site
refuses to start without a real DJANGO_SECRET_KEY, and turns on the HTTPS-only settings.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0 (or true/false), got {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG=0. Generate one with: python -c "
            "'from django.core.management.utils import get_random_secret_key as k; print(k())'"
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for DJANGO_DEBUG=0: use at least 50 random characters."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG=0 (comma-separated host names)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Encryption at rest (issue #15, homeoffice/crypto.py): answers, drafts, history values, return names and cached
# PDFs are stored encrypted with these Fernet keys (comma-separated, newest first; the first encrypts, all
# decrypt). Rotate: put a new key first, run `manage.py rotate_encryption_keys`, then remove the old one.
# Debug only: a fixed development key, so `make run` works out of the box. Production refuses to start without.
_DEV_ENCRYPTION_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktbmV2ZXItaW4tcHI="
ENCRYPTION_KEYS = env_list("DJANGO_ENCRYPTION_KEYS")
if not ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_ENCRYPTION_KEYS is required when DJANGO_DEBUG=0 (stored answers are encrypted with it). "
            "Generate one with: python -c "
            "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        )
    ENCRYPTION_KEYS = [_DEV_ENCRYPTION_KEY]
elif not DEBUG and _DEV_ENCRYPTION_KEY in ENCRYPTION_KEYS:
    raise ImproperlyConfigured("DJANGO_ENCRYPTION_KEYS must not contain the development key in production.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # allauth's sessions page
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "formtools",
    "axes",
    "django_tasks_db",
    # Accounts (issue #15): e-mail sign-up and sign-in, verification, reset, MFA, the sessions page.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "homeoffice",
    "interview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /healthz answers here, before any middleware that reads the session or the user from the database: with
    # the database down the probe must still give its 503 JSON, whatever cookies the prober sends.
    "homeoffice.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Cookie from the language switch, else Accept-Language (issue #18); before CommonMiddleware per Django.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's saved language wins over cookie and Accept-Language (homeoffice/i18n.py).
    "homeoffice.i18n.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Records each signed-in session (device, address, last seen) for the "Your sessions" page.
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # A signed-in account without a verified e-mail address (made before issue #15) adds and verifies one
    # before anything else.
    "homeoffice.accounts.VerifiedEmailRequiredMiddleware",
    # Idle and absolute session limits, Cache-Control: no-store for signed-in pages, Clear-Site-Data on sign-out.
    "homeoffice.middleware.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # django-axes must come last: it turns a lockout flagged during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "homeoffice.urls"
WSGI_APPLICATION = "homeoffice.wsgi.application"
ASGI_APPLICATION = "homeoffice.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# SQLite under var/ (git-ignored) unless DATABASE_URL says otherwise, e.g. postgres://user@host:5432/name.
_default_db = f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_db,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Passwords: Django's default hashers (PBKDF2 first, argon2/bcrypt/scrypt accepted); tests may swap in a fast
# hasher for speed, production never sets PASSWORD_HASHERS.

# Login throttling (django-axes). Its defaults (3 failures, by IP only, locked forever) are unsafe for us:
# 5 failures for one username from one address -> 15-minute cool-off; a success resets the count. The lockout
# page is the same whether or not the username exists.
AUTHENTICATION_BACKENDS = [
    "homeoffice.security.AxesRequestBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "homeoffice.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "homeoffice.security.client_ip"
# The throttled "username" is the account (its username) whichever identifier was typed (e-mail or username),
# or what was typed when no account matches: one count per account and address.
AXES_USERNAME_CALLABLE = "homeoffice.security.throttle_username"
AXES_ALLOWED_CORS_ORIGINS = ""
# Number of reverse proxies in front of the app that append to X-Forwarded-For. 0 (the default): the client
# address is REMOTE_ADDR and X-Forwarded-For is ignored, so nobody can dodge the throttle by forging it.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0") or 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be 0 or a positive number of proxies.")

# Sessions live on the server: in the database, or Redis in front of the database when REDIS_URL is set
# (cached_db: reads from Redis, every session still in the database so it can be ended from there).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# --- Shared cache and database connections (issue #8: more than one app server) ---------------------------
# Everything two app servers could disagree on lives outside the process. The cache (worksheet PDFs) is Redis
# when REDIS_URL is set (above); otherwise, in production, a table in the database
# (`manage.py createcachetable` on deploy, after migrate), so every app server shares it. Local development
# (DJANGO_DEBUG=1, one process) keeps an in-memory cache unless DJANGO_CACHE=database. Login throttling
# (django-axes) keeps its state in the database whatever the cache is.
_CACHE_CHOICE = os.environ.get("DJANGO_CACHE", "").strip().lower() or ("locmem" if DEBUG else "database")
if not REDIS_URL:
    if _CACHE_CHOICE == "database":
        CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "homeoffice_cache",
                "OPTIONS": {"MAX_ENTRIES": 20000},
            }
        }
    elif _CACHE_CHOICE == "locmem":
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    else:
        raise ImproperlyConfigured(f"DJANGO_CACHE must be database or locmem, got {_CACHE_CHOICE!r}")
# SQLite under gunicorn (several worker processes writing): write-ahead log so readers never wait for the
# writer, IMMEDIATE transactions so a transaction that reads then writes (save_step) takes the write lock
# first instead of failing with "database is locked" when two upgrade at once, and a 20 s busy timeout.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# PostgreSQL: persistent connections per worker (DJANGO_CONN_MAX_AGE, above) by default; DJANGO_DB_POOL=1 uses
# psycopg's connection pool instead (needs the psycopg-pool package; Django then requires CONN_MAX_AGE=0).
# DJANGO_DB_POOL_MAX_SIZE bounds each process's pool.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DJANGO_DB_POOL", False):
    try:
        import psycopg_pool  # noqa: F401
    except ImportError as exc:
        raise ImproperlyConfigured("DJANGO_DB_POOL=1 needs the psycopg-pool package installed.") from exc
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(os.environ.get("DJANGO_DB_POOL_MAX_SIZE", "4")),
    }
# --- end of issue #8 additions -----------------------------------------------------------------------------
# Signed out after 15 minutes without a request (a warning shows 2 minutes before), and 12 hours after
# signing in whatever happens. The server enforces both (homeoffice.middleware); the page script only warns.
SESSION_IDLE_TIMEOUT = timedelta(minutes=15)
SESSION_IDLE_WARNING = timedelta(minutes=2)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "interview:dashboard"
LOGOUT_REDIRECT_URL = "home"

# --- Accounts: django-allauth (issue #15; docs/decisions/0070-accounts-allauth.md) -------------------------
ACCOUNT_ADAPTER = "homeoffice.accounts.AccountAdapter"
# Sign in with the e-mail address; accounts made before e-mail existed may still type their username.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
# No sign-in before the address is verified; with enumeration prevention, signing up with an address that has
# an account answers exactly like a new sign-up and mails the owner instead.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CHANGE_EMAIL = True  # one address; a change is verified before it replaces the old one
ACCOUNT_EMAIL_NOTIFICATIONS = True  # "your password / e-mail changed" mails
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # the person stays signed in; the other sessions end (allauth)
# Always "remembered" for SESSION_COOKIE_AGE (= the 15-minute idle limit, sliding): no "remember me" box.
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Home Office Deduction: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# ONE throttle policy: django-axes for sign-in (above; allauth's own failed-login limit is off), allauth's
# limits for everything else. Nothing is limited per e-mail address for reset mail: a per-address limit is one
# an outsider can use up to stop the owner receiving a reset (issue #15). Per client address only.
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,
    "login": "30/m/ip",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip",
    "reset_password_from_key": "20/m/ip",
    # One verification mail per address every 3 minutes (resending), keyed by the address: the owner's link
    # in the first mail stays valid, so this delays nobody.
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Multi-factor sign-in: TOTP with recovery codes, passkeys (second factor and password-less sign-in).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Home Office Deduction"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # http://localhost in development and the browser tests
# An operator can require a second factor for every account (DJANGO_REQUIRE_MFA=1): signed-in people without
# one are sent to set it up before anything else.
REQUIRE_MFA = env_bool("DJANGO_REQUIRE_MFA", False)
# Not on: it would write the session row on every request (decision 0040 keeps that to one per 10 s).
USERSESSIONS_TRACK_ACTIVITY = False

LANGUAGE_CODE = "en"
# Issue #18: English and Spanish. Amounts and dates stay in US formats in both (the forms are US forms):
# templates format money with format_money and dates with explicit formats, never with localised formats.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# --- Evidence files (issue #19): Django's storage API under its own alias, encrypted before storing ----------
# The local filesystem under var/evidence by default (`make run` needs nothing more); S3-compatible object
# storage through django-storages with EVIDENCE_STORAGE=s3 (docs/deployment.md). Never served as media: only
# the owner-scoped download view reads them.
EVIDENCE_STORAGE = os.environ.get("EVIDENCE_STORAGE", "").strip().lower() or "filesystem"
if EVIDENCE_STORAGE == "filesystem":
    STORAGES["evidence"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("EVIDENCE_DIR") or str(BASE_DIR / "var" / "evidence"),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
elif EVIDENCE_STORAGE == "s3":
    if not os.environ.get("EVIDENCE_S3_BUCKET"):
        raise ImproperlyConfigured("EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET.")
    STORAGES["evidence"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["EVIDENCE_S3_BUCKET"],
            "endpoint_url": os.environ.get("EVIDENCE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("EVIDENCE_S3_REGION") or None,
            # Empty: boto3's own chain (instance role, AWS_* variables, ~/.aws) supplies the credentials.
            "access_key": os.environ.get("EVIDENCE_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("EVIDENCE_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("EVIDENCE_S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    raise ImproperlyConfigured(f"EVIDENCE_STORAGE must be filesystem or s3, got {EVIDENCE_STORAGE!r}")
EVIDENCE_MAX_FILE_BYTES = int(float(os.environ.get("EVIDENCE_MAX_FILE_MB", "10")) * 1024 * 1024)
EVIDENCE_MAX_RETURN_BYTES = int(float(os.environ.get("EVIDENCE_MAX_RETURN_MB", "100")) * 1024 * 1024)
# Debug: files are served straight from static/. Production uses the hashed, compressed copies that
# `manage.py collectstatic` writes to STATIC_ROOT (docs/deployment.md); the finders stay on as a fallback.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

_EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    # Console e-mail locally; production defaults to SMTP (check --deploy rejects the console backend).
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    # With MAILERS, Django's SMTP backend takes its server from OPTIONS and refuses to send without a host:
    # a password-reset request would fail with a server error. A local relay on port 25 is the default.
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
        "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
        "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        "use_ssl": env_bool("DJANGO_EMAIL_USE_SSL", False),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@localhost")

# Security headers. No inline script anywhere: everything the pages need is served from static/.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load-balancer probes speak plain HTTP to the app server.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a deliberate, hard-to-undo choice for the operator's whole domain (DJANGO_HSTS_PRELOAD=1),
        # not a default: without it the deploy check's preload reminder is expected and silenced.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Background tasks (issue #17): Django's Tasks API ----------------------------------------------------
# Worksheet PDFs are rendered ahead of the download by task workers (`manage.py run_worker`, started by
# `make run`; their own processes in production, docs/deployment.md). The queue is a table in the same
# database (django-tasks-db: SQLite and PostgreSQL need nothing more; an RQ/Redis backend is not built yet);
# tests run tasks at once (tests/conftest.py).
# HOMEOFFICE_TASKS=immediate runs every task inside the request (no worker at all).
_TASKS_CHOICE = os.environ.get("HOMEOFFICE_TASKS", "").strip().lower() or "database"
if _TASKS_CHOICE == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif _TASKS_CHOICE == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(f"HOMEOFFICE_TASKS must be database or immediate, got {_TASKS_CHOICE!r}")
# A render whose worker died is run again: a task still marked running after this long (or at once, when its
# worker was a process on this machine that no longer exists) is put back in the queue (interview.worker).
TASKS_STALLED_AFTER = int(os.environ.get("HOMEOFFICE_TASKS_STALLED_AFTER", "300"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A database error's text can quote the rejected data (PostgreSQL's "CONTEXT: JSON data, line 1: ...").
    "filters": {
        "redact_db_errors": {"()": "homeoffice.logredact.RedactDatabaseErrors"},
        "drop_template_lookup_details": {"()": "homeoffice.logredact.DropTemplateLookupDetails"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_db_errors"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # axes announces its version at every start (each manage.py command); keep its warnings and lockouts.
        "axes.apps": {"level": "WARNING"},
        # The loggers that log exceptions: redacted at the source, before any handler sees the record.
        "django.request": {"filters": ["redact_db_errors"]},
        "django.db.backends": {"filters": ["redact_db_errors"]},
        "django.tasks": {"filters": ["redact_db_errors"]},
        # A missing template variable is logged (DEBUG) with the whole template context: posted forms, e-mail.
        "django.template": {"filters": ["drop_template_lookup_details"]},
    },
}

APP_VERSION = "0.1.0"
