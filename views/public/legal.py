"""The Dasar Hukum page."""
from __future__ import annotations

from flask_appbuilder import BaseView, expose, has_access

from app.platform import roles
from app.public.legal import REGULATIONS


class LegalBasisView(BaseView):
    route_base = "/dasar-hukum"
    class_permission_name = roles.LEGAL
    method_permission_name = {"index": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self):
        return self.render_template("legal_basis.html", regulations=REGULATIONS)
