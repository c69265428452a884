"""Settings, all overridable from the environment. Nothing secret is committed:
the SECRET_KEY comes from SIBIKA_SECRET_KEY or, for a local run, from a file
generated once under instance/."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask_appbuilder.const import AUTH_DB

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("SIBIKA_INSTANCE_DIR", BASE_DIR / "instance"))


def _secret_key() -> str:
    from_env = os.environ.get("SIBIKA_SECRET_KEY")
    if from_env:
        return from_env
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    SECRET_KEY = _secret_key()
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "SIBIKA_DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'sibika.db'}"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
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

    APP_NAME = "SIBIKA"
    APP_THEME = ""
    AUTH_TYPE = AUTH_DB
    AUTH_USER_REGISTRATION = False
    # Schema comes from Alembic migrations only; FAB must not create_all().
    FAB_CREATE_DB = False
    # Permissions are written by `flask sibika init`, not on every start-up.
    FAB_UPDATE_PERMS = False
    FAB_SECURITY_MANAGER_CLASS = "app.security.SibikaSecurityManager"
    FAB_INDEX_VIEW = "views.home.HomeView"
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

    # Years after the end of supervision before a closed case may be anonymised (app.retention).
    RETENTION_YEARS = int(os.environ.get("SIBIKA_RETENTION_YEARS", "5"))
    COMPLAINT_RATE_LIMIT = "5 per hour"  # public complaints from one address
    # Counted in memory, per process: with several worker processes point this at a shared store.
    RATELIMIT_STORAGE_URI = os.environ.get("SIBIKA_RATELIMIT_STORAGE_URI", "memory://")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_ENABLED = True


class TestConfig(Config):
    TESTING = True
    COMPLAINT_RATE_LIMIT = "30 per hour"
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("SIBIKA_TEST_DATABASE_URL", "sqlite://")
