"""`flask sibika ...` commands: roles, reference data, users, demo data, backup and restore, retention."""
from __future__ import annotations

import secrets

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.extensions import db
from app.platform import reference_data, roles

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
    _seed_holidays_this_and_next_year()
    _ensure_service_standard()
    click.echo("Roles: " + ", ".join(roles.ALL_ROLES))
    _recheck_templates()


def _seed_holidays_this_and_next_year() -> None:
    # Part of init: a fresh setup has Indonesia's public holidays, so complaint deadlines skip them. Days already
    # in the table (an Admin's own entries, collective leave) are kept as they are.
    from datetime import date

    from app.complaints import intake

    year = date.today().year
    for each in (year, year + 1):
        added = intake.seed_holidays(db.session, each)
        if added:
            click.echo(f"{added} holidays added for {each}.")


def _ensure_service_standard() -> None:
    from app.public import standard

    added = standard.ensure_defaults(db.session)
    if added:
        click.echo(f"{added} service standard components given the default text.")


@sibika.command("recheck-templates")
def recheck_templates_command() -> None:
    """Check every uploaded template in use again; one that fails is taken out of use (also done by init)."""
    _recheck_templates()


def _recheck_templates() -> None:
    # Part of init, which ./sibika runs at every start: a template stored before today's rule is judged by it.
    from app.documents import template_recheck

    refused = template_recheck.recheck_stored(db.session, current_app.config["UPLOAD_DIR"])
    db.session.commit()
    for version in refused:
        click.echo(f"Template version {version.id} ({version.doc_type}) taken out of use: {version.refused_reason}",
                   err=True)


@sibika.command("create-admin")
@click.option("--username", default="admin")
@click.option("--password", default=None, help="Generated when omitted (and printed).")
@click.option("--email", default="admin@sibika.local")
def create_admin_command(username: str, password: str | None, email: str) -> None:
    """Create the first administrator."""
    from app.platform import passwords

    password = password or secrets.token_urlsafe(12)
    refused = passwords.problems(password, username, current_app.config.get("PASSWORD_MIN_LENGTH", 12))
    if refused:
        raise click.ClickException(" ".join(refused))
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
    from app.demo import office as demo

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
@click.option("--in-background", "as_user", default=None, metavar="ADMIN",
              help="Run it as a job of this Admin on the job worker; its bar is at /pekerjaan/<id>.")
def generate_command(scale: str, clients: int | None, seed: int, password: str | None, as_user: str | None) -> None:
    """Fill the database with generated offices, staff and clients for benchmarks (never in production)."""
    from app.demo.generator.generate import generate

    if as_user:
        _generate_in_background(as_user, scale, clients, seed)
        return
    password = password or secrets.token_urlsafe(9)
    try:
        generate(current_app, scale, seed, password, echo=click.echo, clients=clients)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def _generate_in_background(username: str, scale: str, clients: int | None, seed: int) -> None:
    from app import access
    from app.jobs import commands, kinds

    user = _sm().find_user(username=username)
    if user is None or not access.Principal.of(user).is_admin:
        raise click.ClickException(f"{username} is not an Admin.")
    who = access.Principal.of(user)
    # The Admin may run everything; the job records who asked.
    job = commands.start(db.session, who, kinds.GENERATE, {"scale": scale, "clients": clients, "seed": seed},
                         checked=True)
    click.echo(f"Queued as job {job.id}: follow it at /pekerjaan/{job.id} (logged in as {username}).")


@sibika.command("load-instrument")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def load_instrument_command(path: str) -> None:
    """Load an assessment instrument from a YAML or JSON file (checked as a whole)."""
    from pathlib import Path

    from app.guidance.assessment import store
    from app.guidance.assessment.instrument import InstrumentErrors

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


@sibika.command("sdp-mapping")
@click.option("--check", is_flag=True, help="Only compare; exit 1 when the file differs from the mapping.")
def sdp_mapping_command(check: bool) -> None:
    """Write docs/sdp-mapping.md from app/sdp/mapping.py (the one source of the SDP mapping)."""
    from pathlib import Path

    from app.sdp import doc

    path = Path(current_app.root_path).parent / doc.DOC_PATH
    text = doc.markdown()
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            raise click.ClickException(f"{doc.DOC_PATH} differs from the mapping: run flask sibika sdp-mapping.")
        click.echo(f"{doc.DOC_PATH} is up to date.")
        return
    path.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {doc.DOC_PATH}.")
@sibika.command("backup")
@click.option("--to", "to_dir", default=None, type=click.Path(file_okay=False),
              help="Folder for the archive (default: instance/backups).")
def backup_command(to_dir: str | None) -> None:
    """Write a consistent, compressed backup: database, stored files and a manifest."""

    from app.platform import backup

    to_dir = to_dir or current_app.config["BACKUP_DIR"]
    try:
        archive = backup.backup(db.engine, current_app.config["UPLOAD_DIR"], to_dir)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backup written: {archive}")
    click.echo(backup.describe(backup.read_manifest(archive)))


@sibika.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace a database that is not empty (everything in it is lost).")
def restore_command(archive: str, force: bool) -> None:
    """Restore a backup into an empty database and check it against its manifest."""
    from app.platform import backup

    db.session.remove()
    try:
        manifest = backup.restore(db.engine, archive, current_app.config["UPLOAD_DIR"], force=force)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Restored and verified: " + backup.describe(manifest))


@sibika.command("retention-propose")
@click.option("--office", "office_code", default=None, help="Office code (default: every office).")
def retention_propose_command(office_code: str | None) -> None:
    """Propose the closed cases past their retention period; the Kepala Bapas approves them on screen."""
    from datetime import date

    from app.access import Principal
    from app.clients import retention
    from models import Office

    if office_code:
        office = db.session.query(Office).filter_by(code=office_code).one_or_none()
        if office is None:
            raise click.ClickException(f"No office with code {office_code}.")
        who = Principal(None, office.id, frozenset())
    else:
        who = Principal(None, None, frozenset({roles.ADMIN}))
    years = current_app.config.get("RETENTION_YEARS", retention.DEFAULT_YEARS)
    count = retention.propose(db.session, who, date.today(), years)
    db.session.commit()
    click.echo(f"{count} cases proposed for anonymisation (retention {years} years); nothing is changed "
               f"before the Kepala Bapas approves.")
@sibika.command("new-key")
def new_key_command() -> None:
    """Print a fresh encryption key (put it first in SIBIKA_FERNET_KEYS, then run rotate-key)."""
    from app.platform import crypto

    click.echo(crypto.new_key())


@sibika.command("rotate-key")
def rotate_key_command() -> None:
    """Re-encrypt every encrypted value with the newest key of SIBIKA_FERNET_KEYS."""
    from flask_appbuilder import Model

    from app.platform import crypto

    columns = crypto.encrypted_columns(Model.metadata)
    try:
        with db.engine.begin() as connection:
            changed = crypto.rotate_all(connection, columns)
    except crypto.UndecryptableValue as exc:
        raise click.ClickException(f"Nothing was changed: {exc}") from None
    click.echo(f"Re-encrypted {changed} values in {', '.join(sorted(columns))} with the newest key.")


@sibika.command("unlock")
@click.argument("username")
def unlock_command(username: str) -> None:
    """Lift a login lockout and clear the failure count of a user."""
    from app.platform import lockout

    user = _sm().find_user(username=username)
    if user is None:
        raise click.ClickException(f"No user {username}.")
    lockout.unlock(db.session, user.id)
    click.echo(f"{username} may log in again.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(sibika)
