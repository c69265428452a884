"""Administration: audit, sessions, staff users, offices, health, retention."""
