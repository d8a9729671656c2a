"""The contract suite's synchronous reads against every router available: the simulator
here, and a real CHR wherever one is given (``make test-chr TIKJOBS_CHR_IMAGE=...``).

The emulator and an agent run on this machine; the agent talks to the ``routeros``
target, so the rows the suite checks are the ones that router sent. Where this passes on
the simulator and fails on a CHR, the simulator or the agent differs from RouterOS.
``routeros`` is the test's only fixture, so a target that is not there is skipped
before a cloud starts.
"""

from __future__ import annotations

import librouteros

from tikjobs.contracts.local import local_cloud
from tikjobs.contracts.suite import Verdict, report_line, run_suite
from tikjobs.vm.chr.target import RouterTarget

EXAMPLES = 10


def identity_of(target: RouterTarget) -> str:
    """The router's identity, read straight from its API."""
    api = librouteros.connect(
        target.host, target.user, target.password, port=target.api_port, timeout=10
    )
    try:
        [row] = api.rawCmd("/system/identity/print")
    finally:
        api.close()
    return str(row["name"])


def test_synchronous_reads_answer_the_routers_rows_as_strings(routeros: RouterTarget) -> None:
    with local_cloud(routers=[routeros]) as cloud, cloud.client(timeout=30) as http:
        [outcome] = run_suite(
            cloud.target(max_examples=EXAMPLES, wait=60), only=["synchronous_reads"]
        )
        answer = http.post(
            f"/api/synchronous/{cloud.router_id}", json={"command": "/system/identity/print"}
        )

    assert outcome.name == "synchronous_reads"
    assert outcome.verdict is Verdict.PASSED, report_line(outcome)
    assert answer.json()["data"] == [{"name": identity_of(routeros)}]
