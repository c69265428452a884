"""The register books on screen."""
