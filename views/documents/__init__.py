"""Letters: generate, archive, replace or cancel, downloads, template management."""
