"""Benchmarks for tikjobs, each reported as a ratio against a baseline run beside it."""
