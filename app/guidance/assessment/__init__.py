"""Risk and needs assessment (Permenkumham 12/2013; for children
Kepdirjenpas PAS-120.PK.01.04.03/2019): instruments are data, not code."""
