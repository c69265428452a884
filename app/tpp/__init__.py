"""Sidang TPP: quorum and decisions, and the commands of a session."""
