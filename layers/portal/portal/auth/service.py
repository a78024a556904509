"""Login with security codes (AUTH-1), sessions (AUTH-5) and user provisioning. Pure domain rules."""

from __future__ import annotations

import secrets as random_source
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from portal import access
from portal.access import Principal, PrincipalKind, StaffRole
from portal.auth import secrets, tokens
from portal.auth.models import (
    CodeList,
    LinkPurpose,
    LoginChallenge,
    LoginResult,
    Me,
    OneTimeLink,
    SignupMessage,
    User,
)
from portal.clock import new_id, now
from portal.errors import Conflict, TooManyRequests, Unauthenticated, ValidationFailed
from portal.languages import Language
from portal.notifications import email
from portal.settings import Settings

if TYPE_CHECKING:  # only named in annotations: the authorizer's cold start need not load these areas
    from portal.auth.repository import AuthRepository
    from portal.contacts.repository import ContactRepository
    from portal.customers.repository import CustomerRepository

WRONG_CREDENTIALS = "Wrong username or password"


class ResetRequests(Protocol):
    """Hands requests about accounts to the background: a new password (answered by `send_password_reset`) and an
    account of one's own (answered by `create_signed_up`)."""

    def request_reset(self, username: str) -> None: ...
    def request_signup(self, message: SignupMessage) -> None: ...


@dataclass
class AuthService:
    users: AuthRepository
    customers: CustomerRepository
    contacts: ContactRepository
    reset_requests: ResetRequests
    settings: Settings
    clock: Callable[[], datetime] = field(default=now)

    # -- step 1: username and password ---------------------------------------------------------------------------

    def start_login(self, username: str, password: str) -> LoginChallenge:
        """Every refusal before the code step looks the same: unknown user, wrong password, locked account."""
        at = self.clock()
        user = self.users.get_user(username)
        if user is None or not user.active or user.password_hash is None:
            secrets.verify_password(None, password)  # the same work as for a real user
            raise Unauthenticated(WRONG_CREDENTIALS, code="invalid_credentials")
        if not self._claim_attempt(user, at):
            secrets.verify_password(None, password)
            raise Unauthenticated(WRONG_CREDENTIALS, code="invalid_credentials")
        if not secrets.verify_password(user.password_hash, password):
            self._fail(user, at, reason="password")
            raise Unauthenticated(WRONG_CREDENTIALS, code="invalid_credentials")
        # The password was right: its attempt is given back (earlier failures still count until a full login).
        self.users.refund_attempt(user.username)
        codes = self.users.get_codes(user.username)
        if codes is None or not codes.unused:
            self._issue_codes(user, reason=email.CodesReason.LIST_USED_UP)
            self.users.audit(user.username, "code_list_exhausted", at=at)
            raise Unauthenticated(
                "Your code list is used up. A new list has been sent to your e-mail; log in again with a code from it",
                code="code_list_exhausted",
            )
        position = random_source.choice(sorted(codes.unused))
        challenge = tokens.new_token()
        expires = at + timedelta(minutes=self.settings.login_challenge_ttl_minutes)
        self.users.save_challenge(
            tokens.token_digest(challenge),
            username=user.username,
            list_id=codes.list_id,
            position=position,
            expires=expires,
        )
        return LoginChallenge(challenge=challenge, code_position=position, expires_at=expires)

    # -- step 2: the security code ------------------------------------------------------------------------------

    def finish_login(self, challenge: str, code: str) -> tuple[str, LoginResult, datetime]:
        at = self.clock()
        digest = tokens.token_digest(challenge)
        pending = self.users.take_challenge(digest)
        if pending is None or int(pending["expires_at"]) < at.timestamp():
            raise Unauthenticated("The login has expired; start again with your password", code="login_expired")
        user = self.users.get_user(pending["username"])
        if user is None or not user.active or not self._claim_attempt(user, at):
            self.users.delete_challenge(digest)
            raise Unauthenticated(WRONG_CREDENTIALS, code="invalid_credentials")
        position = int(pending["position"])
        codes = self.users.get_codes(user.username)
        if codes is None or codes.list_id != pending["list_id"]:
            self.users.delete_challenge(digest)
            self.users.refund_attempt(user.username)
            raise Unauthenticated("A new code list has been issued since; start again", code="code_list_replaced")
        if position not in codes.unused:
            self.users.delete_challenge(digest)
            self.users.refund_attempt(user.username)
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
            self.users.refund_attempt(user.username)
            raise Conflict(
                f"Code number {position} has already been used; start again", code="code_already_used"
            ) from error
        self.users.delete_challenge(digest)
        new_list_sent = codes_left == 0
        if new_list_sent:
            codes_left = len(self._issue_codes(user, reason=email.CodesReason.LAST_CODE_USED))
        self.users.reset_failures(user.username)
        token = tokens.new_token()
        expires = at + timedelta(minutes=self.settings.session_ttl_minutes)
        principal = self.principal_for(user, session_id=tokens.token_digest(token))
        self.users.save_session(principal.session_id, principal, user_version=user.version, created=at, expires=expires)
        self.users.audit(user.username, "login_succeeded", at=at, detail={"code_position": position})
        return (
            token,
            LoginResult(me=describe(principal, expires), codes_left=codes_left, new_code_list_sent=new_list_sent),
            expires,
        )

    # -- sessions ------------------------------------------------------------------------------------------------

    def logout(self, principal: Principal) -> None:
        self.users.delete_session(principal.session_id)
        self.users.audit(principal.username, "logout", at=self.clock())

    # -- passwords and code lists --------------------------------------------------------------------------------

    def forgot_password(self, username: str, *, source: str) -> None:
        """AUTH-1: asks for a reset link. Limited per username and per address, counted whether or not the user
        exists; the link itself is made and e-mailed by `send_password_reset`, out of the request, so the answer
        and its timing are the same for every username."""
        at = self.clock()
        window_end = _window_end(at, self.settings.forgot_password_window_minutes)
        limits = (
            (f"forgot#user#{username.casefold()}", self.settings.forgot_password_per_user),
            (f"forgot#address#{source}", self.settings.forgot_password_per_address),
        )
        counts = [(self.users.count_request(counter, window_end=window_end), limit) for counter, limit in limits]
        if any(count > limit for count, limit in counts):
            raise TooManyRequests(
                f"Too many requests for a new password; try again after {window_end:%H:%M} UTC",
                details=[{"retry_after": window_end.isoformat()}],
            )
        self.reset_requests.request_reset(username)

    def sign_up(self, email_address: str, name: str, language: Language, *, source: str) -> None:
        """AUTH-2: a contact asks for a personal account, its e-mail address the username. Limited per address and
        per source like a forgotten password; the account is made (or not) by `create_signed_up`, out of the
        request, so the answer and its timing are the same whether or not the address has an account."""
        at = self.clock()
        window_end = _window_end(at, self.settings.forgot_password_window_minutes)
        limits = (
            (f"signup#user#{email_address.casefold()}", self.settings.forgot_password_per_user),
            (f"signup#address#{source}", self.settings.forgot_password_per_address),
        )
        if any(self.users.count_request(counter, window_end=window_end) > limit for counter, limit in limits):
            raise TooManyRequests(
                f"Too many requests for an account; try again after {window_end:%H:%M} UTC",
                details=[{"retry_after": window_end.isoformat()}],
            )
        self.reset_requests.request_signup(SignupMessage(email=email_address, name=name, language=language))

    def create_signed_up(self, request: SignupMessage) -> None:
        """Makes the account asked for, bound to the contact with that e-mail address when there is one (by the
        contact's id); without one it has no links (AUTH-4's first rule). The confirmation link e-mailed to the
        address chooses the password, so only who reads that mailbox can use the account. An address that has a
        login already gets nothing: the requester was answered as anyone."""
        username = request.email.casefold()
        if self.users.get_user(username) is not None:
            return
        contact = self.contacts.find_by_email(request.email)
        if contact is not None and self.users.login_of_contact(contact.contact_id):
            contact = None  # the contact has its login already (under another address): this one gets no links
        self.create_user(
            actor="signup",
            username=username,
            display_name=request.name,
            user_email=request.email,
            kind=PrincipalKind.CONTACT,
            contact_id=contact.contact_id if contact else None,
            language=request.language,
            invitation_kind="SignupConfirmation",
        )

    def send_password_reset(self, username: str) -> None:
        user = self.users.get_user(username)
        if user is None or not user.active:
            return  # nothing to send, and nobody to tell: the requester already got the same answer as anyone
        at = self.clock()
        link, token = self._new_link(user, LinkPurpose.PASSWORD_RESET, at)
        message = email.password_reset_link(
            to=user.email,
            display_name=user.display_name,
            username=user.username,
            link=self._link_url(token),
            valid_until=link.expires,
            language=user.language,
        )
        self.users.save_link(link, tokens.token_digest(token), at=at, emails=[message])

    def set_password(self, token: str, password: str) -> None:
        """Follows a reset or invitation link: sets the password, issues a new code list, ends old sessions."""
        secrets.check_password_policy(password)
        at = self.clock()
        link = self.users.take_link(tokens.token_digest(token))
        user = self.users.get_user(link.username) if link is not None else None
        if link is None or link.expires <= at or user is None or not user.active:
            raise ValidationFailed(
                "This link has been used or has expired; ask for a new one with 'Forgot password'",
                code="link_not_valid",
            )
        plain_codes = secrets.generate_codes(self.settings.security_codes_per_list)
        reason = email.CodesReason.WELCOME if link.purpose is LinkPurpose.INVITATION else email.CodesReason.PASSWORD_SET
        self.users.set_password(
            user.username,
            secrets.hash_password(password),
            _code_list(plain_codes),
            at=at,
            emails=[
                email.security_codes_report(
                    to=user.email,
                    display_name=user.display_name,
                    username=user.username,
                    codes=plain_codes,
                    reason=reason,
                    language=user.language,
                )
            ],
        )
        self.users.revoke_sessions(user.username)

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
        customer_roles: dict[str, list[str]] | None = None,
        member_of: list[str] | None = None,
        language: Language = Language.NB,
        password: str | None = None,
        invitation_kind: str = "UserReport",
    ) -> tuple[User, list[str]]:
        """Creates a login and e-mails its invitation: a single-use link to choose the password, after which the
        code list follows. No password travels by e-mail. Only seeding gives a `password`; then the code list is
        e-mailed at once, and returned."""
        at = self.clock()
        if password is not None:
            secrets.check_password_policy(password)
        user = User(
            user_id=new_id(),
            username=username.casefold(),
            display_name=display_name,
            email=user_email,
            kind=kind,
            role=role,
            customer_ids=customer_ids or [],
            object_ids=object_ids or [],
            contact_id=contact_id,
            customer_roles={
                customer: [access.CustomerRole(role) for role in roles]
                for customer, roles in (customer_roles or {}).items()
            },
            member_of=member_of or [],
            language=language,
            password_hash=secrets.hash_password(password) if password is not None else None,
            created_at=at,
        )
        if password is not None:
            plain_codes = secrets.generate_codes(self.settings.security_codes_per_list)
            codes_email = email.security_codes_report(
                to=user.email,
                display_name=display_name,
                username=user.username,
                codes=plain_codes,
                reason=email.CodesReason.WELCOME,
                language=language,
            )
            self.users.create_user(user, _code_list(plain_codes), None, actor=actor, at=at, emails=[codes_email])
            return user, plain_codes
        link, token = self._new_link(user, LinkPurpose.INVITATION, at)
        invitation = email.invitation(
            kind=invitation_kind,
            to=user.email,
            display_name=display_name,
            username=user.username,
            link=self._link_url(token),
            valid_until=link.expires,
            language=language,
        )
        self.users.create_user(user, None, (link, tokens.token_digest(token)), actor=actor, at=at, emails=[invitation])
        return user, []

    def _new_link(self, user: User, purpose: LinkPurpose, at: datetime) -> tuple[OneTimeLink, str]:
        minutes = (
            self.settings.invitation_valid_minutes
            if purpose is LinkPurpose.INVITATION
            else self.settings.password_reset_valid_minutes
        )
        link = OneTimeLink(username=user.username, purpose=purpose, expires=at + timedelta(minutes=minutes))
        return link, tokens.new_token()

    def _link_url(self, token: str) -> str:
        # In the fragment, so the token never reaches a server log on its way to the browser.
        return f"{self.settings.portal_url}/#/password/{token}"

    def _issue_codes(self, user: User, *, reason: email.CodesReason) -> list[str]:
        plain_codes = secrets.generate_codes(self.settings.security_codes_per_list)
        codes_email = email.security_codes_report(
            to=user.email,
            display_name=user.display_name,
            username=user.username,
            codes=plain_codes,
            reason=reason,
            language=user.language,
        )
        self.users.replace_codes(user.username, _code_list(plain_codes), at=self.clock(), emails=[codes_email])
        return plain_codes

    # -- lockout -------------------------------------------------------------------------------------------------

    def _claim_attempt(self, user: User, at: datetime) -> bool:
        claimed = self.users.claim_attempt(user.username, at=at, max_attempts=self.settings.max_failed_logins)
        if not claimed:
            self.users.audit(user.username, "login_refused_locked", at=at)
        return claimed

    def _fail(self, user: User, at: datetime, *, reason: str) -> None:
        """The attempt was counted when claimed; the failure that used the last one locks the account and tells
        its owner by e-mail (the login page says only 'wrong username or password')."""
        self.users.audit(user.username, "login_failed", at=at, detail={"reason": reason})
        until = at + timedelta(minutes=self.settings.lockout_minutes)
        self.users.lock(
            user.username,
            at=at,
            until=until,
            max_attempts=self.settings.max_failed_logins,
            emails=[
                email.account_locked(
                    to=user.email,
                    display_name=user.display_name,
                    username=user.username,
                    until=until,
                    language=user.language,
                )
            ],
        )

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
        linked_roles = {customer: roles for customer, roles in user.customer_roles.items() if customer in customer_ids}
        return Principal(
            username=user.username,
            display_name=user.display_name,
            kind=user.kind,
            linked_customer_ids=frozenset(customer_ids),
            linked_objects=linked_objects,
            visible_customer_ids=visible,
            subsidiary_ids=frozenset(child for children in subsidiaries.values() for child in children),
            contact_id=contact_id,
            home_customer_id=home,
            customer_roles=access.customer_roles_of(linked_roles, subsidiaries_of=subsidiaries),
            session_id=session_id,
        )

    def _links_of(self, user: User) -> tuple[str | None, list[str], dict[str, str]]:
        """AUTH-2: a contact login is bound to its contact by the contact's id (not by e-mail, which can change)
        and sees through the contact's links; an invoice-customer login is bound to its customer, an object login
        to its object."""
        if user.kind is PrincipalKind.CONTACT:
            contact = self.contacts.get(user.contact_id) if user.contact_id else None
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
        contact_id=principal.contact_id,
        roles={
            customer_id: sorted(access.roles_at(principal, customer_id))
            for customer_id in sorted(principal.customer_roles)
            if access.roles_at(principal, customer_id)
        },
        session_expires_at=expires,
    )


def _code_list(plain_codes: list[str]) -> CodeList:
    return CodeList(
        list_id=new_id(),
        hashes={str(position): secrets.hash_code(code) for position, code in enumerate(plain_codes, 1)},
        unused=set(range(1, len(plain_codes) + 1)),
    )


def _window_end(at: datetime, minutes: int) -> datetime:
    """The end of the fixed window `at` falls in: windows start at whole multiples of `minutes` since the epoch."""
    size = minutes * 60
    return datetime.fromtimestamp((int(at.timestamp()) // size + 1) * size, tz=UTC)
