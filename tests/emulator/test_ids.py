"""New jobs' ids and tokens: random version-4 UUIDs and hex tokens, never repeated across
the blocks they are read in, nor between a process and a child it forks."""

from __future__ import annotations

import os
import re
from uuid import RFC_4122, UUID

from tikjobs.emulator.ids import BLOCK, new_id, new_id_text, new_token_hex


def test_ids_are_random_version_4_uuids_never_repeated_across_blocks() -> None:
    ids = [new_id() for _ in range(3 * BLOCK // 16 + 7)]
    assert len(set(ids)) == len(ids)
    assert {(found.version, found.variant) for found in ids} == {(4, RFC_4122)}


def test_ids_as_text_are_canonical_version_4_uuids_never_repeated() -> None:
    texts = [new_id_text() for _ in range(2 * BLOCK // 16 + 3)]
    parsed = [UUID(text) for text in texts]
    assert [str(found) for found in parsed] == texts
    assert len(set(texts)) == len(texts)
    assert {(found.version, found.variant) for found in parsed} == {(4, RFC_4122)}


def test_tokens_are_hex_of_the_size_asked_and_never_repeated() -> None:
    tokens = [new_token_hex(16) for _ in range(1000)] + [new_token_hex(BLOCK + 5)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", token) for token in tokens[:-1])
    assert len(tokens[-1]) == 2 * (BLOCK + 5)
    assert len(set(tokens)) == len(tokens)


def test_a_forked_child_does_not_repeat_its_parents_next_id() -> None:
    new_id()  # a block is read and partly left
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        os.close(reading)
        os.write(writing, new_id().bytes)
        os._exit(0)
    os.close(writing)
    try:
        in_child = os.read(reading, 16)
    finally:
        os.close(reading)
        os.waitpid(child, 0)
    assert len(in_child) == 16
    assert in_child != new_id().bytes
