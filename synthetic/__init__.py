"""The synthetic département (Faker fr_FR) for `oubli seed`, the tests and the benchmarks: no real person."""
