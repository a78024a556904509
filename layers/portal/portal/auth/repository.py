"""Users, code lists, login challenges and sessions in the single table."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from portal.access import Principal
from portal.auth.models import CodeList, LinkPurpose, OneTimeLink, User
from portal.auth.sessions import session_pk, user_pk
from portal.clock import is_id, iso, parse_iso
from portal.errors import Conflict
from portal.store import Item, Table, Transaction, audit_item, key

if TYPE_CHECKING:
    from portal.notifications.email import EmailMessage


def _write_emails(transaction: Transaction, emails: Sequence[EmailMessage], *, at: datetime) -> None:
    """The change's e-mails join its transaction (the outbox). Imported here: the authorizer never writes any."""
    from portal.notifications.repository import enqueue

    enqueue(transaction, emails, at=at)


class AuthRepository(Protocol):
    def get_user(self, username: str) -> User | None: ...
    def create_user(
        self,
        user: User,
        codes: CodeList | None,
        link: tuple[OneTimeLink, str] | None,
        *,
        actor: str,
        at: datetime,
        emails: Sequence[EmailMessage],
    ) -> None: ...
    def claim_attempt(self, username: str, *, at: datetime, max_attempts: int) -> bool: ...
    def lock(
        self, username: str, *, at: datetime, until: datetime, max_attempts: int, emails: Sequence[EmailMessage]
    ) -> bool: ...
    def refund_attempt(self, username: str) -> None: ...
    def reset_failures(self, username: str) -> None: ...
    def get_codes(self, username: str) -> CodeList | None: ...
    def consume_code(self, username: str, list_id: str, position: int) -> int: ...
    def replace_codes(
        self, username: str, codes: CodeList, *, at: datetime, emails: Sequence[EmailMessage]
    ) -> None: ...
    def set_password(
        self, username: str, password_hash: str, codes: CodeList, *, at: datetime, emails: Sequence[EmailMessage]
    ) -> None: ...
    def save_link(self, link: OneTimeLink, digest: str, *, at: datetime, emails: Sequence[EmailMessage]) -> None: ...
    def take_link(self, digest: str) -> OneTimeLink | None: ...
    def count_request(self, counter: str, *, window_end: datetime) -> int: ...
    def save_challenge(self, digest: str, *, username: str, list_id: str, position: int, expires: datetime) -> None: ...
    def take_challenge(self, digest: str) -> dict[str, Any] | None: ...
    def delete_challenge(self, digest: str) -> None: ...
    def save_session(
        self, digest: str, principal: Principal, *, user_version: int, created: datetime, expires: datetime
    ) -> None: ...
    def delete_session(self, digest: str) -> None: ...
    def revoke_sessions(self, username: str) -> int: ...
    def customer_users(self, customer_id: str) -> list[User]: ...
    def customer_user(self, customer_id: str, user_id: str) -> User | None: ...
    def login_of_contact(self, contact_id: str) -> str | None: ...
    def change_roles(self, user: User, customer_id: str, roles: list[str], *, actor: str, at: datetime) -> User: ...
    def deactivate(self, user: User, customer_id: str, *, actor: str, at: datetime) -> User: ...
    def delete(self, user: User, customer_id: str, *, actor: str, at: datetime) -> None: ...
    def audit(self, username: str, action: str, *, at: datetime, detail: dict[str, Any] | None = None) -> None: ...


class DynamoAuthRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get_user(self, username: str) -> User | None:
        item = self.table.get(user_pk(username), "USER", consistent=True)
        return _user_from_item(item) if item else None

    def create_user(
        self,
        user: User,
        codes: CodeList | None,
        link: tuple[OneTimeLink, str] | None,
        *,
        actor: str,
        at: datetime,
        emails: Sequence[EmailMessage],
    ) -> None:
        """The user with its code list (seeded users) or its invitation link, and its e-mails, all or nothing."""
        transaction = Transaction()
        transaction.put(_user_item(user), condition="attribute_not_exists(PK)")
        if codes is not None:
            transaction.put(_codes_item(user.username, codes))
        if link is not None:
            transaction.put(_link_item(*link), condition="attribute_not_exists(PK)")
        transaction.put(
            audit_item(
                partition=user_pk(user.username),
                actor=actor,
                action="user_created",
                at=at,
                after={"kind": user.kind.value, "customer_ids": ",".join(user.customer_ids)},
            )
        )
        if user.contact_id:  # one login per contact: a change of the contact's links must reach this login
            transaction.put(_contact_login_item(user), condition="attribute_not_exists(PK)")
        for customer_id in user.member_of:
            transaction.put(_membership_item(user, customer_id))
            transaction.put(
                audit_item(
                    partition=key("CUST", customer_id),
                    actor=actor,
                    action="user_invited",
                    at=at,
                    subject=user.user_id,
                    after={"user": user.display_name, "roles": ",".join(user.customer_roles.get(customer_id, []))},
                )
            )
        _write_emails(transaction, emails, at=at)
        self.table.transact(transaction, conflict_message=f"The username {user.username} is already taken")

    # -- a customer's users (AUTH-3) -------------------------------------------------------------------------------

    def customer_users(self, customer_id: str) -> list[User]:
        memberships = self.table.query_all(pk=key("CUST", customer_id), sk_prefix="USER#")
        users = self.table.batch_get([(user_pk(item["username"]), "USER") for item in memberships])
        return sorted((_user_from_item(item) for item in users), key=lambda user: user.display_name.casefold())

    def customer_user(self, customer_id: str, user_id: str) -> User | None:
        if not is_id(user_id):
            return None
        membership = self.table.get(key("CUST", customer_id), key("USER", user_id), consistent=True)
        return self.get_user(membership["username"]) if membership else None

    def login_of_contact(self, contact_id: str) -> str | None:
        item = self.table.get(key("CONTACT", contact_id), "LOGIN", consistent=True)
        return str(item["username"]) if item else None

    def change_roles(self, user: User, customer_id: str, roles: list[str], *, actor: str, at: datetime) -> User:
        """The roles at one customer change, and the authorization version with them: sessions end at once."""
        transaction = Transaction()
        transaction.update(
            user_pk(user.username),
            "USER",
            expression="SET customer_roles.#customer = :roles ADD version :one",
            names={"#customer": customer_id},
            values={":roles": roles, ":one": 1, ":read": user.version},
            condition="version = :read",
        )
        transaction.put(
            audit_item(
                partition=key("CUST", customer_id),
                actor=actor,
                action="user_roles_changed",
                at=at,
                subject=user.user_id,
                before={"user": user.display_name, "roles": ",".join(user.customer_roles.get(customer_id, []))},
                after={"user": user.display_name, "roles": ",".join(roles)},
            )
        )
        self.table.transact(transaction, conflict_message="The user changed meanwhile; reload and try again")
        changed = self.get_user(user.username)
        assert changed is not None
        return changed

    def deactivate(self, user: User, customer_id: str, *, actor: str, at: datetime) -> User:
        """The login stops working at once (its version moves on) and keeps its history."""
        transaction = Transaction()
        transaction.update(
            user_pk(user.username),
            "USER",
            expression="SET active = :no, deactivated_at = :at ADD version :one",
            values={":no": False, ":at": iso(at), ":one": 1, ":read": user.version},
            condition="version = :read",
        )
        transaction.put(
            audit_item(
                partition=key("CUST", customer_id),
                actor=actor,
                action="user_deactivated",
                at=at,
                subject=user.user_id,
                after={"user": user.display_name},
            )
        )
        transaction.put(audit_item(partition=user_pk(user.username), actor=actor, action="user_deactivated", at=at))
        self.table.transact(transaction, conflict_message="The user changed meanwhile; reload and try again")
        self.revoke_sessions(user.username)
        changed = self.get_user(user.username)
        assert changed is not None
        return changed

    def delete(self, user: User, customer_id: str, *, actor: str, at: datetime) -> None:
        """Removes the login and its personal data. What it did stays in the histories, under its pseudonym."""
        pseudonym = pseudonym_of(user)
        transaction = Transaction()
        transaction.delete(user_pk(user.username), "USER", condition="version = :read", values={":read": user.version})
        transaction.delete(user_pk(user.username), "CODES")
        for member_of in user.member_of:
            transaction.delete(key("CUST", member_of), key("USER", user.user_id))
        if user.contact_id:
            transaction.delete(key("CONTACT", user.contact_id), "LOGIN")
        transaction.put(
            audit_item(
                partition=key("CUST", customer_id),
                actor=actor,
                action="user_deleted",
                at=at,
                subject=user.user_id,
                after={"user": pseudonym},
            )
        )
        self.table.transact(transaction, conflict_message="The user changed meanwhile; reload and try again")
        self.revoke_sessions(user.username)
        self._pseudonymise(user, pseudonym)

    def _pseudonymise(self, user: User, pseudonym: str) -> None:
        """The login's own security log moves to its pseudonym's partition; in the histories of its customers, the
        entries it made name the pseudonym instead of the username (an e-mail address)."""
        own = self.table.query_all(pk=user_pk(user.username), sk_prefix="AUDIT#")
        self.table.batch_put(
            [{**item, "PK": key("USERID", user.user_id), "actor": pseudonym, "username": None} for item in own]
        )
        for item in own:
            self.table.delete(item["PK"], item["SK"])
        for customer_id in user.member_of:
            for item in self.table.query_all(pk=key("CUST", customer_id), sk_prefix="AUDIT#"):
                if item.get("actor") == user.username:
                    self.table.update(
                        item["PK"], item["SK"], expression="SET actor = :pseudonym", values={":pseudonym": pseudonym}
                    )

    def claim_attempt(self, username: str, *, at: datetime, max_attempts: int) -> bool:
        """Counts an attempt before its password or code is checked, and only while the account is unlocked and
        below the limit: however many guesses arrive at once, at most `max_attempts` are ever checked."""
        try:
            self.table.update(
                user_pk(username),
                "USER",
                expression="ADD failed_attempts :one",
                values={":one": 1, ":now": iso(at), ":max": max_attempts},
                condition="attribute_exists(PK) AND (attribute_not_exists(locked_until) OR locked_until < :now) "
                "AND (attribute_not_exists(failed_attempts) OR failed_attempts < :max)",
            )
        except Conflict:
            return False
        return True

    def lock(
        self, username: str, *, at: datetime, until: datetime, max_attempts: int, emails: Sequence[EmailMessage]
    ) -> bool:
        """Locks once the last allowed attempt has failed; of two racing failures, one locks (and e-mails)."""
        transaction = Transaction()
        transaction.update(
            user_pk(username),
            "USER",
            expression="SET failed_attempts = :zero, locked_until = :until",
            values={":zero": 0, ":until": iso(until), ":max": max_attempts},
            condition="failed_attempts >= :max",
        )
        transaction.put(
            audit_item(
                partition=user_pk(username), actor=username, action="account_locked", at=at, after={"until": iso(until)}
            )
        )
        _write_emails(transaction, emails, at=at)
        try:
            self.table.transact(transaction)
        except Conflict:
            return False
        return True

    def refund_attempt(self, username: str) -> None:
        """Gives back a claimed attempt that did not fail (a right password, a code step that ended otherwise)."""
        with suppress(Conflict):  # a lock reset the count meanwhile; there is nothing to give back
            self.table.update(
                user_pk(username),
                "USER",
                expression="ADD failed_attempts :minus_one",
                values={":minus_one": -1, ":zero": 0},
                condition="failed_attempts > :zero",
            )

    def reset_failures(self, username: str) -> None:
        self.table.update(
            user_pk(username),
            "USER",
            expression="SET failed_attempts = :zero REMOVE locked_until",
            values={":zero": 0},
            condition="attribute_exists(PK)",
        )

    def get_codes(self, username: str) -> CodeList | None:
        item = self.table.get(user_pk(username), "CODES", consistent=True)
        if item is None:
            return None
        return CodeList(
            list_id=item["list_id"],
            hashes=item["hashes"],
            unused={int(position) for position in item.get("unused", set())},
        )

    def consume_code(self, username: str, list_id: str, position: int) -> int:
        """Marks the code used, exactly once: of two logins racing for it, the second gets a conflict."""
        item = self.table.update(
            user_pk(username),
            "CODES",
            expression="DELETE unused :position ADD used_count :one",
            values={":position": {position}, ":one": 1, ":list": list_id, ":p": position},
            condition="list_id = :list AND contains(unused, :p)",
            conflict_message="This security code has already been used",
        )
        return len(item.get("unused", set()))

    def replace_codes(self, username: str, codes: CodeList, *, at: datetime, emails: Sequence[EmailMessage]) -> None:
        """The new list replaces the old, is audited and e-mailed, all or nothing."""
        transaction = Transaction()
        transaction.put(_codes_item(username, codes))
        transaction.put(audit_item(partition=user_pk(username), actor=username, action="code_list_issued", at=at))
        _write_emails(transaction, emails, at=at)
        self.table.transact(transaction)

    def set_password(
        self, username: str, password_hash: str, codes: CodeList, *, at: datetime, emails: Sequence[EmailMessage]
    ) -> None:
        """A new password comes with a new code list; the authorization version moves on, so every session of
        the old password ends at its next request."""
        transaction = Transaction()
        transaction.update(
            user_pk(username),
            "USER",
            expression="SET password_hash = :hash, failed_attempts = :zero ADD version :one REMOVE locked_until",
            values={":hash": password_hash, ":zero": 0, ":one": 1, ":yes": True},
            condition="attribute_exists(PK) AND active = :yes",
        )
        transaction.put(_codes_item(username, codes))
        transaction.put(audit_item(partition=user_pk(username), actor=username, action="password_set", at=at))
        _write_emails(transaction, emails, at=at)
        self.table.transact(transaction, conflict_message="This login is no longer active")

    def save_link(self, link: OneTimeLink, digest: str, *, at: datetime, emails: Sequence[EmailMessage]) -> None:
        transaction = Transaction()
        transaction.put(_link_item(link, digest), condition="attribute_not_exists(PK)")
        transaction.put(
            audit_item(
                partition=user_pk(link.username),
                actor=link.username,
                action=f"{link.purpose.value}_link_sent",
                at=at,
                after={"expires": iso(link.expires)},
            )
        )
        _write_emails(transaction, emails, at=at)
        self.table.transact(transaction)

    def take_link(self, digest: str) -> OneTimeLink | None:
        """Single use: the link is deleted as it is read, so of two uses racing, only one gets it."""
        try:
            item = self.table.delete(key("LINK", digest), "LINK", condition="attribute_exists(PK)", return_old=True)
        except Conflict:
            return None
        if item is None:
            return None
        return OneTimeLink(
            username=item["username"],
            purpose=LinkPurpose(item["purpose"]),
            expires=datetime.fromtimestamp(int(item["expires_at"]), tz=UTC),
        )

    def count_request(self, counter: str, *, window_end: datetime) -> int:
        """One more request in a rate-limit window; the counter disappears with its window (TTL)."""
        item = self.table.update(
            key("RATE", counter),
            iso(window_end),
            expression="ADD requests :one SET expires_at = :end",
            values={":one": 1, ":end": int(window_end.timestamp())},
        )
        return int(item["requests"])

    def save_challenge(self, digest: str, *, username: str, list_id: str, position: int, expires: datetime) -> None:
        self.table.put(
            {
                "PK": key("CHALLENGE", digest),
                "SK": "CHALLENGE",
                "type": "login_challenge",
                "username": username,
                "list_id": list_id,
                "position": position,
                "expires_at": int(expires.timestamp()),
            }
        )

    def take_challenge(self, digest: str) -> dict[str, Any] | None:
        return self.table.get(key("CHALLENGE", digest), "CHALLENGE", consistent=True)

    def delete_challenge(self, digest: str) -> None:
        self.table.delete(key("CHALLENGE", digest), "CHALLENGE")

    def save_session(
        self, digest: str, principal: Principal, *, user_version: int, created: datetime, expires: datetime
    ) -> None:
        self.table.put(
            {
                "PK": session_pk(digest),
                "SK": "SESSION",
                "type": "session",
                "username": principal.username,
                "principal": principal.model_dump_json(),
                "user_version": user_version,
                "created_at": iso(created),
                "expires_at": int(expires.timestamp()),
                "GSI1PK": key("USER", principal.username, "SESSIONS"),
                "GSI1SK": iso(created),
            },
            condition="attribute_not_exists(PK)",
        )

    def delete_session(self, digest: str) -> None:
        self.table.delete(session_pk(digest), "SESSION")

    def revoke_sessions(self, username: str) -> int:
        sessions = self.table.query_all(pk=key("USER", username, "SESSIONS"), index="GSI1")
        for session in sessions:
            self.table.delete(session["PK"], session["SK"])
        return len(sessions)

    def audit(self, username: str, action: str, *, at: datetime, detail: dict[str, Any] | None = None) -> None:
        self.table.put(audit_item(partition=user_pk(username), actor=username, action=action, at=at, after=detail))


def _user_item(user: User) -> Item:
    data = user.model_dump(mode="json", exclude={"locked_until", "created_at"})
    return {
        "PK": user_pk(user.username),
        "SK": "USER",
        "type": "user",
        **data,
        "username": user.username.casefold(),
        "created_at": iso(user.created_at),
        "locked_until": iso(user.locked_until) if user.locked_until else None,
    }


def _user_from_item(item: Item) -> User:
    fields = set(User.model_fields)
    data = {name: value for name, value in item.items() if name in fields and value is not None}
    data["failed_attempts"] = int(item.get("failed_attempts", 0))
    data["version"] = int(item.get("version", 1))
    data["locked_until"] = parse_iso(item["locked_until"]) if item.get("locked_until") else None
    data["created_at"] = parse_iso(item["created_at"])
    return User.model_validate(data)


def pseudonym_of(user: User) -> str:
    return f"deleted-user-{user.user_id}"


def _membership_item(user: User, customer_id: str) -> Item:
    return {
        "PK": key("CUST", customer_id),
        "SK": key("USER", user.user_id),
        "type": "customer_user",
        "user_id": user.user_id,
        "username": user.username,
    }


def _contact_login_item(user: User) -> Item:
    return {
        "PK": key("CONTACT", user.contact_id or ""),
        "SK": "LOGIN",
        "type": "contact_login",
        "username": user.username,
    }


def _link_item(link: OneTimeLink, digest: str) -> Item:
    return {
        "PK": key("LINK", digest),
        "SK": "LINK",
        "type": "one_time_link",
        "username": link.username,
        "purpose": link.purpose.value,
        "expires_at": int(link.expires.timestamp()),
    }


def _codes_item(username: str, codes: CodeList) -> Item:
    return {
        "PK": user_pk(username),
        "SK": "CODES",
        "type": "code_list",
        "list_id": codes.list_id,
        "hashes": codes.hashes,
        "unused": set(codes.unused),
        "used_count": 0,
    }
