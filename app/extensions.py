"""Extension objects, created unbound; create_app() binds them."""
from flask_appbuilder.models.sqla.base import SQLA
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

db = SQLA()
migrate = Migrate()
# Every POST from a screen carries a token; FAB exempts its token-authenticated REST API.
csrf = CSRFProtect()

# Limits for the pages without login (the public complaint form); counted in RATELIMIT_STORAGE_URI.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
