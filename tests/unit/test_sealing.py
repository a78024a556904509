"""Envelope encryption of personal data (EMP-1) against KMS as the local backend (moto) plays it: a value sealed
opens again only with the context it was sealed for; nothing of the value shows in what is stored; without a key
nothing is sealed. The blind index matches equal values in one scope only."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from infrastructure.local.runtime import Runtime
from portal import sealing
from portal.errors import Unavailable
from portal.sealing import KmsSealer, blind_index

CONTEXT = {"purpose": "national_id", "customer_id": "C1", "employee_id": "E1"}


@pytest.fixture
def sealer(runtime: Runtime) -> KmsSealer:
    kms = boto3.client("kms")
    alias = f"alias/test-{uuid.uuid4().hex[:8]}"
    kms.create_alias(AliasName=alias, TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    return KmsSealer(alias)


def test_a_sealed_value_opens_with_its_context_only_and_shows_nothing_of_itself(sealer: KmsSealer) -> None:
    sealed = sealer.seal("13091849962", context=CONTEXT)
    assert "13091849962" not in json.dumps(sealed.model_dump())
    assert sealer.open(sealed, context=CONTEXT) == "13091849962"
    assert sealer.seal("13091849962", context=CONTEXT).ciphertext != sealed.ciphertext  # a fresh key and nonce
    with pytest.raises(Exception):  # noqa: B017, PT011 - moto or AES-GCM refuses, either way it does not open
        sealer.open(sealed, context={**CONTEXT, "employee_id": "E2"})


def test_without_a_key_nothing_is_sealed() -> None:
    with pytest.raises(Unavailable, match="nothing was saved"):
        KmsSealer("").seal("13091849962", context=CONTEXT)


class DownKms:
    def __getattr__(self, operation: str) -> Callable[..., Any]:
        def refuse(**request: Any) -> Any:
            raise ClientError({"Error": {"Code": "KMSInternalException", "Message": "down"}}, operation)

        return refuse


def test_when_the_key_service_does_not_answer_each_way_says_what_did_not_happen(
    sealer: KmsSealer, monkeypatch: pytest.MonkeyPatch
) -> None:
    sealed = sealer.seal("13091849962", context=CONTEXT)
    monkeypatch.setattr(sealing, "_client", DownKms)
    with pytest.raises(Unavailable, match="nothing was saved"):
        sealer.seal("13091849962", context=CONTEXT)
    with pytest.raises(Unavailable, match="could not be read") as refused:
        sealer.open(sealed, context=CONTEXT)
    assert "13091849962" not in str(refused.value)


def test_the_blind_index_matches_equal_values_in_one_scope_only() -> None:
    key = b"k" * 32
    assert blind_index("13091849962", scope="C1", key=key) == blind_index("13091849962", scope="C1", key=key)
    assert blind_index("13091849962", scope="C1", key=key) != blind_index("13091849962", scope="C2", key=key)
    assert blind_index("13091849962", scope="C1", key=key) != blind_index("13091849962", scope="C1", key=b"o" * 32)
    assert "13091849962" not in blind_index("13091849962", scope="C1", key=key)
