"""E-mail messages (NOT-1) and the port that sends them. Message texts live here, not in handlers."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel


class EmailMessage(BaseModel):
    to: list[str]
    subject: str
    body: str
    kind: str


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


def user_report(*, to: str, display_name: str, username: str, password: str, portal_url: str) -> EmailMessage:
    body = (
        f"Hei {display_name},\n\n"
        "Du har fått tilgang til kundeportalen. / You now have access to the customer portal.\n\n"
        f"Brukernavn / Username: {username}\n"
        f"Passord / Password: {password}\n\n"
        "Ved hver innlogging ber portalen om en sikkerhetskode fra SecurityCodesReport, som du får i en egen "
        "e-post. / At each login the portal asks for a code from your SecurityCodesReport, sent separately.\n\n"
        f"{portal_url}\n"
    )
    return EmailMessage(to=[to], subject="Kundeportal: UserReport", body=body, kind="UserReport")


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
        f"{portal_url}/registration-requests/{request_id}\n"
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
