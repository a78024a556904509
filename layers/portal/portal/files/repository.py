"""Files in the table (CASE-5): one item per file, found by its id; listed through sparse index keys set only once
its bytes have passed the check, so a list reads exactly the files it shows.

- `FILE#<id>` / `FILE`: the file (its status, what it is linked to, its original name).
- GSI1 `FILES#CUSTOMER#<customer>`: the ready files of a customer and of its objects, newest first (ULIDs).
- GSI2 `FILES#OBJECT#<object>`, `FILES#CASE#<case>` or `FILES#TICKET#<ticket>`: the ready files of one object, one
  case or one support ticket.

A file is written to S3 under `customers/<customer>/files/<id>` (`cases/<case>/files/<id>` for a case without a
customer): the key holds no part of the name the user gave it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from portal.cases.models import CaseTimelineEntry
from portal.cases.repository import case_pk
from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.files.models import FileOwner, FileStatus, StoredFile
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of

UNCHECKED_KEPT = timedelta(days=1)  # a form handed out and never used is forgotten (the table's TTL)
REJECTED_KEPT = timedelta(days=7)  # long enough for the uploader to read why


def file_pk(file_id: str) -> str:
    return key("FILE", file_id)


def object_key(file: StoredFile) -> str:
    if file.customer_id:
        return f"customers/{file.customer_id}/files/{file.file_id}"
    return f"cases/{file.case_id}/files/{file.file_id}"


def file_id_of(object_key: str) -> str | None:
    """The file an S3 key belongs to, when the key is one `object_key` makes."""
    parts = object_key.split("/")
    if len(parts) == 4 and parts[0] in {"customers", "cases"} and parts[2] == "files" and is_id(parts[3]):
        return parts[3]
    return None


def customer_files(customer_id: str) -> str:
    return key("FILES", "CUSTOMER", customer_id)


def object_files(object_id: str) -> str:
    return key("FILES", "OBJECT", object_id)


def case_files(case_id: str) -> str:
    return key("FILES", "CASE", case_id)


def ticket_files(ticket_id: str) -> str:
    return key("FILES", "TICKET", ticket_id)


class FileRepository(Protocol):
    def create(self, file: StoredFile) -> None: ...
    def get(self, file_id: str) -> StoredFile | None: ...
    def accept(self, file: StoredFile, *, actor_name: str) -> None: ...
    def reject(self, file: StoredFile) -> None: ...
    def delete(self, file: StoredFile, *, actor: str, actor_name: str, at: datetime) -> None: ...
    def listed(
        self, owner: FileOwner, owner_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[StoredFile], str | None]: ...
    def count_of_customer(self, customer_id: str) -> int: ...


class DynamoFileRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def create(self, file: StoredFile) -> None:
        expires = int((file.uploaded_at + UNCHECKED_KEPT).timestamp())
        self.table.put(_item(file, expires_at=expires), condition="attribute_not_exists(PK)")

    def get(self, file_id: str) -> StoredFile | None:
        if not is_id(file_id):
            return None
        item = self.table.get(file_pk(file_id), "FILE", consistent=True)
        return model_of(StoredFile, item) if item else None

    def accept(self, file: StoredFile, *, actor_name: str) -> None:
        """Ready: listed from now on, kept for good, and recorded where its owner's changes are (the customer's
        history; a case's timeline too), all in one transaction conditioned on the file still being unchecked."""
        transaction = Transaction()
        transaction.put(_item(file, **_listing_keys(file)), condition="#status = :uploading", **_unchecked())
        if file.customer_id:  # deleted while the bytes were on their way: the file goes with it (the next try)
            transaction.check(customer_pk(file.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_audit(file, CustomerHistoryAction.FILE_UPLOADED, actor=file.uploaded_by, at=file.checked_at))
        if file.case_id:
            _add_to_timeline(transaction, file, "file_added", by_name=actor_name, at=file.checked_at)
        self.table.transact(transaction, conflict_message="The file was checked already")

    def reject(self, file: StoredFile) -> None:
        assert file.checked_at is not None
        expires = int((file.checked_at + REJECTED_KEPT).timestamp())
        self.table.put(
            _item(file, expires_at=expires),
            condition="#status = :uploading",
            **_unchecked(),
            conflict_message="The file was checked already",
        )

    def delete(self, file: StoredFile, *, actor: str, actor_name: str, at: datetime) -> None:
        transaction = Transaction()
        # As it was read: a file checked meanwhile must not go without the entries its check made it owe.
        transaction.delete(
            file_pk(file.file_id),
            "FILE",
            condition="#status = :read",
            values={":read": file.status.value},
            names={"#status": "status"},
        )
        if file.status is FileStatus.READY:
            transaction.put(_audit(file, CustomerHistoryAction.FILE_DELETED, actor=actor, at=at))
            if file.case_id:
                _add_to_timeline(transaction, file, "file_deleted", by_name=actor_name, at=at)
        self.table.transact(transaction, conflict_message="The file was deleted meanwhile")

    def listed(
        self, owner: FileOwner, owner_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[StoredFile], str | None]:
        index, partition = {
            FileOwner.CUSTOMER: ("GSI1", customer_files),
            FileOwner.OBJECT: ("GSI2", object_files),
            FileOwner.CASE: ("GSI2", case_files),
            FileOwner.TICKET: ("GSI2", ticket_files),
        }[owner]
        page = self.table.query(
            index=index, pk=partition(owner_id), ascending=False, limit=limit, cursor=cursor, principal=viewer
        )
        return [model_of(StoredFile, item) for item in page.items], page.cursor

    def count_of_customer(self, customer_id: str) -> int:
        """Whether a customer has files (deleting it is refused while it has): one item read at most."""
        page = self.table.query(index="GSI1", pk=customer_files(customer_id), limit=1, principal="-")
        return len(page.items)


def _item(file: StoredFile, **extra: object) -> Item:
    return item_of(file, pk=file_pk(file.file_id), sk="FILE", kind="file", **extra)


def _listing_keys(file: StoredFile) -> dict[str, str]:
    """Customer and object files are listed on the customer; object and case files on the object or the case.
    A case's files are the case's to show (seed 002 lists files "linked to customers and objects")."""
    keys: dict[str, str] = {}
    if file.owner in {FileOwner.CUSTOMER, FileOwner.OBJECT} and file.customer_id:
        keys |= {"GSI1PK": customer_files(file.customer_id), "GSI1SK": file.file_id}
    if file.owner is FileOwner.OBJECT and file.object_id:
        keys |= {"GSI2PK": object_files(file.object_id), "GSI2SK": file.file_id}
    if file.owner is FileOwner.CASE and file.case_id:
        keys |= {"GSI2PK": case_files(file.case_id), "GSI2SK": file.file_id}
    if file.owner is FileOwner.TICKET and file.ticket_id:
        keys |= {"GSI2PK": ticket_files(file.ticket_id), "GSI2SK": file.file_id}
    return keys


def _unchecked() -> dict[str, dict[str, str]]:
    return {"values": {":uploading": FileStatus.UPLOADING.value}, "names": {"#status": "status"}}


def _audit(file: StoredFile, action: CustomerHistoryAction, *, actor: str, at: datetime | None) -> Item:
    assert at is not None
    return audit_item(
        partition=customer_pk(file.customer_id) if file.customer_id else case_pk(file.case_id or ""),
        actor=actor,
        action=action,
        at=at,
        subject=file.file_id,
        after={"name": file.name, "linked_to": file.owner.value, **_links(file)},
    )


def _links(file: StoredFile) -> dict[str, str]:
    return {
        name: value
        for name, value in (("object_id", file.object_id), ("case_id", file.case_id), ("ticket_id", file.ticket_id))
        if value is not None
    }


def _add_to_timeline(
    transaction: Transaction, file: StoredFile, action: str, *, by_name: str, at: datetime | None
) -> None:
    """The case's timeline lists its files; the case's version moves, so an edit made on the version before
    cannot put the case back without this entry."""
    assert at is not None
    assert file.case_id is not None
    entry = CaseTimelineEntry(at=at, by_name=by_name, action=action, detail=file.name)
    transaction.update(
        case_pk(file.case_id),
        "CASE",
        expression="SET timeline = list_append(timeline, :entry), version = version + :one",
        values={":entry": [entry.model_dump(mode="json")], ":one": 1},
        condition="attribute_exists(PK)",
    )
