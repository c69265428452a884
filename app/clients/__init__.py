"""Clients: registration, register numbers, age, identity, handover, photos, PK assignment, retention."""
