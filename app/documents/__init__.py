"""Word documents: context builders (plain Python), rendering with docxtpl,
letter numbers, the archive and public verification."""
