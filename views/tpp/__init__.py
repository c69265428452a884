"""Sidang TPP screens and API."""
