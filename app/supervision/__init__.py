"""Supervision: the records kept while a client is supervised (commands; the rules stay
in app/supervision_records.py until the regroup)."""
