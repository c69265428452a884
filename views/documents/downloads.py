"""How every uploaded or generated file leaves the server: as a download
(``Content-Disposition: attachment``), with the content type the server decided
(never what an uploader's browser claimed), ``nosniff`` so a browser never guesses
another one, and not kept in a shared cache. The one exception is the client photo
in an ``<img>`` (views.clients.photos): inline, but only as the image type of the
server's own re-encoded file, with the same nosniff."""
from __future__ import annotations

from flask import send_file

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def secured(response, disposition: str | None = None):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    if disposition:
        response.headers["Content-Disposition"] = disposition
    return response


def download(source, name: str, mimetype: str):
    """``source`` is a path or a file-like object; ``name`` the file name the user's browser saves."""
    return secured(send_file(source, as_attachment=True, download_name=name, mimetype=mimetype, max_age=0))