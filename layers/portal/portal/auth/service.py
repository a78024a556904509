"""Login with security codes (AUTH-1), sessions (AUTH-5) and user provisioning. Pure domain rules."""

from __future__ import annotations

import secrets as random_source
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from portal import access
from portal.access import Principal, PrincipalKind, StaffRole
from portal.auth import secrets
from portal.auth.models import CodeList, LoginChallenge, LoginResult, Me, User
from portal.auth.repository import AuthRepository
from portal.clock import new_id, now
from portal.contacts.repository import ContactRepository
from portal.customers.repository import CustomerRepository
from portal.errors import AccountLocked, Conflict, Unauthenticated
from portal.notifications import email
from portal.notifications.email import EmailMessage
from portal.settings import Settings

WRONG_CREDENTIALS = "Wrong username or password"


@dataclass
class AuthService:
    users: AuthRepository
    customers: CustomerRepository
    contacts: ContactRepository
    settings: Settings
    clock: Callable[[], datetime] = field(default=now)

    # -- step 1: username and password ---------------------------------------------------------------------------

    def start_login(self, username: str, password: str) -> LoginChallenge:
        at = self.clock()
        user = self.users.get_user(username)
        password_ok = secrets.verify_password(user.password_hash if user else None, password)
        if user is None or not user.active:
            raise Unauthenticated(WRONG_CREDENTIALS, code="invalid_credentials")
        self._refuse_if_locked(user, at)
        if not password_ok:
            self._fail(user, at, reason="password")
            raise Unauthenticated(WRONG_CREDENTIALS, code="invalid_credentials")
        codes = self.users.get_codes(user.username)
        if codes is None or not codes.unused:
            self._issue_codes(
                user,
                reason="Koden din var brukt opp; her er en ny kodeliste. / Your list was used up; here is a new one.",
            )
            self.users.audit(user.username, "code_list_exhausted", at=at)
            raise Unauthenticated(
                "Your code list is used up. A new list has been sent to your e-mail; log in again with a code from it",
                code="code_list_exhausted",
            )
        position = random_source.choice(sorted(codes.unused))
        challenge = secrets.new_token()
        expires = at + timedelta(minutes=self.settings.login_challenge_ttl_minutes)
        self.users.save_challenge(
            secrets.token_digest(challenge),
            username=user.username,
            list_id=codes.list_id,
            position=position,
            expires=expires,
        )
        return LoginChallenge(challenge=challenge, code_position=position, expires_at=expires)

    # -- step 2: the security code ------------------------------------------------------------------------------

    def finish_login(self, challenge: str, code: str) -> tuple[str, LoginResult, datetime]:
        at = self.clock()
        digest = secrets.token_digest(challenge)
        pending = self.users.take_challenge(digest)
        if pending is None or int(pending["expires_at"]) < at.timestamp():
            raise Unauthenticated("The login has expired; start again with your password", code="login_expired")
        user = self.users.get_user(pending["username"])
        if user is None or not user.active:
            raise Unauthenticated(WRONG_CREDENTIALS, code="invalid_credentials")
        self._refuse_if_locked(user, at)
        position = int(pending["position"])
        codes = self.users.get_codes(user.username)
        if codes is None or codes.list_id != pending["list_id"]:
            self.users.delete_challenge(digest)
            raise Unauthenticated("A new code list has been issued since; start again", code="code_list_replaced")
        if position not in codes.unused:
            self.users.delete_challenge(digest)
            raise Conflict(f"Code number {position} has already been used; start again", code="code_already_used")
        if not secrets.verify_code(codes.hashes[str(position)], code):
            self._fail(user, at, reason="security_code")
            raise Unauthenticated(
                f"That is not code number {position} of your code list",
                code="wrong_code",
                details=[{"code_position": position}],
            )
        try:
            codes_left = self.users.consume_code(user.username, codes.list_id, position)
        except Conflict as error:
            raise Conflict(
                f"Code number {position} has already been used; start again", code="code_already_used"
            ) from error
        self.users.delete_challenge(digest)
        new_list_sent = codes_left == 0
        if new_list_sent:
            codes_left = len(
                self._issue_codes(
                    user,
                    reason="Du har brukt den siste koden; her er en ny kodeliste. "
                    "/ You used your last code; here is a new list.",
                )
            )
        if user.failed_attempts:
            self.users.reset_failures(user.username)
        token = secrets.new_token()
        expires = at + timedelta(minutes=self.settings.session_ttl_minutes)
        principal = self.principal_for(user, session_id=secrets.token_digest(token))
        self.users.save_session(principal.session_id, principal, created=at, expires=expires)
        self.users.audit(user.username, "login_succeeded", at=at, detail={"code_position": position})
        return (
            token,
            LoginResult(me=describe(principal, expires), codes_left=codes_left, new_code_list_sent=new_list_sent),
            expires,
        )

    # -- sessions ------------------------------------------------------------------------------------------------

    def authenticate(self, token: str | None) -> tuple[Principal, datetime]:
        if not token:
            raise Unauthenticated("Log in to continue")
        digest = secrets.token_digest(token)
        session = self.users.get_session(digest)
        if session is None:
            raise Unauthenticated("Your session has ended; log in again", code="session_ended")
        principal, expires = session
        if expires <= self.clock():
            raise Unauthenticated("Your session has expired; log in again", code="session_expired")
        return principal.model_copy(update={"session_id": digest}), expires

    def logout(self, principal: Principal) -> None:
        self.users.delete_session(principal.session_id)
        self.users.audit(principal.username, "logout", at=self.clock())

    # -- passwords and code lists --------------------------------------------------------------------------------

    def forgot_password(self, username: str) -> None:
        """Always looks the same to the caller, so it cannot be used to find out which usernames exist."""
        user = self.users.get_user(username)
        if user is None or not user.active:
            return
        password = secrets.generate_password()
        self.users.set_password(user.username, secrets.hash_password(password))
        self._issue_codes(
            user,
            reason="Du ba om nytt passord; den gamle kodelisten gjelder ikke lenger. / "
            "You asked for a new password; your old code list no longer works.",
            also=[
                email.user_report(
                    to=user.email,
                    display_name=user.display_name,
                    username=user.username,
                    password=password,
                    portal_url=self.settings.portal_url,
                )
            ],
        )
        revoked = self.users.revoke_sessions(user.username)
        self.users.audit(user.username, "password_reset", at=self.clock(), detail={"sessions_revoked": revoked})

    def create_user(
        self,
        *,
        actor: str,
        username: str,
        display_name: str,
        user_email: str,
        kind: PrincipalKind,
        role: StaffRole | None = None,
        customer_ids: list[str] | None = None,
        object_ids: list[str] | None = None,
        contact_id: str | None = None,
        password: str | None = None,
    ) -> tuple[User, str, list[str]]:
        """Creates a login and e-mails its UserReport and SecurityCodesReport. Returns the secrets for seeding."""
        initial_password = password or secrets.generate_password()
        secrets.check_password_policy(initial_password)
        at = self.clock()
        user = User(
            username=username.casefold(),
            display_name=display_name,
            email=user_email,
            kind=kind,
            role=role,
            customer_ids=customer_ids or [],
            object_ids=object_ids or [],
            contact_id=contact_id,
            password_hash=secrets.hash_password(initial_password),
            created_at=at,
        )
        plain_codes = secrets.generate_codes(self.settings.security_codes_per_list)
        emails = [
            email.user_report(
                to=user.email,
                display_name=display_name,
                username=user.username,
                password=initial_password,
                portal_url=self.settings.portal_url,
            ),
            email.security_codes_report(
                to=user.email,
                display_name=display_name,
                username=user.username,
                codes=plain_codes,
                reason="Velkommen til kundeportalen. / Welcome to the customer portal.",
            ),
        ]
        self.users.create_user(user, _code_list(plain_codes), actor=actor, at=at, emails=emails)
        return user, initial_password, plain_codes

    def _issue_codes(self, user: User, *, reason: str, also: list[EmailMessage] | None = None) -> list[str]:
        plain_codes = secrets.generate_codes(self.settings.security_codes_per_list)
        codes_email = email.security_codes_report(
            to=user.email, display_name=user.display_name, username=user.username, codes=plain_codes, reason=reason
        )
        self.users.replace_codes(
            user.username, _code_list(plain_codes), at=self.clock(), emails=[*(also or []), codes_email]
        )
        return plain_codes

    # -- lockout -------------------------------------------------------------------------------------------------

    def _refuse_if_locked(self, user: User, at: datetime) -> None:
        if user.locked_until and user.locked_until > at:
            self.users.audit(user.username, "login_refused_locked", at=at)
            raise _locked(user.locked_until)

    def _fail(self, user: User, at: datetime, *, reason: str) -> None:
        lock_until = at + timedelta(minutes=self.settings.lockout_minutes)
        updated = self.users.record_failure(
            user.username, at=at, max_failures=self.settings.max_failed_logins, lock_until=lock_until
        )
        self.users.audit(user.username, "login_failed", at=at, detail={"reason": reason})
        if updated.locked_until and updated.locked_until > at:
            self.users.audit(user.username, "account_locked", at=at, detail={"until": updated.locked_until.isoformat()})
            raise _locked(updated.locked_until)

    # -- principals ----------------------------------------------------------------------------------------------

    def principal_for(self, user: User, *, session_id: str = "") -> Principal:
        """Resolves what the user may see once, at login; the session carries it to every request."""
        if user.kind is PrincipalKind.STAFF:
            permissions = access.ROLE_PERMISSIONS[user.role or StaffRole.TECHNICIAN] | frozenset(
                access.Permission(name) for name in user.extra_permissions
            )
            return Principal(
                username=user.username,
                display_name=user.display_name,
                kind=user.kind,
                role=user.role,
                permissions=permissions,
                session_id=session_id,
            )
        contact_id, customer_ids, linked_objects = self._links_of(user)
        subsidiaries = {customer_id: self.customers.subsidiaries(customer_id) for customer_id in customer_ids}
        siblings: dict[str, list[str]] = {}
        for customer in self.customers.get_many(customer_ids):
            if customer.parent_id:
                group = self.customers.get(customer.parent_id)
                if group and group.subsidiaries_see_each_other:
                    siblings[customer.customer_id] = self.customers.subsidiaries(group.customer_id)
        visible = access.visible_customer_ids(
            linked=customer_ids, subsidiaries_of=subsidiaries, sibling_groups=siblings
        )
        home = customer_ids[0] if user.kind is PrincipalKind.INVOICE_CUSTOMER and customer_ids else None
        return Principal(
            username=user.username,
            display_name=user.display_name,
            kind=user.kind,
            linked_customer_ids=frozenset(customer_ids),
            linked_objects=linked_objects,
            visible_customer_ids=visible,
            contact_id=contact_id,
            home_customer_id=home,
            session_id=session_id,
        )

    def _links_of(self, user: User) -> tuple[str | None, list[str], dict[str, str]]:
        """AUTH-2: a contact login is the contact with the username as e-mail, and sees through its links; an
        invoice-customer login is bound to its customer, an object login to its object."""
        if user.kind is PrincipalKind.CONTACT:
            contact = self.contacts.find_by_email(user.username)
            if contact is None:
                return None, [], {}
            return (
                contact.contact_id,
                list(contact.customer_ids),
                {ref.object_id: ref.customer_id for ref in contact.objects},
            )
        if user.kind is PrincipalKind.OBJECT:
            return None, [], dict(zip(user.object_ids, user.customer_ids, strict=True))
        return None, list(user.customer_ids), {}


def describe(principal: Principal, expires: datetime | None = None) -> Me:
    return Me(
        username=principal.username,
        display_name=principal.display_name,
        kind=principal.kind,
        role=principal.role,
        permissions=sorted(permission.value for permission in principal.permissions),
        customer_ids=sorted(principal.linked_customer_ids),
        visible_customer_ids=sorted(principal.visible_customer_ids),
        object_ids=sorted(principal.linked_objects),
        session_expires_at=expires,
    )


def _code_list(plain_codes: list[str]) -> CodeList:
    return CodeList(
        list_id=new_id(),
        hashes={str(position): secrets.hash_code(code) for position, code in enumerate(plain_codes, 1)},
        unused=set(range(1, len(plain_codes) + 1)),
    )


def _locked(until: datetime) -> AccountLocked:
    return AccountLocked(
        f"The account is locked after too many failed attempts. Try again after {until:%H:%M} UTC, or use "
        "'Forgot password'",
        details=[{"locked_until": until.isoformat()}],
    )
