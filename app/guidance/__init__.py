"""Guidance: programmes and their items, the TPP agenda (commands; the rules stay in
app/guidance/programme.py, app/tpp/decisions.py and app/guidance/progress.py until the regroup)."""
