"""Files (CASE-5): staff with the Upload right ask for an upload form, the browser posts the bytes straight to S3,
and a worker started by the bucket's notification judges them before anyone sees the file; the customer's logins
read what AUTH-4 lets them, through presigned links; staff with "Delete uploaded files" remove them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from portal import access
from portal.access import Principal
from portal.cases.repository import CaseRepository, current_facts
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound, ValidationFailed, field_problem
from portal.files.content import MAX_FILE_BYTES, SNIFF_BYTES, judge
from portal.files.models import (
    FileOwner,
    FilePage,
    FileStatus,
    FileTarget,
    FileUpload,
    FileUploadForm,
    FileUploadInput,
    FileView,
    StoredFile,
)
from portal.files.repository import FileRepository, file_id_of, object_key
from portal.objects.repository import ObjectRepository
from portal.storage import ObjectVersion
from portal.tickets.repository import TicketRepository
from portal.tickets.service import ticket_facts

FORM_SECONDS = 10 * 60
LINK_SECONDS = 5 * 60


class FileStorage(Protocol):
    def upload_form(
        self, key: str, *, content_type: str, max_bytes: int, seconds: int, file_name: str
    ) -> tuple[str, dict[str, str]]: ...
    def latest(self, key: str) -> ObjectVersion | None: ...
    def read_start(self, key: str, length: int, *, version_id: str | None = None) -> bytes: ...
    def purge(self, key: str, *, keep: str | None = None) -> None: ...
    def link(
        self, key: str, *, file_name: str, seconds: int, content_type: str | None = None, version_id: str | None = None
    ) -> str: ...


@dataclass
class FileService:
    files: FileRepository
    storage: FileStorage
    customers: CustomerRepository
    objects: ObjectRepository
    cases: CaseRepository
    tickets: TicketRepository
    clock: Clock = now

    def start_upload(self, principal: Principal, data: FileUploadInput) -> FileUpload:
        target = FileTarget.model_validate(
            data.model_dump(include={"customer_id", "object_id", "case_id", "ticket_id"})
        )
        facts, links = self._readable_target(principal, target)
        access.require_upload_file(principal, facts)
        at = self.clock()
        file = StoredFile(
            file_id=new_id(),
            **links,
            name=data.name,
            content_type=data.content_type,
            size=data.size,
            status=FileStatus.UPLOADING,
            uploaded_by=principal.username,
            uploaded_by_name=principal.display_name,
            uploaded_at=at,
        )
        self.files.create(file)
        url, fields = self.storage.upload_form(
            object_key(file),
            content_type=file.content_type.value,
            max_bytes=min(data.size, MAX_FILE_BYTES),
            seconds=FORM_SECONDS,
            file_name=file.name,
        )
        expires_at = at + timedelta(seconds=FORM_SECONDS)
        return FileUpload(
            file=self._view(principal, file, facts),
            upload=FileUploadForm(url=url, fields=fields, expires_at=expires_at),
        )

    def list(self, principal: Principal, target: FileTarget, *, limit: int, cursor: str | None) -> FilePage:
        facts, links = self._readable_target(principal, target)
        owner = links["owner"]
        assert isinstance(owner, FileOwner)
        owner_id = {
            FileOwner.CUSTOMER: target.customer_id,
            FileOwner.OBJECT: target.object_id,
            FileOwner.CASE: target.case_id,
            FileOwner.TICKET: target.ticket_id,
        }[owner]
        assert owner_id is not None
        found, next_cursor = self.files.listed(owner, owner_id, limit=limit, cursor=cursor, viewer=principal.username)
        # The target's facts are every listed file's, but for a customer's list, which holds its objects' files too.
        shown = [
            self._view(principal, file, facts.model_copy(update={"object_id": file.object_id}))
            if owner is FileOwner.CUSTOMER
            else self._view(principal, file, facts)
            for file in found
        ]
        return FilePage(items=shown, next_cursor=next_cursor)

    def get(self, principal: Principal, file_id: str) -> FileView:
        file = self.files.get(file_id)
        facts = self._facts(file) if file else None
        access.require_read_file(principal, facts)
        assert file is not None
        assert facts is not None
        if file.status is not FileStatus.READY and file.uploaded_by != principal.username and not principal.is_staff:
            raise NotFound("No such file")  # not there yet, as far as the customer's logins are concerned
        return self._view(principal, file, facts)

    def delete(self, principal: Principal, file_id: str) -> None:
        file = self.files.get(file_id)
        access.require_delete_file(principal, self._facts(file) if file else None)
        assert file is not None
        self.files.delete(file, actor=principal.username, actor_name=principal.display_name, at=self.clock())
        # The record goes first: a crash between the two leaves bytes nobody can reach, never a file listed
        # without its bytes.
        self.storage.purge(object_key(file))

    def check_uploaded(self, key: str) -> FileStatus | None:
        """The worker's part: judge the bytes at `key` once. None when nothing waits for them.

        An upload form can be posted again until it expires, so the bucket keeps versions: the check judges one
        version, the file is served from that version only, and every other version under the key (posted before
        or after the check) is removed. Bytes under a key no upload form was made for are removed too; S3 may
        announce an object more than once, which changes nothing."""
        file_id = file_id_of(key)
        file = self.files.get(file_id) if file_id else None
        if file is None or object_key(file) != key:
            self.storage.purge(key)
            return None
        if file.status is FileStatus.REJECTED:
            self.storage.purge(key)
            return None
        if file.status is FileStatus.READY:
            if file.version_id:  # (a file checked before versions were kept has only the one)
                self.storage.purge(key, keep=file.version_id)
            return None
        if file.customer_id and self.customers.get(file.customer_id) is None:
            # its customer was deleted before the check (a customer with ready files cannot be)
            self.files.delete(file, actor=file.uploaded_by, actor_name=file.uploaded_by_name, at=self.clock())
            self.storage.purge(key)
            return None
        version = self.storage.latest(key)
        if version is None:  # removed again before we came to it
            return None
        start = self.storage.read_start(key, SNIFF_BYTES, version_id=version.version_id) if version.size else b""
        rejection = judge(start, size=version.size, declared=file.content_type)
        checked = file.model_copy(
            update={"size": version.size, "checked_at": self.clock(), "version_id": version.version_id}
        )
        if rejection is None:
            self.files.accept(checked.model_copy(update={"status": FileStatus.READY}), actor_name=file.uploaded_by_name)
            self.storage.purge(key, keep=version.version_id)
            return FileStatus.READY
        self.files.reject(checked.model_copy(update={"status": FileStatus.REJECTED, "rejection": rejection}))
        self.storage.purge(key)
        return FileStatus.REJECTED

    # -- what a file is linked to ----------------------------------------------------------------------------------

    def _readable_target(self, principal: Principal, target: FileTarget) -> tuple[access.FileFacts, dict[str, object]]:
        """What the request names, when the login reads its files; anything else (unknown, or another's, at any
        level) answers the same."""
        try:
            facts, links = self._target(principal, target)
            access.require_read_file(principal, facts)
        except NotFound:
            raise NotFound("No such customer, object, case or ticket") from None
        return facts, links

    def _target(self, principal: Principal, target: FileTarget) -> tuple[access.FileFacts, dict[str, object]]:
        """The facts of what the request names, and the links a file on it gets. Anything the login may not see
        answers as missing, as something that does not exist would."""
        if target.case_id is not None:
            if target.customer_id is not None or target.object_id is not None:
                raise _target_problem()
            case = self.cases.get(target.case_id)
            if case is None:
                raise NotFound("No such case")
            facts = current_facts(case, self.customers)
            return access.FileFacts(customer=facts.customer, case=facts), {
                "owner": FileOwner.CASE,
                "customer_id": case.customer_id,
                "case_id": case.case_id,
            }
        if target.customer_id is None:
            raise _target_problem()
        customer = customers.facts_of(self.customers, target.customer_id)
        if customer is None:
            raise NotFound("No such customer")
        if target.ticket_id is not None:
            if target.object_id is not None:
                raise _target_problem()
            ticket = self.tickets.get(customer.customer_id, target.ticket_id)
            if ticket is None:
                raise NotFound("No such ticket")
            return access.FileFacts(customer=customer, ticket=ticket_facts(customer, ticket)), {
                "owner": FileOwner.TICKET,
                "customer_id": customer.customer_id,
                "ticket_id": target.ticket_id,
            }
        if target.object_id is None:
            return access.FileFacts(customer=customer), {
                "owner": FileOwner.CUSTOMER,
                "customer_id": customer.customer_id,
            }
        if self.objects.get(customer.customer_id, target.object_id) is None:
            raise NotFound("No such object")
        return access.FileFacts(customer=customer, object_id=target.object_id), {
            "owner": FileOwner.OBJECT,
            "customer_id": customer.customer_id,
            "object_id": target.object_id,
        }

    def _facts(self, file: StoredFile) -> access.FileFacts:
        customer = customers.facts_of(self.customers, file.customer_id) if file.customer_id else None
        if file.owner is FileOwner.CASE:
            case = self.cases.get(file.case_id or "")
            if case is None:
                return access.FileFacts()  # its case is gone: nobody reads it any longer
            return access.FileFacts(customer=customer, case=current_facts(case, self.customers))
        if file.owner is FileOwner.TICKET:
            ticket = self.tickets.get(file.customer_id or "", file.ticket_id or "")
            if customer is None or ticket is None:
                return access.FileFacts()  # its ticket is gone: nobody reads it any longer
            return access.FileFacts(customer=customer, ticket=ticket_facts(customer, ticket))
        return access.FileFacts(customer=customer, object_id=file.object_id)

    def _view(self, principal: Principal, file: StoredFile, facts: access.FileFacts) -> FileView:
        url = None
        if file.status is FileStatus.READY:
            url = self.storage.link(
                object_key(file),
                file_name=file.name,
                seconds=LINK_SECONDS,
                content_type=file.content_type.value,
                version_id=file.version_id,
            )
        return FileView(**file.model_dump(), download_url=url, may_delete=access.may_delete_file(principal, facts))


def _target_problem() -> ValidationFailed:
    message = "Name a customer (and one of its objects or support tickets), or a case alone"
    return ValidationFailed(
        message, code="invalid_file_target", details=[field_problem("customer_id", "invalid_file_target", message)]
    )
