"""The cloud side: the MikroCloud job API, its job engine, notifications and the agents' tunnel."""
