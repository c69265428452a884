"""The complaints unit's screens and the staff API of complaints and the archive."""
