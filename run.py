"""Development server on http://127.0.0.1:5000 (use ./sibika run, which migrates first)."""
from app import create_app
from app.platform.log_privacy import DEV_SERVER_OPTIONS

app = create_app()

if __name__ == "__main__":
    # Its access log names paths only, as ./sibika serve's gunicorn does: a search may carry a child's name.
    app.run(host="127.0.0.1", port=5000, debug=False, **DEV_SERVER_OPTIONS)
