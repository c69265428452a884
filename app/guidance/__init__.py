"""Guidance: programmes and their items, the TPP agenda (commands; the rules stay in
app/programme.py, app/tpp.py and app/progress.py until the regroup)."""
