"""GET /health for load balancers and monitoring: is the database answering?
JSON, no login, no data beyond the verdict."""
from __future__ import annotations

from flask import Blueprint, jsonify

from app.extensions import csrf, db
from app.platform.health import database_ok

health = Blueprint("health", __name__)
csrf.exempt(health)


@health.get("/health")
def check():
    ok = database_ok(db.session)
    body = {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unavailable"}
    return jsonify(body), 200 if ok else 503
