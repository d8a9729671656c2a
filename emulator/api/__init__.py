"""The emulator's HTTP API: one router module per resource, the agents' tunnel and the controls."""
