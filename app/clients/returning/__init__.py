"""Returning clients: a new registration recognised as a child supervised before (issue 20 item 2)."""
