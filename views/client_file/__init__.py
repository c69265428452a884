"""The client's file (berkas klien) and its fixed-client widget."""
