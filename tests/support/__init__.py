"""What several test packages share: waiting for a condition, builders of customers, routers and
jobs, the programs a test needs."""
