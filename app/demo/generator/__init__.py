"""The national-scale data generator behind `flask sibika generate` (benchmarks and load tests; never production)."""
