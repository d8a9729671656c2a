"""tikjobs: the MikroCloud job API (``tikjobs.emulator``), the router-side agent
(``tikjobs.agent``), the shared contract and its suite (``tikjobs.contracts``) and the
router under test (``tikjobs.vm``).

This package itself holds what belongs to no single part: the ``tikjobs`` console
command, ``tikjobs up`` and the local system it runs, and the throwaway HTTPS sink.
"""
