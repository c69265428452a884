"""An office's own settings: letter layout, signer, logo."""
