"""A client's photo: served and replaced only through the access layer."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.forms import DynamicForm
from flask_babel import lazy_gettext as _
from flask_wtf.file import FileField

from app.clients import photos
from app.errors import DomainError
from app.extensions import db
from app.platform import roles
from views.base import client_or_404
from views.documents.downloads import secured


class PhotoForm(DynamicForm):
    photo = FileField(_("Photo (JPEG or PNG, at most 2 MB)"))


class ClientPhotoView(BaseView):
    route_base = "/klien-foto"
    class_permission_name = roles.PHOTO
    method_permission_name = {"show": "read", "upload": "write"}

    @expose("/<int:client_id>")
    @has_access
    def show(self, client_id: int):
        client = client_or_404(client_id)
        if not client.photo:
            abort(404)
        path = photos.path_of(current_app.config["UPLOAD_DIR"], client.photo)
        if not path.exists():
            abort(404)
        # Inline, for the <img> of the client's page: safe because the file is the server's own
        # re-encoding (app.platform.uploads) and goes out as that image type with nosniff, never as HTML.
        response = send_file(path, mimetype=photos.content_type(client.photo), max_age=0)
        return secured(response, f'inline; filename="foto-{client.id}.{path.suffix.lstrip(".")}"')

    @expose("/<int:client_id>/unggah", methods=["GET", "POST"])
    @has_access
    def upload(self, client_id: int):
        client = client_or_404(client_id)
        form = PhotoForm()
        if request.method == "POST" and form.validate():
            file = request.files.get("photo")
            data = file.read(current_app.config["PHOTO_MAX_BYTES"] + 1) if file else b""
            try:
                checked = photos.validate(file.filename if file else "", data, current_app.config["PHOTO_MAX_BYTES"])
            except DomainError as exc:
                for message in exc.messages:
                    flash(message, "danger")
            else:
                previous = client.photo
                client.photo = photos.store(current_app.config["UPLOAD_DIR"], checked)
                db.session.commit()
                if previous:
                    photos.path_of(current_app.config["UPLOAD_DIR"], previous).unlink(missing_ok=True)
                flash(_("The photo was saved."), "success")
                return redirect(url_for("ClientView.show", pk=client.id))
        return self.render_template("photo_upload.html", form=form, client=client)
