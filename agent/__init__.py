"""The router side: connects out to the cloud, runs each job on its RouterOS router at most
once and reports every outcome exactly once."""
