"""Extension objects, created unbound; create_app() binds them."""
from flask_appbuilder.models.sqla.base import SQLA
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

db = SQLA()
migrate = Migrate()
# Every POST from a screen carries a token; FAB exempts its token-authenticated REST API.
csrf = CSRFProtect()
