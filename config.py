"""Settings, all overridable from the environment. Nothing secret is committed:
the SECRET_KEY comes from SIBIKA_SECRET_KEY and the encryption keys from
SIBIKA_FERNET_KEYS or, for a local run, from files generated once under
instance/. With SIBIKA_PRODUCTION=1 (set by `./sibika serve`) nothing is
generated: a missing secret, key or database URL stops the start-up."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask_appbuilder.const import AUTH_DB

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("SIBIKA_INSTANCE_DIR", BASE_DIR / "instance"))


PRODUCTION = os.environ.get("SIBIKA_PRODUCTION", "") == "1"


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _from_env_or_instance(variable: str, filename: str, generate) -> str:
    from_env = os.environ.get(variable)
    if from_env:
        return from_env
    if PRODUCTION:
        raise RuntimeError(f"{variable} must be set in production (SIBIKA_PRODUCTION=1).")
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / filename
    if not key_file.exists():
        key_file.write_text(generate())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _secret_key() -> str:
    return _from_env_or_instance("SIBIKA_SECRET_KEY", "secret_key", lambda: secrets.token_urlsafe(48))


def _fernet_keys() -> str:
    # Newest first, comma-separated; a dev key file may hold one key a line.
    from cryptography.fernet import Fernet

    raw = _from_env_or_instance("SIBIKA_FERNET_KEYS", "fernet_keys", lambda: Fernet.generate_key().decode())
    return ",".join(part.strip() for part in raw.replace("\n", ",").split(",") if part.strip())


def _database_url() -> str:
    url = os.environ.get("SIBIKA_DATABASE_URL")
    if url:
        return url
    if PRODUCTION:
        raise RuntimeError("SIBIKA_DATABASE_URL must be set in production (SIBIKA_PRODUCTION=1).")
    return f"sqlite:///{INSTANCE_DIR / 'sibika.db'}"


def _public_url() -> str:
    url = os.environ.get("SIBIKA_PUBLIC_URL", "").strip()
    if url:
        return url
    if PRODUCTION:
        raise RuntimeError("SIBIKA_PUBLIC_URL must be set in production (SIBIKA_PRODUCTION=1): the address the "
                           "public reaches SIBIKA at, printed in every letter's QR code.")
    return "http://127.0.0.1:5000"


class Config:
    SECRET_KEY = _secret_key()
    # The public address letters point at (QR code, verification link): the office's, never the host a PK typed.
    PUBLIC_URL = _public_url()
    SIBIKA_FERNET_KEYS = _fernet_keys()
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    # A connection the server dropped (restart, pg_terminate_backend, idle timeout of a
    # proxy) is noticed at checkout and replaced instead of failing the request.
    # hide_parameters: SQL errors in logs show no values (a child's name, a note).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "pool_recycle": 1800, "hide_parameters": True}
    UPLOAD_DIR = str(INSTANCE_DIR / "uploads")
    PHOTO_MAX_BYTES = 2 * 1024 * 1024
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    # Client register import (app/imports): per-file limits, and how long a checked
    # upload waits for its confirmation. IMPORT_DIR None means <UPLOAD_DIR>/imports.
    IMPORT_MAX_BYTES = 5 * 1024 * 1024
    IMPORT_MAX_UNPACKED_BYTES = 60 * 1024 * 1024
    IMPORT_MAX_ROWS = 5000
    IMPORT_TTL_SECONDS = 60 * 60
    IMPORT_DIR = None

    # Background jobs (app.jobs): with SIBIKA_REDIS_URL the queue (and the rate limits) live in Redis and
    # several app servers share them; without it, an SQLite queue file under instance/.
    SIBIKA_REDIS_URL = os.environ.get("SIBIKA_REDIS_URL") or None
    JOB_QUEUE_FILE = str(INSTANCE_DIR / "jobs.db")
    JOB_DIR = str(INSTANCE_DIR / "jobs")  # results waiting to be downloaded
    JOB_KEEP_DAYS = 7
    BACKUP_DIR = str(INSTANCE_DIR / "backups")
    # The daily digest (hour, minute, Asia/Jakarta) and its mail: smtp://user:password@host:port
    # (smtps:// for TLS, ?starttls=1 for STARTTLS); without it the messages go to instance/outbox/.
    DIGEST_AT = (6, 0)
    SIBIKA_SMTP_URL = os.environ.get("SIBIKA_SMTP_URL") or None
    MAIL_FROM = os.environ.get("SIBIKA_MAIL_FROM", "sibika@localhost")
    OUTBOX_DIR = str(INSTANCE_DIR / "outbox")

    APP_NAME = "SIBIKA"
    APP_THEME = ""
    AUTH_TYPE = AUTH_DB
    AUTH_USER_REGISTRATION = False
    # Schema comes from Alembic migrations only; FAB must not create_all().
    FAB_CREATE_DB = False
    # Permissions are written by `flask sibika init`, not on every start-up.
    FAB_UPDATE_PERMS = False
    FAB_SECURITY_MANAGER_CLASS = "views.platform.staff_users.SibikaSecurityManager"
    FAB_INDEX_VIEW = "views.public.home.HomeView"
    FAB_BASE_TEMPLATE = "sibika_base.html"
    FAB_API_SWAGGER_UI = True
    FAB_ADD_SECURITY_API = False
    FAB_API_MAX_PAGE_SIZE = 100
    FAB_PASSWORD_COMPLEXITY_ENABLED = True

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    LANGUAGES = {
        "id": {"flag": "id", "name": "Bahasa Indonesia"},
        "en": {"flag": "gb", "name": "English"},
    }

    # Years after the end of supervision before a closed case may be anonymised (app.clients.retention).
    RETENTION_YEARS = int(os.environ.get("SIBIKA_RETENTION_YEARS", "5"))
    COMPLAINT_RATE_LIMIT = "5 per hour"  # public complaints from one address
    # Accepted survey answers from one address (a front-desk tablet answers for many people).
    SURVEY_RATE_LIMIT = os.environ.get("SIBIKA_SURVEY_RATE_LIMIT", "30 per hour")
    # Counted in memory, per process: with several worker processes point this at a shared store.
    RATELIMIT_STORAGE_URI = os.environ.get("SIBIKA_RATELIMIT_STORAGE_URI") or os.environ.get("SIBIKA_REDIS_URL") or "memory://"
    WTF_CSRF_ENABLED = True

    # Accounts (app.platform.passwords, app.platform.lockout, app.platform.sessions).
    PASSWORD_MIN_LENGTH = 12
    LOGIN_MAX_FAILURES = int(os.environ.get("SIBIKA_LOGIN_MAX_FAILURES", "5"))
    LOGIN_LOCKOUT_MINUTES = int(os.environ.get("SIBIKA_LOGIN_LOCKOUT_MINUTES", "15"))
    # Per address, one count for POST /login/ and POST /api/v1/security/login together (app.platform.login_limit;
    # per process unless RATELIMIT_STORAGE_URI is shared).
    AUTH_RATE_LIMITED = True
    AUTH_RATE_LIMIT = os.environ.get("SIBIKA_AUTH_RATE_LIMIT", "20 per 5 minutes")
    PERMANENT_SESSION_LIFETIME = timedelta(hours=int(os.environ.get("SIBIKA_SESSION_HOURS", "10")))
    SESSION_IDLE_MINUTES = int(os.environ.get("SIBIKA_IDLE_MINUTES", "30"))
    # API tokens (app.platform.api_tokens) belong to a session like a cookie: short access tokens, and a
    # refresh token that lives no longer than a session (each is also refused once its session ended).
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=15)
    JWT_REFRESH_TOKEN_EXPIRES = PERMANENT_SESSION_LIFETIME

    # Served over HTTPS (behind a TLS-terminating proxy): cookies only over HTTPS, HSTS.
    HTTPS = _env_flag("SIBIKA_HTTPS")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = HTTPS
    REMEMBER_COOKIE_SECURE = HTTPS
    REMEMBER_COOKIE_HTTPONLY = True
    PREFERRED_URL_SCHEME = "https" if HTTPS else "http"
    # Number of reverse proxies in front whose X-Forwarded-* headers are trusted (0 = none).
    PROXY_FIX_HOPS = int(os.environ.get("SIBIKA_PROXY_HOPS", "0"))


class TestConfig(Config):
    TESTING = True
    PUBLIC_URL = "https://sibika.bapas-uji.example"
    COMPLAINT_RATE_LIMIT = "30 per hour"
    # Tests log in hundreds of times from one address; test_accounts lowers it where it tests it.
    AUTH_RATE_LIMIT = "100000 per hour"
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("SIBIKA_TEST_DATABASE_URL", "sqlite://")
    JOB_QUEUE_FILE = None  # a queue file of each test application's own (app.jobs.queue)
    SIBIKA_REDIS_URL = None
    # Every test login checks a password: production's scrypt costs ~0.23 s each, one PBKDF2 round costs
    # nothing. Tests only: Config (production) keeps FAB's scrypt default. The "unknown user" check uses a
    # hash of the same method, so a failed login costs the same as a good one here too.
    FAB_PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
    AUTH_DB_FAKE_PASSWORD_HASH_CHECK = (
        "pbkdf2:sha256:1$9LBSK9HVlfx7tl46$ef8f55d89016c6e7162a4c346cbca5168e463933dd50525dcfd77f970926ee57")
