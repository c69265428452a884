"""Security headers on every response.

Scripts: FAB 5's templates mark each inline ``<script>`` with ``csp_nonce()``
when the template context has it, so the policy allows scripts from this
origin plus the one nonce of the request, and no other inline script.
Styles keep ``'unsafe-inline'``: FAB's templates and its bundled widgets
(select2, the date picker) set ``style`` attributes, which nonces do not cover.
"""
from __future__ import annotations

import secrets

from flask import Flask, has_request_context, request

PERMISSIONS_POLICY = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                      "accelerometer=(), gyroscope=(), magnetometer=(), interest-cohort=()")
HSTS = "max-age=31536000; includeSubDomains"


NONCE_KEY = "sibika.csp_nonce"


def csp_nonce() -> str:
    """One nonce per request, created when a template first asks. Kept in the WSGI
    environ, not ``g``: an application context may outlive a request (tests, CLI)."""
    if not has_request_context():
        return ""
    return request.environ.setdefault(NONCE_KEY, secrets.token_urlsafe(18))


def content_security_policy(nonce: str | None) -> str:
    scripts = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(nonce: str | None, https: bool) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(nonce),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if https:
        headers["Strict-Transport-Security"] = HSTS
    return headers


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def _add_headers(response):
        for name, value in security_headers(request.environ.get(NONCE_KEY), bool(app.config.get("HTTPS"))).items():
            response.headers.setdefault(name, value)
        return response
