"""What every area stands on: security, sessions, lockout, passwords, crypto, headers, audit, backup, health, i18n, dates, the CLI."""
