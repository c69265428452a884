"""Template helpers: dates the Indonesian way everywhere a template prints one."""
from __future__ import annotations

from flask import Flask

from views.formatting import ui_date, ui_datetime


def register_jinja(app: Flask) -> None:
    app.jinja_env.filters["tanggal"] = ui_date
    app.jinja_env.filters["waktu"] = ui_datetime
