"""Extension objects, created unbound; create_app() binds them."""
from flask_appbuilder.models.sqla.base import SQLA
from flask_migrate import Migrate

db = SQLA()
migrate = Migrate()
