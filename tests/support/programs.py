"""Programs from the distribution's packages that some tests need (qemu, a browser, a load
balancer...): a test asks for them by name and is skipped, saying what to install, when
one is missing; under CI, which installs them in `.ci/run`, a missing one fails instead.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require_programs(*programs: str, install: str) -> dict[str, str]:
    """The path of each of ``programs``; skips (fails under CI) when any is missing, naming
    the Debian packages that bring them (``install``)."""
    found = {name: shutil.which(name) for name in programs}
    missing = sorted(name for name, path in found.items() if path is None)
    if missing:
        reason = f"{', '.join(missing)} not installed (apt-get install {install})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it in CI")
        pytest.skip(reason)
    return {name: path for name, path in found.items() if path is not None}
