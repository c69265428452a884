"""Dashboards and the links from their tiles."""
