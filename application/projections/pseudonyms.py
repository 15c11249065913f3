"""Keys for people that count them without naming them.

A plain hash of an IIN is no protection: an IIN is a birth date, a digit and a
four-digit serial, so every IIN can be hashed in minutes and looked up. A keyed
hash (HMAC) with a secret kept by the view store cannot be reversed without the
secret, and is still the same for the same person, so views can count distinct
trainees and mentors and a trainee can find their own agreements.
"""

from __future__ import annotations

import hashlib
import hmac


class Pseudonyms:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the pseudonym secret must have at least 16 bytes")
        self._secret = secret

    def _key(self, kind: str, iin: object) -> str:
        message = f"{kind}:{iin}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def trainee(self, iin: object) -> str:
        return self._key("trainee", iin)

    def mentor(self, iin: object) -> str:
        return self._key("mentor", iin)
