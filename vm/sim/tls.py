"""The TLS of the simulated router's API-SSL port: a self-signed certificate and its context.

RouterOS serves ``api-ssl`` (port 8729) with the certificate chosen in ``/ip service``;
the simulated router makes its own when the port opens: an ECDSA P-256 key and a
certificate for the listening host (plus ``localhost`` and 127.0.0.1), valid for a
year. Clients that check certificates can trust `ServerCertificate.pem`; clients that
do not (as most RouterOS tooling does not) connect with any context.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALIDITY = datetime.timedelta(days=365)
COMMON_NAME = "MikroTik"


@dataclass(frozen=True)
class ServerCertificate:
    """A self-signed certificate and its private key, both PEM-encoded."""

    pem: bytes
    key_pem: bytes

    @classmethod
    def generate(cls, host: str) -> ServerCertificate:
        """A new key and a certificate naming ``host``, ``localhost`` and 127.0.0.1."""
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, COMMON_NAME)])
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + VALIDITY)
            .add_extension(x509.SubjectAlternativeName(_names(host)), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256())
        )
        return cls(
            pem=certificate.public_bytes(serialization.Encoding.PEM),
            key_pem=key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
        )

    def server_context(self) -> ssl.SSLContext:
        """A server-side TLS context that presents this certificate."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        with tempfile.TemporaryDirectory(prefix="tikjobs-sim-tls-") as folder:
            chain = Path(folder) / "server.pem"
            chain.write_bytes(self.key_pem + self.pem)
            context.load_cert_chain(chain)
        return context


def _names(host: str) -> list[x509.GeneralName]:
    names: list[x509.GeneralName] = [
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
    ]
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if host and host != "localhost":
            names.append(x509.DNSName(host))
    else:
        if str(address) != "127.0.0.1":
            names.append(x509.IPAddress(address))
    return names
