"""The client's file (berkas klien): everything about one child on one page."""
