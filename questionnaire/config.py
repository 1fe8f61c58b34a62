"""Configuration defaults; `create_app` layers instance/config.py, the environment and test config on top."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE = "secret_key"


class Defaults:
    """Built-in defaults. Anything here can be overridden by instance/config.py or FLASK_* variables."""

    SQLALCHEMY_DATABASE_URI: str | None = None  # None -> SQLite file under instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 256 * 1024  # the largest section page posts about 40 KB
    MAX_FORM_MEMORY_SIZE = 256 * 1024
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the browser session: a long form never expires
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SEND_FILE_MAX_AGE_DEFAULT = 3600  # unversioned static URLs; versioned ones (?v=<hash>) are cached a year
    BANKS_DIR: str | None = None  # None -> the question_banks folder shipped with the app
    MIGRATIONS = True  # Flask-Migrate's `flask db` commands; gunicorn.conf.py turns it off (Alembic is a slow import)
    BANK_CACHE = True  # keep validated banks in instance/, keyed by a hash of the bank files and the schema code
    PREFERRED_URL_SCHEME = "http"
    PROXY_COUNT = 0  # reverse proxies in front of the app whose X-Forwarded-For/-Proto headers can be trusted
    # Flask-Limiter: counts in this process by default; in Redis (shared by every host) when REDIS_URL is set
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True  # a Redis outage must not take the site down...
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # ...and limits still apply per process meanwhile
    RATELIMIT_KEY_PREFIX = "preaudit"
    START_RATE_LIMIT = "10 per minute;100 per day"  # assessments one address may start
    # per client address, counted in the database (shared by every worker and host), each action apart:
    # consultant sign-in attempts, sign-ups and password-reset requests
    SIGN_IN_RATE_LIMIT = "10 per minute;60 per hour"
    # per account (the e-mail address typed): failed sign-ins allowed before each next one waits 1 s, 2 s, 4 s...
    SIGN_IN_FREE_FAILURES = 5
    SIGN_IN_MAX_DELAY = 300  # seconds: the longest wait between two attempts before the lock
    SIGN_IN_LOCK_AFTER = 15  # failures in a row that lock the account (a password reset lifts the lock)
    SIGN_IN_LOCK_SECONDS = 3600
    SIGN_IN_FAILURE_MEMORY = 86400  # seconds without a failure after which the count starts again
    # argon2id parameters for new password hashes (None: the library's recommended ones; tests use cheap ones)
    PASSWORD_HASH_PARAMETERS: dict[str, int] | None = None
    # consultants' sessions live on the server: they end at sign-out, and after these many seconds
    SESSION_LIFETIME = 12 * 3600  # since sign-in, however active
    SESSION_IDLE_TIMEOUT = 2 * 3600  # since the last request
    JOBS_IMMEDIATE = False  # tests: a job runs at once in the caller instead of on the queue
    JOBS_REDIS_URL: str | None = None  # set from REDIS_URL: the job queue in Redis instead of instance/jobs.sqlite3
    # evidence files (questionnaire/domain/evidence.py): stored by SHA-256 under this folder (None -> instance/evidence)
    EVIDENCE_DIR: str | None = None
    EVIDENCE_MAX_FILE_BYTES = 20 * 1024 * 1024  # one uploaded file
    EVIDENCE_MAX_ASSESSMENT_BYTES = 500 * 1024 * 1024  # every file of one assessment together (each file counted once)
    # e-mail (questionnaire/mail): without MAIL_URL, messages are written to MAIL_OUTBOX and shown to copy
    MAIL_URL: str | None = None  # smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465
    MAIL_FROM = "Preaudit <preaudit@localhost>"  # From address; the consultant's name is shown beside it
    MAIL_TIMEOUT = 10  # seconds for every SMTP connection and command
    MAIL_CA_FILE: str | None = None  # extra certificate authority for the mail server's TLS (a private relay)
    MAIL_OUTBOX: str | None = None  # folder for .eml files when there is no MAIL_URL; None -> instance/outbox
    SITE_URL: str | None = None  # https://preaudit.example.com: links in e-mails; required with MAIL_URL
    RESET_TOKEN_HOURS = 2  # a password-reset link works this long, once
    CONFIRM_TOKEN_DAYS = 7  # an address-confirmation link works this long, once
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript", "text/csv"]


def database_url_from_env() -> str | None:
    """DATABASE_URL, normalised so postgres URLs use the psycopg 3 driver."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def mail_url_from_env() -> str | None:
    return os.environ.get("MAIL_URL") or None


def redis_url_from_env() -> str | None:
    return os.environ.get("REDIS_URL") or None


def sqlite_url(instance_path: str) -> str:
    return f"sqlite:///{Path(instance_path) / 'preaudit.sqlite3'}"


def load_or_create_secret_key(instance_path: str) -> str:
    """Generate a random key on first run and keep it in instance/, so sessions survive restarts.

    Created with O_EXCL so several workers starting together agree on one key.
    """
    path = Path(instance_path) / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
