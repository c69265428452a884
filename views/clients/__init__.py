"""Client screens: the register entry, guardians, confidential matters, handover, PK, photo; the API."""
