"""The emulator's HTTP API: one router module per resource, the agents' tunnel and the controls.

What every route shares lives beside them: the exception handlers that answer each error
as an `ErrorBody` (`errors`) and the request body limit (`body_limit`).
"""
