"""Fixtures for notification tests: a throwaway certificate and real sinks on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tikjobs.sink import NotificationSink, SinkCertificate


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> SinkCertificate:
    """A self-signed certificate for 127.0.0.1 and localhost; its PEM is the CA bundle."""
    return SinkCertificate.create(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def ca_bundle(certificate: SinkCertificate) -> Path:
    return certificate.cert_path


@pytest.fixture
async def https_sink(certificate: SinkCertificate) -> AsyncIterator[NotificationSink]:
    """An HTTPS receiver on 127.0.0.1 with the throwaway certificate."""
    async with NotificationSink(None, certificate) as sink:
        yield sink


@pytest.fixture
async def http_sink() -> AsyncIterator[NotificationSink]:
    """A plain-http receiver on 127.0.0.1."""
    async with NotificationSink(None, None) as sink:
        yield sink
