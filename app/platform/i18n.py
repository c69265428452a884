"""Form messages in Indonesian: Flask-WTF reads WTForms' own catalogues, which
have no Indonesian; point it at SIBIKA's catalogue instead (app/platform/wtforms_messages.py
lists the strings so they are extracted and translated there)."""
from __future__ import annotations

import flask_wtf.i18n as wtf_i18n
from flask import has_request_context
from flask_babel import get_translations


def _app_catalogue():
    return get_translations() if has_request_context() else None


def use_app_catalogue_for_forms() -> None:
    wtf_i18n._get_translations = _app_catalogue
