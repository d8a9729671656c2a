"""The router side: connects out to the cloud and runs jobs on a RouterOS router exactly once."""
