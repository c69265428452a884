"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): the nine elements, the index, answers and publication."""
