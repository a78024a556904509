"""Personal data sealed at rest (EMP-1 national identity numbers, EMP-2 self-declarations): envelope encryption. KMS
makes a fresh data key per value; the value is encrypted with it (AES-256-GCM) and only the data key, encrypted by
KMS, is kept beside it. The encryption context (what the value belongs to) is bound to both, so a sealed value
copied onto another record does not open. A keyed hash (blind index) finds a record by a value without storing it.

When KMS does not answer, nothing is sealed and the change is refused: a value is never kept in plain text."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel

from portal.errors import Unavailable

if TYPE_CHECKING:
    from mypy_boto3_kms.client import KMSClient

_NONCE_BYTES = 12
T = TypeVar("T", bound=Any)


class SealedValue(BaseModel):
    """What is stored instead of the value: the data key as KMS encrypted it, and the value as that key did."""

    key: str  # base64
    nonce: str  # base64
    ciphertext: str  # base64, with the GCM tag


class Sealer(Protocol):
    def seal(self, plain: str, *, context: dict[str, str]) -> SealedValue: ...
    def open(self, sealed: SealedValue, *, context: dict[str, str]) -> str: ...


@cache
def _client() -> KMSClient:
    import boto3

    return boto3.client("kms")


# What the caller is told when the key service does not answer, sealing and opening.
_NOT_SAVED = "nothing was saved"
_NOT_READ = "the protected value could not be read"


class KmsSealer:
    def __init__(self, key_id: str) -> None:
        self.key_id = key_id

    def seal(self, plain: str, *, context: dict[str, str]) -> SealedValue:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        data_key = self._kms(
            lambda kms: kms.generate_data_key(KeyId=self.key_id, KeySpec="AES_256", EncryptionContext=context),
            unanswered=_NOT_SAVED,
        )
        nonce = os.urandom(_NONCE_BYTES)
        ciphertext = AESGCM(data_key["Plaintext"]).encrypt(nonce, plain.encode("utf-8"), _associated(context))
        return SealedValue(key=_b64(data_key["CiphertextBlob"]), nonce=_b64(nonce), ciphertext=_b64(ciphertext))

    def open(self, sealed: SealedValue, *, context: dict[str, str]) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        data_key = self._kms(
            lambda kms: kms.decrypt(
                KeyId=self.key_id, CiphertextBlob=base64.b64decode(sealed.key), EncryptionContext=context
            ),
            unanswered=_NOT_READ,
        )
        plain = AESGCM(data_key["Plaintext"]).decrypt(
            base64.b64decode(sealed.nonce), base64.b64decode(sealed.ciphertext), _associated(context)
        )
        return plain.decode("utf-8")

    def _kms(self, call: Callable[[KMSClient], T], *, unanswered: str) -> T:
        from botocore.exceptions import BotoCoreError, ClientError

        if not self.key_id:
            raise Unavailable(f"No key is configured to protect personal data: {unanswered}")
        try:
            return call(_client())
        except (ClientError, BotoCoreError) as error:
            # The error names the key and the operation, never the value.
            raise Unavailable(f"The key service did not answer: {unanswered}; try again shortly") from error


def blind_index(value: str, *, scope: str, key: bytes) -> str:
    """A keyed hash of the value within a scope (a customer): equal values in one scope match, nothing else can be
    learnt from it without the key, and the same person in two scopes is not linked."""
    return hmac.new(key, f"{scope}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def _associated(context: dict[str, str]) -> bytes:
    return json.dumps(context, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
