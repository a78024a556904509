"""E-mail messages (NOT-1) and the port that sends them. Message texts live here, not in handlers."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from pydantic import BaseModel


class EmailMessage(BaseModel):
    to: list[str]
    subject: str
    body: str
    kind: str


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


def invitation(*, to: str, display_name: str, username: str, link: str, valid_until: datetime) -> EmailMessage:
    """The UserReport of AUTH-1, without a password: the new user chooses one through a single-use link."""
    body = (
        f"Hei {display_name},\n\n"
        "Du har fått tilgang til kundeportalen. / You now have access to the customer portal.\n\n"
        f"Brukernavn / Username: {username}\n\n"
        "Velg ditt passord her; lenken virker én gang. / Choose your password here; the link works once:\n"
        f"{link}\n\n"
        f"Lenken gjelder til / The link is valid until {valid_until:%d.%m.%Y %H:%M} UTC.\n"
        "Når passordet er valgt, får du kodelisten (SecurityCodesReport) i en egen e-post. / Once the password is "
        "set, your code list (SecurityCodesReport) arrives in a separate e-mail.\n"
    )
    return EmailMessage(to=[to], subject="Kundeportal: UserReport", body=body, kind="UserReport")


def password_reset_link(*, to: str, display_name: str, username: str, link: str, valid_until: datetime) -> EmailMessage:
    body = (
        f"Hei {display_name},\n\n"
        f"Noen ba om nytt passord for {username}. / Someone asked for a new password for {username}.\n\n"
        "Velg et nytt passord her; lenken virker én gang. / Choose a new password here; the link works once:\n"
        f"{link}\n\n"
        f"Lenken gjelder til / The link is valid until {valid_until:%d.%m.%Y %H:%M} UTC. Du får en ny kodeliste når "
        "passordet er valgt. / You get a new code list once the password is set.\n\n"
        "Ba du ikke om dette, kan du se bort fra e-posten; passordet ditt er uendret. / If you did not ask for "
        "this, ignore this e-mail; your password is unchanged.\n"
    )
    return EmailMessage(to=[to], subject="Kundeportal: new password", body=body, kind="PasswordReset")


def account_locked(*, to: str, display_name: str, username: str, until: datetime) -> EmailMessage:
    body = (
        f"Hei {display_name},\n\n"
        f"Kontoen {username} er låst etter for mange mislykkede innloggingsforsøk, til {until:%d.%m.%Y %H:%M} UTC. "
        f"/ The account {username} is locked after too many failed login attempts, until "
        f"{until:%d.%m.%Y %H:%M} UTC.\n\n"
        "Var det ikke deg, kan noen prøve å gjette passordet ditt; bruk «Glemt passord» for å velge et nytt. / "
        "If it was not you, someone may be guessing your password; use 'Forgot password' to choose a new one.\n"
    )
    return EmailMessage(to=[to], subject="Kundeportal: account locked", body=body, kind="AccountLocked")


def security_codes_report(*, to: str, display_name: str, username: str, codes: list[str], reason: str) -> EmailMessage:
    lines = "\n".join(f"{position:>3}: {code}" for position, code in enumerate(codes, start=1))
    body = (
        f"Hei {display_name},\n\n{reason}\n\n"
        f"Sikkerhetskoder for / Security codes for {username}. Hver kode kan brukes én gang; portalen ber om "
        "koden med et bestemt nummer. / Each code works once; the portal asks for the code by its number.\n\n"
        f"{lines}\n"
    )
    return EmailMessage(to=[to], subject="Kundeportal: SecurityCodesReport", body=body, kind="SecurityCodesReport")


def registration_received(
    *, to: str, company: str, contact_person: str, request_id: str, portal_url: str
) -> EmailMessage:
    body = (
        f"Ny registreringsforespørsel / New registration request from {company} ({contact_person}).\n\n"
        f"Godkjenn eller avvis i portalen / Approve or reject it in the portal: "
        f"{portal_url}/#registrations/{request_id}\n"
    )
    return EmailMessage(
        to=[to], subject=f"Kundeportal: registration request from {company}", body=body, kind="RegistrationRequest"
    )


def registration_rejected(*, to: str, contact_person: str, company: str, reason: str | None) -> EmailMessage:
    explanation = f"\n\nBegrunnelse / Reason: {reason}" if reason else ""
    body = (
        f"Hei {contact_person},\n\n"
        f"Takk for at {company} ønsker tilgang til kundeportalen. Vi kan dessverre ikke gi tilgang nå. / "
        f"Thank you for asking for access to the customer portal for {company}. Unfortunately we cannot give "
        f"access at this time.{explanation}\n\n"
        "Ta gjerne kontakt med oss om du har spørsmål. / Please get in touch if you have questions.\n"
    )
    return EmailMessage(
        to=[to], subject="Kundeportal: your registration request", body=body, kind="RegistrationRejected"
    )
