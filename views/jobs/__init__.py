"""Background jobs' pages."""
