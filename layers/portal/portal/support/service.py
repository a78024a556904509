"""Reading and changing the support contacts. Anyone reads them; only an administrator changes them."""

from __future__ import annotations

from portal import access
from portal.access import Principal
from portal.clock import Clock, now
from portal.history import require_version
from portal.support.models import DEFAULT_SUPPORT, SupportContacts, SupportContactsInput
from portal.support.repository import SupportRepository


def support_contacts(repository: SupportRepository) -> SupportContacts:
    return repository.get() or DEFAULT_SUPPORT


def save_support_contacts(
    principal: Principal, repository: SupportRepository, change: SupportContactsInput, clock: Clock = now
) -> SupportContacts:
    access.require_administrator(principal, "change the support contacts")
    stored = repository.get()
    require_version(stored.version if stored else 0, change.version, "support contacts")
    saved = SupportContacts(
        **change.model_dump(exclude={"version"}),
        version=change.version + 1,
        updated_at=clock(),
        updated_by=principal.username,
    )
    repository.save(saved, expected_version=change.version)
    return saved
