"""The SDP export screen."""
