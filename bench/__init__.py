"""Data generator and benchmarks (see bench/RESULTS.md)."""
