"""Demo data for a first look, and the national-scale generator. Never run in production."""
