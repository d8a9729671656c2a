"""What several test packages share: waiting for a condition, the programs a test needs."""
