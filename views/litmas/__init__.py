"""The litmas form and its API."""
