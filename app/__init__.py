"""SIBIKA application factory."""
from __future__ import annotations

from flask import Flask

from app.extensions import csrf, db, limiter, migrate


def create_app(config_object: object | str = "config.Config") -> Flask:
    from flask_appbuilder import AppBuilder

    import models  # noqa: F401  (registers every table on the metadata)
    from app.jobs import queue as jobs_queue
    from app.platform import (
        api_validation,
        audit,  # noqa: F401  (installs the audit listeners)
        crypto,
        headers,
        health,
        log_privacy,
        nul_guard,
        read_audit,
        security,
        static_assets,
    )
    from app.platform.cli import register_cli
    from app.platform.i18n import use_app_catalogue_for_forms
    from app.platform.jinja import register_jinja
    from views import register
    from views.public.public import register_error_pages

    api_validation.install()  # FAB's @rison checks its schema once, not on every API request

    app = Flask(__name__, template_folder="../views/templates", static_folder="../views/static")
    app.config.from_object(config_object)
    crypto.configure(app.config["SIBIKA_FERNET_KEYS"])
    app.config.setdefault("FAB_PASSWORD_COMPLEXITY_VALIDATOR", security.password_rule)
    if app.config.get("PROXY_FIX_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    db.init_app(app)
    nul_guard.init_app(app)  # first: no other before_request may query with a NUL from the request
    # Runs before Flask-SQLAlchemy's own teardown (they run in reverse order).
    app.teardown_appcontext(lambda _exc: health.end_session(db.session))
    csrf.init_app(app)
    limiter.init_app(app)
    migrate.init_app(app, db, directory=str(app.config.get("MIGRATIONS_DIR", _migrations_dir())))
    with app.app_context():
        appbuilder = AppBuilder()
        appbuilder.init_app(app, db.session)
        register(appbuilder)
    app.before_request(security.check_session)
    headers.init_app(app)
    static_assets.init_app(app)
    # After headers.init_app: after_request runs last-registered first, so a refusal
    # to hand out an unaudited read still gets the security headers.
    read_audit.init_app(app)
    register_cli(app)
    jobs_queue.init_app(app)
    register_jinja(app)
    register_error_pages(app)
    log_privacy.init_app(app)
    use_app_catalogue_for_forms()
    return app


def _migrations_dir() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parent.parent / "migrations")
