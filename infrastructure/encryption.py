"""Encryption at rest with each ciphertext bound to its place in the store.

With ``DUALTRACK_CIPHER_KEY`` set, every stored event's state (and every snapshot's) is
AES-GCM ciphertext. The library's own ``AESCipher`` encrypts the state alone, so an
insider could exchange two rows' state columns in SQL and both would still decrypt, each
now telling the other's story. Here the GCM associated data is the row's own topic,
aggregate (originator) id and version: a ciphertext copied, swapped or moved to any
other row fails its tag, and reading it raises ``MapperDeserialisationError`` naming the
row (``dualtrack audit verify`` reports it as a finding: application, aggregate,
version).

A bound record starts with ``BOUND_MARK`` (then nonce, tag, ciphertext). Records written
before, in the library's unbound format (nonce, tag, ciphertext), still read: they are
decrypted the old way, and stay unbound until rewritten (no re-encrypting migration is
done: it would change the stored bytes that the event chain and any seal kept outside
cover). The mark is no secret: cutting it off a bound record leaves a ciphertext whose
tag holds only with the associated data, so it does not pass as an old one either.

AES-GCM is ``cryptography``'s AESGCM (the same construction as the library's
pycryptodome cipher, so its records decrypt here too).
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.cipher import AESCipher
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    Cipher,
    Compressor,
    Mapper,
    MapperDeserialisationError,
    StoredEvent,
    Transcoder,
)
from eventsourcing.utils import Environment

# "dualtrack bound, format 1": the first bytes of every bound record.
BOUND_MARK = b"dtb\x01"
_AAD_DOMAIN = b"dualtrack.stored-state.v1\x00"
_NONCE, _TAG = 12, 16


class MisplacedCiphertextError(ValueError):
    """A ciphertext that does not decrypt with its own row's topic, aggregate and version."""


def associated_data(originator_id: UUID | str, version: int, topic: str) -> bytes:
    """What a row's ciphertext is bound to: its aggregate id, version and topic."""
    identity = _uuid_bytes(originator_id)
    encoded = topic.encode()
    return b"".join((_AAD_DOMAIN, len(identity).to_bytes(2, "big"), identity,
                     version.to_bytes(8, "big", signed=True),
                     len(encoded).to_bytes(4, "big"), encoded))


def _uuid_bytes(value: UUID | str) -> bytes:
    if isinstance(value, UUID):
        return value.bytes
    try:
        return UUID(value).bytes
    except ValueError:
        return value.encode()


class BoundAESCipher(AESCipher):
    """AES-GCM with the library's key (``CIPHER_KEY``) and records, plus encryption bound
    to associated data. ``decrypt_bound`` still reads the unbound records written before.

    ``cryptography``'s AESGCM keeps the key schedule in one object for the process: a few
    microseconds a record where pycryptodome's new cipher per record costs about 50."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.aead = AESGCM(self.key)

    def encrypt_bound(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        sealed = self.aead.encrypt(nonce, plaintext, associated)  # ciphertext + tag
        return BOUND_MARK + nonce + sealed[-_TAG:] + sealed[:-_TAG]

    def decrypt_bound(self, stored: bytes, associated: bytes) -> bytes:
        if not stored.startswith(BOUND_MARK):
            return self.decrypt(stored)  # the old, unbound format
        try:
            return self._open(stored[len(BOUND_MARK):], associated)
        except ValueError:
            pass
        try:
            # One old record in 2**32 has a nonce that starts like the mark.
            return self.decrypt(stored)
        except ValueError:
            raise MisplacedCiphertextError(
                "the ciphertext does not belong to this row (its topic, aggregate and "
                "version): it was moved or copied from another row, or changed") from None

    def decrypt(self, ciphertext: bytes) -> bytes:
        """The library's record (nonce, tag, ciphertext), bound to nothing."""
        try:
            return self._open(ciphertext, None)
        except ValueError as error:
            raise ValueError(f"Cipher text is damaged: {error}") from None

    def _open(self, body: bytes, associated: bytes | None) -> bytes:
        nonce, tag, encrypted = body[:_NONCE], body[_NONCE:_NONCE + _TAG], body[_NONCE + _TAG:]
        if len(tag) != _TAG:
            raise ValueError("too short for a nonce and a tag")
        try:
            return self.aead.decrypt(nonce, encrypted + tag, associated)
        except InvalidTag:
            raise ValueError("the tag does not match") from None


class BoundMapper(Mapper[UUID]):
    """A mapper whose ciphertexts are bound to their row (``BoundAESCipher``).

    The library's mapper transcodes and compresses; the bound cipher is kept aside (the
    library's one slot stays empty), so encryption happens here, where the row's topic,
    aggregate id and version are known. With any other cipher, or none, it is the
    library's mapper."""

    def __init__(self, transcoder: Transcoder, compressor: Compressor | None = None,
                 cipher: Cipher | None = None) -> None:
        self.bound_cipher = cipher if isinstance(cipher, BoundAESCipher) else None
        super().__init__(transcoder, compressor=compressor,
                         cipher=None if self.bound_cipher else cipher)

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        stored = super().to_stored_event(domain_event)
        if self.bound_cipher is None:
            return stored
        associated = associated_data(stored.originator_id, stored.originator_version,
                                     stored.topic)
        return replace(stored, state=self.bound_cipher.encrypt_bound(stored.state, associated))

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        if self.bound_cipher is None:
            return super().to_domain_event(stored_event)
        try:
            plaintext = self.bound_cipher.decrypt_bound(
                _bytes(stored_event.state),
                associated_data(stored_event.originator_id,
                                stored_event.originator_version, stored_event.topic))
        except ValueError as error:
            raise MapperDeserialisationError(
                f"Failed to decrypt the stored event with topic '{stored_event.topic}', "
                f"originator_id '{stored_event.originator_id}' and originator_version "
                f"{stored_event.originator_version}: {error}") from error
        return super().to_domain_event(StoredEvent(
            originator_id=stored_event.originator_id,
            originator_version=stored_event.originator_version,
            topic=stored_event.topic, state=plaintext))


def _bytes(state: Any) -> bytes:
    # A state edited by hand may come back as text (SQLite's || makes a BLOB TEXT).
    return state.encode() if isinstance(state, str) else bytes(state)
