"""The register import screens."""
