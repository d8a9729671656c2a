"""Standard Webhooks signing: the specification's vector, round trips and every refusal."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.emulator.exceptions import SignatureInvalid, WebhookSecretInvalid
from tikjobs.emulator.notifications.signing import (
    new_secret,
    secret_key,
    sign,
    signed_headers,
    verify,
)

# The vector of the Standard Webhooks reference libraries (libraries/go/webhook_test.go and
# libraries/javascript/src/webhook.test.ts in github.com/standard-webhooks/standard-webhooks).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_signature_matches_the_specification_vector() -> None:
    assert sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE


def test_the_specification_vector_verifies() -> None:
    headers = {
        "webhook-id": SPEC_ID,
        "webhook-timestamp": str(SPEC_TIMESTAMP),
        "webhook-signature": SPEC_SIGNATURE,
    }
    assert verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP + 10) == SPEC_ID


def test_new_secrets_are_distinct_and_decode_to_32_bytes() -> None:
    first, second = new_secret(), new_secret()
    assert first != second
    assert first.startswith("whsec_")
    assert len(secret_key(first)) == 32


@given(body=st.binary(max_size=512), message_id=st.from_regex(r"\Amsg_[A-Za-z0-9]{1,20}\Z"))
def test_signature_is_hmac_sha256_of_id_timestamp_body(body: bytes, message_id: str) -> None:
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    digest = hmac.new(b"k" * 24, f"{message_id}.1700000000.".encode() + body, hashlib.sha256)
    expected = "v1," + base64.b64encode(digest.digest()).decode()
    assert sign(secret, message_id, 1700000000, body) == expected
    headers = signed_headers(secret, message_id, 1700000000, body)
    assert verify(secret, headers, body, now=1700000000) == message_id


def test_another_secret_does_not_verify() -> None:
    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
    with pytest.raises(SignatureInvalid, match="no webhook-signature matches"):
        verify(new_secret(), headers, SPEC_BODY, now=SPEC_TIMESTAMP)


def test_a_changed_body_does_not_verify() -> None:
    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
    with pytest.raises(SignatureInvalid):
        verify(SPEC_SECRET, headers, SPEC_BODY + b" ", now=SPEC_TIMESTAMP)


def test_one_valid_signature_among_several_is_enough() -> None:
    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
    headers["webhook-signature"] = "v1,Zm9v v2,bar " + headers["webhook-signature"]
    assert verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP) == SPEC_ID


def test_header_names_are_case_insensitive() -> None:
    headers = {
        name.upper(): value
        for name, value in signed_headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY).items()
    }
    assert verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP) == SPEC_ID


@pytest.mark.parametrize("offset", [-301, 301])
def test_timestamps_outside_the_tolerance_are_refused(offset: int) -> None:
    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
    with pytest.raises(SignatureInvalid, match="tolerance"):
        verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP + offset)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_headers_are_refused(missing: str) -> None:
    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
    del headers[missing]
    with pytest.raises(SignatureInvalid, match="missing"):
        verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP)


@pytest.mark.parametrize("stamp", ["hello", "-1614265330", "1614265330.5", "١٢٣"])
def test_a_timestamp_that_is_not_unix_seconds_is_refused(stamp: str) -> None:
    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
    headers["webhook-timestamp"] = stamp
    with pytest.raises(SignatureInvalid, match="unix seconds"):
        verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP)


@pytest.mark.parametrize(
    "secret", ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_not base64!", "whsec_abc"]
)
def test_malformed_secrets_are_refused(secret: str) -> None:
    with pytest.raises(WebhookSecretInvalid):
        sign(secret, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)


def test_an_id_containing_a_dot_cannot_be_signed() -> None:
    with pytest.raises(ValueError, match="must not contain"):
        sign(SPEC_SECRET, "a.b", SPEC_TIMESTAMP, SPEC_BODY)
