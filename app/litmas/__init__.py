"""The litmas (penelitian kemasyarakatan) of the final stage: the PK's narrative and its issue."""
