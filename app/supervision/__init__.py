"""Supervision: the stage engine, the lifecycle steps and their books, the apel duty, the records kept while a
client is supervised, what is due, and transfers between offices."""
