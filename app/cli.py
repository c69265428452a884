"""`flask sibika ...` commands: roles, reference data, users, demo data."""
from __future__ import annotations

import secrets

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app import reference_data, roles
from app.extensions import db

sibika = AppGroup("sibika", help="SIBIKA administration.")


def _sm():
    return current_app.appbuilder.sm


@sibika.command("init")
def init_command() -> None:
    """Create roles, permissions and reference data (safe to run again)."""
    from app.complaints import intake

    _sm().sync()
    reference_data.ensure(db.session)
    intake.ensure_defaults(db.session)
    click.echo("Roles: " + ", ".join(roles.ALL_ROLES))


@sibika.command("create-admin")
@click.option("--username", default="admin")
@click.option("--password", default=None, help="Generated when omitted (and printed).")
@click.option("--email", default="admin@sibika.local")
def create_admin_command(username: str, password: str | None, email: str) -> None:
    """Create the first administrator."""
    password = password or secrets.token_urlsafe(12)
    sm = _sm()
    if sm.find_user(username=username):
        raise click.ClickException(f"User {username} exists already.")
    user = sm.add_user(username, "Admin", "SIBIKA", email, sm.find_role(roles.ADMIN), password)
    if not user:
        raise click.ClickException("The administrator could not be created.")
    click.echo(f"Admin: {username} / {password}")


@sibika.command("demo")
@click.option("--clients", default=60, show_default=True)
@click.option("--seed", default=2026, show_default=True)
@click.option("--password", default=None, help="Password for every demo account (generated when omitted).")
def demo_command(clients: int, seed: int, password: str | None) -> None:
    """Load demo offices, staff of every role and clients (never in production)."""
    from app import demo

    password = password or secrets.token_urlsafe(9)
    logins = demo.load(db.session, _sm(), clients=clients, seed=seed, password=password,
                       upload_dir=current_app.config["UPLOAD_DIR"])
    for role, username in logins.items():
        click.echo(f"{role:<20} {username} / {password}")


@sibika.command("generate")
@click.option("--scale", type=click.Choice(["small", "national"]), default="small", show_default=True,
              help="small: 3 offices, 2,000 clients; national: 90 offices, 100,000 clients (PostgreSQL).")
@click.option("--clients", type=click.IntRange(1, 1_000_000), default=None, help="Override the scale's client count.")
@click.option("--seed", default=2026, show_default=True)
@click.option("--password", default=None, help="Password for every generated account (generated when omitted).")
def generate_command(scale: str, clients: int | None, seed: int, password: str | None) -> None:
    """Fill the database with generated offices, staff and clients for benchmarks (never in production)."""
    from bench.generate import generate

    password = password or secrets.token_urlsafe(9)
    try:
        generate(current_app, scale, seed, password, echo=click.echo, clients=clients)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


@sibika.command("load-instrument")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def load_instrument_command(path: str) -> None:
    """Load an assessment instrument from a YAML or JSON file (checked as a whole)."""
    from pathlib import Path

    from app.assessment import store
    from app.assessment.instrument import InstrumentErrors

    try:
        instrument = store.load_text(db.session, Path(path).read_text(encoding="utf-8"), path)
    except InstrumentErrors as exc:
        db.session.rollback()
        raise click.ClickException("\n".join(["The instrument was not loaded:", *exc.errors])) from None
    click.echo(f"Loaded {instrument} ({sum(len(d.items) for d in instrument.domains)} items).")


@sibika.command("seed-holidays")
@click.option("--year", type=int, required=True)
def seed_holidays_command(year: int) -> None:
    """Copy Indonesia's public holidays of a year into the holiday table (then keep it by hand)."""
    from app.complaints import intake

    click.echo(f"{intake.seed_holidays(db.session, year)} holidays added for {year}.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(sibika)
