"""The benchmark behind `make bench`: timings of the examples and of a synthetic workspace."""
