"""Guidance screens: assessment, programme, progress book, partners; their API."""
