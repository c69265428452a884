"""Supervision: the records kept while a client is supervised (commands; the rules stay
in app/supervision/record_rules.py until the regroup)."""
