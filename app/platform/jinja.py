"""Template helpers: dates the Indonesian way everywhere a template prints one."""
from __future__ import annotations

from flask import Flask, current_app
from flask_babel import get_locale

from app.platform.headers import csp_nonce
from app.platform.menu_cache import cached_menu
from app.platform.ui_dates import ui_date, ui_datetime, ui_month


def _current_locale() -> str:
    locale = get_locale()
    return locale.language if locale else "id"


def register_jinja(app: Flask) -> None:
    app.jinja_env.globals["current_locale"] = _current_locale
    app.jinja_env.globals["csp_nonce"] = csp_nonce  # for the public pages' own small scripts
    app.jinja_env.globals["cached_menu"] = cached_menu
    app.jinja_env.globals["login_url"] = lambda: current_app.appbuilder.get_url_for_login
    app.jinja_env.filters["tanggal"] = ui_date
    app.jinja_env.filters["waktu"] = ui_datetime
    app.jinja_env.filters["bulan"] = ui_month
