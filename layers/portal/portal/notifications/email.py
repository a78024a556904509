"""E-mail messages (NOT-1) in the recipient's language, and the port that sends them.

Every text lives in `TEXTS`, one entry per kind of e-mail with a subject and a body per language; a unit test
fails when a language lacks one. Handlers and domain services only choose the kind and fill in the facts.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, Field

from portal.languages import Language, wall_clock
from portal.money import as_text

if TYPE_CHECKING:
    from portal.deposits.models import Deposit


class CodesReason(StrEnum):
    """Why a code list (SecurityCodesReport) is sent."""

    WELCOME = "welcome"
    LIST_USED_UP = "list_used_up"
    LAST_CODE_USED = "last_code_used"
    PASSWORD_SET = "password_set"  # noqa: S105 - a reason, not a password


class EmailAttachment(BaseModel):
    """A file sent with an e-mail (a calendar invitation): small, kept in the outbox item as text."""

    filename: str
    content_type: str = Field(examples=["text/calendar; method=REQUEST"])
    content: str


class EmailMessage(BaseModel):
    to: list[str]
    subject: str
    body: str
    kind: str
    attachments: list[EmailAttachment] = Field(default_factory=list)


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


TEXTS: dict[str, dict[Language, tuple[str, str]]] = {
    "UserReport": {
        Language.NB: (
            "Kundeportal: UserReport",
            "Hei {name},\n\nDu har fått tilgang til kundeportalen.\n\nBrukernavn: {username}\n\n"
            "Velg passordet ditt her; lenken virker én gang:\n{link}\n\nLenken gjelder til {until}.\n"
            "Når passordet er valgt, får du kodelisten (SecurityCodesReport) i en egen e-post.\n",
        ),
        Language.SV: (
            "Kundportal: UserReport",
            "Hej {name},\n\nDu har fått tillgång till kundportalen.\n\nAnvändarnamn: {username}\n\n"
            "Välj ditt lösenord här; länken fungerar en gång:\n{link}\n\nLänken gäller till {until}.\n"
            "När lösenordet är valt får du kodlistan (SecurityCodesReport) i ett separat e-postmeddelande.\n",
        ),
        Language.EN: (
            "Customer portal: UserReport",
            "Hello {name},\n\nYou now have access to the customer portal.\n\nUsername: {username}\n\n"
            "Choose your password here; the link works once:\n{link}\n\nThe link is valid until {until}.\n"
            "Once the password is set, your code list (SecurityCodesReport) arrives in a separate e-mail.\n",
        ),
    },
    "SignupConfirmation": {
        Language.NB: (
            "Kundeportal: bekreft e-postadressen din",
            "Hei {name},\n\nNoen ba om en konto i kundeportalen med denne e-postadressen som brukernavn: "
            "{username}\n\nBekreft adressen og velg passordet ditt her; lenken virker én gang:\n{link}\n\n"
            "Lenken gjelder til {until}. "
            "Når passordet er valgt, får du kodelisten (SecurityCodesReport) i en egen e-post.\n\n"
            "Ba du ikke om dette, kan du se bort fra e-posten; da blir kontoen aldri tatt i bruk.\n",
        ),
        Language.SV: (
            "Kundportal: bekräfta din e-postadress",
            "Hej {name},\n\nNågon bad om ett konto i kundportalen med den här e-postadressen som användarnamn: "
            "{username}\n\nBekräfta adressen och välj ditt lösenord här; länken fungerar en gång:\n{link}\n\n"
            "Länken gäller till {until}. När lösenordet är valt får du kodlistan (SecurityCodesReport) i ett separat "
            "e-postmeddelande.\n\nBad du inte om detta kan du bortse från meddelandet; då används kontot aldrig.\n",
        ),
        Language.EN: (
            "Customer portal: confirm your e-mail address",
            "Hello {name},\n\nSomeone asked for a customer portal account with this e-mail address as the username: "
            "{username}\n\nConfirm the address and choose your password here; the link works once:\n{link}\n\n"
            "The link is valid until {until}. Once the password is set, your code list (SecurityCodesReport) arrives "
            "in a separate e-mail.\n\nIf you did not ask for this, ignore this e-mail; the account is never used.\n",
        ),
    },
    "PasswordReset": {
        Language.NB: (
            "Kundeportal: nytt passord",
            "Hei {name},\n\nNoen ba om nytt passord for {username}.\n\nVelg et nytt passord her; lenken virker én "
            "gang:\n{link}\n\nLenken gjelder til {until}. Du får en ny kodeliste når passordet er valgt.\n\n"
            "Ba du ikke om dette, kan du se bort fra e-posten; passordet ditt er uendret.\n",
        ),
        Language.SV: (
            "Kundportal: nytt lösenord",
            "Hej {name},\n\nNågon bad om ett nytt lösenord för {username}.\n\nVälj ett nytt lösenord här; länken "
            "fungerar en gång:\n{link}\n\nLänken gäller till {until}. Du får en ny kodlista när lösenordet är valt."
            "\n\nBad du inte om detta kan du bortse från meddelandet; ditt lösenord är oförändrat.\n",
        ),
        Language.EN: (
            "Customer portal: new password",
            "Hello {name},\n\nSomeone asked for a new password for {username}.\n\nChoose a new password here; the "
            "link works once:\n{link}\n\nThe link is valid until {until}. You get a new code list once the "
            "password is set.\n\nIf you did not ask for this, ignore this e-mail; your password is unchanged.\n",
        ),
    },
    "AccountLocked": {
        Language.NB: (
            "Kundeportal: kontoen er låst",
            "Hei {name},\n\nKontoen {username} er låst etter for mange mislykkede innloggingsforsøk, til {until}.\n\n"
            "Var det ikke deg, kan noen prøve å gjette passordet ditt; bruk «Glemt passord» for å velge et nytt.\n",
        ),
        Language.SV: (
            "Kundportal: kontot är låst",
            "Hej {name},\n\nKontot {username} är låst efter för många misslyckade inloggningsförsök, till {until}."
            "\n\nVar det inte du kan någon försöka gissa ditt lösenord; använd ”Glömt lösenordet” för att välja ett "
            "nytt.\n",
        ),
        Language.EN: (
            "Customer portal: account locked",
            "Hello {name},\n\nThe account {username} is locked after too many failed login attempts, until {until}."
            "\n\nIf it was not you, someone may be guessing your password; use “Forgot password” to choose a new "
            "one.\n",
        ),
    },
    "SecurityCodesReport": {
        Language.NB: (
            "Kundeportal: SecurityCodesReport",
            "Hei {name},\n\n{reason}\n\nSikkerhetskoder for {username}. Hver kode kan brukes én gang; portalen ber "
            "om koden med et bestemt nummer.\n\n{codes}\n",
        ),
        Language.SV: (
            "Kundportal: SecurityCodesReport",
            "Hej {name},\n\n{reason}\n\nSäkerhetskoder för {username}. Varje kod kan användas en gång; portalen ber "
            "om koden med ett visst nummer.\n\n{codes}\n",
        ),
        Language.EN: (
            "Customer portal: SecurityCodesReport",
            "Hello {name},\n\n{reason}\n\nSecurity codes for {username}. Each code works once; the portal asks for "
            "the code by its number.\n\n{codes}\n",
        ),
    },
    "RegistrationRequest": {
        Language.NB: (
            "Kundeportal: registreringsforespørsel fra {company}",
            "Ny registreringsforespørsel fra {company} ({contact_person}).\n\nGodkjenn eller avvis den i portalen: "
            "{link}\n",
        ),
        Language.SV: (
            "Kundportal: registreringsförfrågan från {company}",
            "Ny registreringsförfrågan från {company} ({contact_person}).\n\nGodkänn eller avvisa den i portalen: "
            "{link}\n",
        ),
        Language.EN: (
            "Customer portal: registration request from {company}",
            "New registration request from {company} ({contact_person}).\n\nApprove or reject it in the portal: "
            "{link}\n",
        ),
    },
    "RegistrationRejected": {
        Language.NB: (
            "Kundeportal: registreringsforespørselen din",
            "Hei {contact_person},\n\nTakk for at {company} ønsker tilgang til kundeportalen. Vi kan dessverre ikke "
            "gi tilgang nå.{explanation}\n\nTa gjerne kontakt med oss om du har spørsmål.\n",
        ),
        Language.SV: (
            "Kundportal: din registreringsförfrågan",
            "Hej {contact_person},\n\nTack för att {company} vill ha tillgång till kundportalen. Tyvärr kan vi inte "
            "ge tillgång nu.{explanation}\n\nKontakta oss gärna om du har frågor.\n",
        ),
        Language.EN: (
            "Customer portal: your registration request",
            "Hello {contact_person},\n\nThank you for asking for access to the customer portal for {company}. "
            "Unfortunately we cannot give access at this time.{explanation}\n\nPlease get in touch if you have "
            "questions.\n",
        ),
    },
    "CaseAssigned": {
        Language.NB: (
            "Kundeportal: sak {number} er tildelt deg",
            "Hei,\n\n{customer} har meldt sak {number}: {title}\n\nDu er tildelt kunden, og saken er tildelt deg:\n"
            "{link}\n",
        ),
        Language.SV: (
            "Kundportal: ärende {number} är tilldelat dig",
            "Hej,\n\n{customer} har registrerat ärende {number}: {title}\n\nDu är tilldelad kunden, och ärendet är "
            "tilldelat dig:\n{link}\n",
        ),
        Language.EN: (
            "Customer portal: case {number} is assigned to you",
            "Hello,\n\n{customer} has filed case {number}: {title}\n\nYou are assigned to the customer, so the case is "
            "assigned to you:\n{link}\n",
        ),
    },
    "CustomerAssigned": {
        Language.NB: (
            "Kundeportal: du er tildelt {customer}",
            "Hei,\n\nDu er tildelt kunden {customer}. Nye saker og bestillinger fra kunden tildeles deg:\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: du är tilldelad {customer}",
            "Hej,\n\nDu är tilldelad kunden {customer}. Nya ärenden och beställningar från kunden tilldelas dig:\n"
            "{link}\n",
        ),
        Language.EN: (
            "Customer portal: you are assigned to {customer}",
            "Hello,\n\nYou are assigned to the customer {customer}. New cases and orders of the customer are assigned "
            "to you:\n{link}\n",
        ),
    },
    "CustomerUnassigned": {
        Language.NB: (
            "Kundeportal: du er ikke lenger tildelt {customer}",
            "Hei,\n\nDu er ikke lenger tildelt kunden {customer}. Nye saker fra kunden tildeles ikke deg.\n",
        ),
        Language.SV: (
            "Kundportal: du är inte längre tilldelad {customer}",
            "Hej,\n\nDu är inte längre tilldelad kunden {customer}. Nya ärenden från kunden tilldelas inte dig.\n",
        ),
        Language.EN: (
            "Customer portal: you are no longer assigned to {customer}",
            "Hello,\n\nYou are no longer assigned to the customer {customer}. New cases of the customer are not "
            "assigned to you.\n",
        ),
    },
    "SpecificationReviewed": {
        Language.NB: (
            "Kundeportal: fakturaspesifikasjon {verdict_nb} av {customer}",
            "Hei,\n\n{by} hos {customer} har {verdict_nb} fakturaspesifikasjonen for {period}.{comment}\n\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: fakturaspecifikation {verdict_sv} av {customer}",
            "Hej,\n\n{by} hos {customer} har {verdict_sv} fakturaspecifikationen för {period}.{comment}\n\n{link}\n",
        ),
        Language.EN: (
            "Customer portal: invoice specification {verdict_en} by {customer}",
            "Hello,\n\n{by} at {customer} has {verdict_en} the invoice specification for {period}.{comment}\n\n"
            "{link}\n",
        ),
    },
    "QuoteDecided": {
        Language.NB: (
            "Kundeportal: tilbud {number} {verdict_nb} av {customer}",
            "Hei,\n\n{by} hos {customer} har {verdict_nb} tilbud {number}: {title} ({total}).{reason}\n\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: offert {number} {verdict_sv} av {customer}",
            "Hej,\n\n{by} hos {customer} har {verdict_sv} offert {number}: {title} ({total}).{reason}\n\n{link}\n",
        ),
        Language.EN: (
            "Customer portal: quote {number} {verdict_en} by {customer}",
            "Hello,\n\n{by} at {customer} has {verdict_en} quote {number}: {title} ({total}).{reason}\n\n{link}\n",
        ),
    },
    "ServiceOrderPlaced": {
        Language.NB: (
            "Kundeportal: serviceordre {number} venter på godkjenning",
            "Hei,\n\n{customer} har sendt serviceordre {number} ({product_group}, avtale {contract}). "
            "Den venter på selgers godkjenning:\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: serviceorder {number} väntar på godkännande",
            "Hej,\n\n{customer} har skickat serviceorder {number} ({product_group}, avtal {contract}). "
            "Den väntar på säljarens godkännande:\n{link}\n",
        ),
        Language.EN: (
            "Customer portal: service order {number} awaits approval",
            "Hello,\n\n{customer} has sent service order {number} ({product_group}, contract {contract}). "
            "It awaits the seller's approval:\n{link}\n",
        ),
    },
    "ServiceOrderWaiting": {
        Language.NB: (
            "Kundeportal: serviceordre {number} venter på deres godkjenning",
            "Hei,\n\nServiceordre {number} er godkjent av selger og venter på at dere bekrefter den:\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: serviceorder {number} väntar på ert godkännande",
            "Hej,\n\nServiceorder {number} är godkänd av säljaren och väntar på att ni bekräftar den:\n{link}\n",
        ),
        Language.EN: (
            "Customer portal: service order {number} awaits your approval",
            "Hello,\n\nService order {number} is approved by the seller and awaits your confirmation:\n{link}\n",
        ),
    },
    "DepositCounted": {
        Language.NB: (
            "Kundeportal: pose {bag_number} er telt",
            "Hei,\n\nPose {bag_number} (innskudd {deposit_date}) er telt.\n\nDeklarert: {declared}\n"
            "Telt: {counted}\nDifferanse: {difference}\n\nTellekvitteringen:\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: påse {bag_number} är räknad",
            "Hej,\n\nPåse {bag_number} (insättning {deposit_date}) är räknad.\n\nDeklarerat: {declared}\n"
            "Räknat: {counted}\nDifferens: {difference}\n\nRäkningskvittot:\n{link}\n",
        ),
        Language.EN: (
            "Customer portal: bag {bag_number} is counted",
            "Hello,\n\nBag {bag_number} (deposit of {deposit_date}) is counted.\n\nDeclared: {declared}\n"
            "Counted: {counted}\nDifference: {difference}\n\nThe counting receipt:\n{link}\n",
        ),
    },
    "DocumentStopped": {
        Language.NB: (
            "{document} {number} fra {sender} er stoppet",
            "Hei,\n\n{document} {number} fra {sender} til {recipient} er stoppet fordi den mangler informasjon "
            "eller har feil, og er ikke levert:\n\n{reasons}\n\nAvsenderen kan rette den i kundeportalen og sende "
            "den på nytt.\n{link}",
        ),
        Language.SV: (
            "{document} {number} från {sender} har stoppats",
            "Hej,\n\n{document} {number} från {sender} till {recipient} har stoppats eftersom den saknar information "
            "eller innehåller fel, och har inte levererats:\n\n{reasons}\n\nAvsändaren kan rätta den i "
            "kundportalen och skicka den på nytt.\n{link}",
        ),
        Language.EN: (
            "{document} {number} from {sender} was stopped",
            "Hello,\n\n{document} {number} from {sender} to {recipient} was stopped because information is missing "
            "or wrong, and was not delivered:\n\n{reasons}\n\nThe sender can correct it in the customer portal and "
            "send it again.\n{link}",
        ),
    },
    "DocumentByEmail": {
        Language.NB: (
            "{document} {number} fra {sender}",
            "Hei,\n\n{sender} har sendt deg {document_lower} {number}{amount}.\n\nÅpne dokumentet her:\n{link}\n",
        ),
        Language.SV: (
            "{document} {number} från {sender}",
            "Hej,\n\n{sender} har skickat {document_lower} {number}{amount} till dig.\n\nÖppna dokumentet här:"
            "\n{link}\n",
        ),
        Language.EN: (
            "{document} {number} from {sender}",
            "Hello,\n\n{sender} has sent you {document_lower} {number}{amount}.\n\nOpen the document here:\n{link}\n",
        ),
    },
    "DocumentNotAccepted": {
        Language.NB: (
            "{document} {number} ble ikke godtatt av {recipient}",
            "Hei,\n\n{recipient} godtar ikke {document_lower} {number}:\n\n{reason}\n\nRett den i kundeportalen og "
            "send den på nytt:\n{link}\n",
        ),
        Language.SV: (
            "{document} {number} godtogs inte av {recipient}",
            "Hej,\n\n{recipient} godtar inte {document_lower} {number}:\n\n{reason}\n\nRätta den i kundportalen och "
            "skicka den på nytt:\n{link}\n",
        ),
        Language.EN: (
            "{document} {number} was not accepted by {recipient}",
            "Hello,\n\n{recipient} does not accept {document_lower} {number}:\n\n{reason}\n\nCorrect it in the "
            "customer portal and send it again:\n{link}\n",
        ),
    },
    "TicketToStaff": {
        Language.NB: (
            "Kundeportal: henvendelse {number} fra {customer}",
            "Hei,\n\n{by} i {customer} har skrevet i henvendelse {number}, «{subject}»:\n\n{text}\n\n"
            "Svar i portalen:\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: ärende {number} från {customer}",
            "Hej,\n\n{by} på {customer} har skrivit i supportärende {number}, ”{subject}”:\n\n{text}\n\n"
            "Svara i portalen:\n{link}\n",
        ),
        Language.EN: (
            "Customer portal: support ticket {number} from {customer}",
            'Hello,\n\n{by} at {customer} wrote in support ticket {number}, "{subject}":\n\n{text}\n\n'
            "Answer in the portal:\n{link}\n",
        ),
    },
    # Bookings (EMP-2): to the employee booked, with the appointment as an .ics invitation (its update or
    # cancellation keeps the UID and raises the SEQUENCE).
    "BookingInvitation": {
        Language.NB: (
            "Timeavtale: {what} {when}",
            "Hei {name},\n\nDu har fått time hos oss: {what}.\n\nTid: {when}\nSted: {place}\n{form}\n"
            "Invitasjonen ligger ved, for kalenderen din.\n",
        ),
        Language.SV: (
            "Tidsbokning: {what} {when}",
            "Hej {name},\n\nDu har fått en tid hos oss: {what}.\n\nTid: {when}\nPlats: {place}\n{form}\n"
            "Inbjudan finns bifogad, för din kalender.\n",
        ),
        Language.EN: (
            "Appointment: {what} {when}",
            "Hello {name},\n\nYou have an appointment with us: {what}.\n\nTime: {when}\nPlace: {place}\n{form}\n"
            "The invitation is attached, for your calendar.\n",
        ),
    },
    "BookingChanged": {
        Language.NB: (
            "Endret timeavtale: {what} {when}",
            "Hei {name},\n\nTimen din er flyttet: {what}.\n\nNy tid: {when}\nSted: {place}\n\n"
            "Den oppdaterte invitasjonen ligger ved.\n",
        ),
        Language.SV: (
            "Ändrad tidsbokning: {what} {when}",
            "Hej {name},\n\nDin tid är flyttad: {what}.\n\nNy tid: {when}\nPlats: {place}\n\n"
            "Den uppdaterade inbjudan finns bifogad.\n",
        ),
        Language.EN: (
            "Appointment changed: {what} {when}",
            "Hello {name},\n\nYour appointment has moved: {what}.\n\nNew time: {when}\nPlace: {place}\n\n"
            "The updated invitation is attached.\n",
        ),
    },
    "BookingCancelled": {
        Language.NB: (
            "Avlyst timeavtale: {what} {when}",
            "Hei {name},\n\nTimen din {when} ({what}, {place}) er avlyst.\n",
        ),
        Language.SV: (
            "Inställd tidsbokning: {what} {when}",
            "Hej {name},\n\nDin tid {when} ({what}, {place}) är inställd.\n",
        ),
        Language.EN: (
            "Appointment cancelled: {what} {when}",
            "Hello {name},\n\nYour appointment {when} ({what}, {place}) is cancelled.\n",
        ),
    },
    "InvoiceOverdue": {
        Language.NB: (
            "Forfalt faktura {number}",
            "Hei,\n\nFaktura {number} fra {invoice_date} forfalt {due_date}. Utestående: {outstanding}.\n\n"
            "Se fakturaen i portalen:\n{link}\n",
        ),
        Language.SV: (
            "Förfallen faktura {number}",
            "Hej,\n\nFaktura {number} från {invoice_date} förföll {due_date}. Att betala: {outstanding}.\n\n"
            "Se fakturan i portalen:\n{link}\n",
        ),
        Language.EN: (
            "Invoice {number} is overdue",
            "Hello,\n\nInvoice {number} of {invoice_date} fell due on {due_date}. Outstanding: {outstanding}.\n\n"
            "See the invoice in the portal:\n{link}\n",
        ),
    },
    "TicketToCustomer": {
        Language.NB: (
            "Kundeportal: svar på henvendelse {number}",
            "Hei,\n\nDin henvendelse {number}, «{subject}», er nå {status_nb}.{text}\n\nSe den i portalen:\n{link}\n",
        ),
        Language.SV: (
            "Kundportal: svar på supportärende {number}",
            "Hej,\n\nDitt supportärende {number}, ”{subject}”, är nu {status_sv}.{text}\n\nSe det i portalen:\n"
            "{link}\n",
        ),
        Language.EN: (
            "Customer portal: reply to support ticket {number}",
            'Hello,\n\nYour support ticket {number}, "{subject}", is now {status_en}.{text}\n\n'
            "See it in the portal:\n{link}\n",
        ),
    },
}

DOCUMENT_NAMES: dict[str, dict[Language, str]] = {
    "invoice": {Language.NB: "Faktura", Language.SV: "Faktura", Language.EN: "Invoice"},
    "credit_note": {Language.NB: "Kreditnota", Language.SV: "Kreditnota", Language.EN: "Credit note"},
    "order": {Language.NB: "Ordre", Language.SV: "Order", Language.EN: "Order"},
    "order_response": {Language.NB: "Ordrebekreftelse", Language.SV: "Orderbekräftelse", Language.EN: "Order response"},
}
_AMOUNT_LABEL = {Language.NB: " på {amount}", Language.SV: " på {amount}", Language.EN: " of {amount}"}

CODES_REASONS: dict[CodesReason, dict[Language, str]] = {
    CodesReason.WELCOME: {
        Language.NB: "Velkommen til kundeportalen.",
        Language.SV: "Välkommen till kundportalen.",
        Language.EN: "Welcome to the customer portal.",
    },
    CodesReason.LIST_USED_UP: {
        Language.NB: "Kodelisten din var brukt opp; her er en ny kodeliste.",
        Language.SV: "Din kodlista var förbrukad; här är en ny kodlista.",
        Language.EN: "Your code list was used up; here is a new one.",
    },
    CodesReason.LAST_CODE_USED: {
        Language.NB: "Du har brukt den siste koden; her er en ny kodeliste.",
        Language.SV: "Du har använt den sista koden; här är en ny kodlista.",
        Language.EN: "You used your last code; here is a new list.",
    },
    CodesReason.PASSWORD_SET: {
        Language.NB: "Du har valgt nytt passord; den gamle kodelisten gjelder ikke lenger.",
        Language.SV: "Du har valt ett nytt lösenord; den gamla kodlistan gäller inte längre.",
        Language.EN: "You chose a new password; your old code list no longer works.",
    },
}

_REASON_LABEL = {Language.NB: "Begrunnelse", Language.SV: "Motivering", Language.EN: "Reason"}


def _message(kind: str, language: Language, to: str, **facts: str) -> EmailMessage:
    subject, body = TEXTS[kind][language]
    return EmailMessage(to=[to], subject=subject.format(**facts), body=body.format(**facts), kind=kind)


def _when(moment: datetime, language: Language) -> str:
    local = wall_clock(moment, language)
    return f"{local:%d.%m.%Y %H:%M} ({local.tzname()})"


def invitation(
    *,
    to: str,
    display_name: str,
    username: str,
    link: str,
    valid_until: datetime,
    language: Language,
    kind: str = "UserReport",
) -> EmailMessage:
    """The UserReport of AUTH-1, without a password: the new user chooses one through a single-use link. A contact who
    asked for an account itself (AUTH-2) gets the same link as its confirmation ("SignupConfirmation")."""
    return _message(
        kind, language, to, name=display_name, username=username, link=link, until=_when(valid_until, language)
    )


def password_reset_link(
    *, to: str, display_name: str, username: str, link: str, valid_until: datetime, language: Language
) -> EmailMessage:
    return _message(
        "PasswordReset",
        language,
        to,
        name=display_name,
        username=username,
        link=link,
        until=_when(valid_until, language),
    )


def account_locked(*, to: str, display_name: str, username: str, until: datetime, language: Language) -> EmailMessage:
    return _message("AccountLocked", language, to, name=display_name, username=username, until=_when(until, language))


def security_codes_report(
    *, to: str, display_name: str, username: str, codes: list[str], reason: CodesReason, language: Language
) -> EmailMessage:
    lines = "\n".join(f"{position:>3}: {code}" for position, code in enumerate(codes, start=1))
    return _message(
        "SecurityCodesReport",
        language,
        to,
        name=display_name,
        username=username,
        codes=lines,
        reason=CODES_REASONS[reason][language],
    )


def registration_received(
    *, to: str, company: str, contact_person: str, request_id: str, portal_url: str, language: Language
) -> EmailMessage:
    link = f"{portal_url}/#/registrations/{request_id}"
    return _message("RegistrationRequest", language, to, company=company, contact_person=contact_person, link=link)


def registration_rejected(
    *, to: str, contact_person: str, company: str, reason: str | None, language: Language
) -> EmailMessage:
    explanation = f"\n\n{_REASON_LABEL[language]}: {reason}" if reason else ""
    return _message(
        "RegistrationRejected", language, to, contact_person=contact_person, company=company, explanation=explanation
    )


def service_order_placed(
    *, to: list[str], customer: str, number: int, contract: str, product_group: str, link: str, language: Language
) -> EmailMessage:
    """To the customer's account managers: a service order waits for the seller's approval (ORD-3)."""
    subject, body = TEXTS["ServiceOrderPlaced"][language]
    facts = {"customer": customer, "number": str(number), "contract": contract, "product_group": product_group}
    return EmailMessage(
        to=to, subject=subject.format(**facts), body=body.format(**facts, link=link), kind="ServiceOrderPlaced"
    )


def service_order_waiting(*, to: list[str], number: int, link: str, language: Language) -> EmailMessage:
    """To a customer's order approver: an order has waited for their confirmation longer than agreed (ORD-3)."""
    subject, body = TEXTS["ServiceOrderWaiting"][language]
    return EmailMessage(
        to=to,
        subject=subject.format(number=number),
        body=body.format(number=number, link=link),
        kind="ServiceOrderWaiting",
    )


def deposit_counted(*, to: list[str], deposit: Deposit, link: str, language: Language) -> EmailMessage:
    """To the customer: its bag is counted, with any difference from the slip (DEP-2)."""
    assert deposit.counting is not None
    subject, body = TEXTS["DepositCounted"][language]
    facts = {
        "bag_number": deposit.bag_number,
        "deposit_date": f"{deposit.deposit_date:%d.%m.%Y}",
        "declared": as_text(deposit.total, deposit.currency),
        "counted": as_text(deposit.counting.total, deposit.currency),
        "difference": as_text(deposit.counting.difference, deposit.currency),
    }
    return EmailMessage(
        to=to, subject=subject.format(**facts), body=body.format(**facts, link=link), kind="DepositCounted"
    )


def document_stopped(
    *,
    to: list[str],
    document_type: str,
    number: str,
    sender: str,
    recipient: str,
    reasons: list[str],
    link: str,
    language: Language,
) -> EmailMessage:
    """To the other party of a stopped invoice (DOC-5): which rules it broke, in plain words."""
    subject, body = TEXTS["DocumentStopped"][language]
    name = DOCUMENT_NAMES[document_type][language]
    facts = {"document": name, "number": number, "sender": sender, "recipient": recipient}
    listed = "\n".join(f"- {reason}" for reason in reasons)
    return EmailMessage(
        to=to,
        subject=subject.format(**facts),
        body=body.format(**facts, reasons=listed, link=link),
        kind="DocumentStopped",
    )


def document_by_email(
    *, to: str, document_type: str, number: str, sender: str, amount: str | None, link: str, language: Language
) -> EmailMessage:
    """The e-mail channel (DOC-7, Smartmail): the document's link, which marks it opened when followed."""
    subject, body = TEXTS["DocumentByEmail"][language]
    name = DOCUMENT_NAMES[document_type][language]
    facts = {"document": name, "document_lower": name.lower(), "number": number, "sender": sender}
    amount_text = _AMOUNT_LABEL[language].format(amount=amount) if amount else ""
    return EmailMessage(
        to=[to],
        subject=subject.format(**facts),
        body=body.format(**facts, amount=amount_text, link=link),
        kind="DocumentByEmail",
    )


def document_not_accepted(
    *, to: list[str], document_type: str, number: str, recipient: str, reason: str, link: str, language: Language
) -> EmailMessage:
    """To the sender (DOC-6): its recipient did not accept a delivered document, and why."""
    subject, body = TEXTS["DocumentNotAccepted"][language]
    name = DOCUMENT_NAMES[document_type][language]
    facts = {"document": name, "document_lower": name.lower(), "number": number, "recipient": recipient}
    return EmailMessage(
        to=to,
        subject=subject.format(**facts),
        body=body.format(**facts, reason=reason, link=link),
        kind="DocumentNotAccepted",
    )


def case_assigned(
    *, to: list[str], number: int, title: str, customer: str, link: str, language: Language
) -> EmailMessage:
    """To the staff assigned to a customer: a new case of that customer is theirs (ORG-4)."""
    subject, body = TEXTS["CaseAssigned"][language]
    facts = {"number": str(number), "title": title, "customer": customer}
    return EmailMessage(
        to=to, subject=subject.format(**facts), body=body.format(**facts, link=link), kind="CaseAssigned"
    )


def customer_assigned(*, to: list[str], customer: str, link: str, language: Language) -> EmailMessage:
    """To a staff user made responsible for a customer (ORG-4); the customer is not told."""
    subject, body = TEXTS["CustomerAssigned"][language]
    return EmailMessage(
        to=to,
        subject=subject.format(customer=customer),
        body=body.format(customer=customer, link=link),
        kind="CustomerAssigned",
    )


def customer_unassigned(*, to: list[str], customer: str, language: Language) -> EmailMessage:
    """To a staff user no longer responsible for a customer (ORG-4)."""
    subject, body = TEXTS["CustomerUnassigned"][language]
    return EmailMessage(
        to=to, subject=subject.format(customer=customer), body=body.format(customer=customer), kind="CustomerUnassigned"
    )


_VERDICTS = {True: ("godkjent", "godkänt", "approved"), False: ("kommentert", "kommenterat", "commented on")}
_COMMENT_LEADS = {Language.NB: "Kommentar", Language.SV: "Kommentar", Language.EN: "Comment"}


def specification_reviewed(
    *,
    to: list[str],
    customer: str,
    period: str,
    approved: bool,
    by: str,
    comment: str,
    link: str,
    language: Language,
) -> EmailMessage:
    """To the customer's account managers: its contact approved an invoice specification or commented (CASE-4)."""
    subject, body = TEXTS["SpecificationReviewed"][language]
    nb, sv, en = _VERDICTS[approved]
    facts = {"customer": customer, "period": period, "by": by, "verdict_nb": nb, "verdict_sv": sv, "verdict_en": en}
    said = f"\n\n{_COMMENT_LEADS[language]}: {comment}" if comment else ""
    return EmailMessage(
        to=to,
        subject=subject.format(**facts),
        body=body.format(**facts, comment=said, link=link),
        kind="SpecificationReviewed",
    )


_QUOTE_VERDICTS = {True: ("akseptert", "accepterat", "accepted"), False: ("avslått", "avböjt", "declined")}
_REASON_LEADS = {Language.NB: "Begrunnelse", Language.SV: "Motivering", Language.EN: "Reason"}


def quote_decided(
    *,
    to: list[str],
    customer: str,
    number: int,
    title: str,
    total: str,
    accepted: bool,
    by: str,
    reason: str,
    link: str,
    language: Language,
) -> EmailMessage:
    """To the customer's account managers: its user accepted a quote, or declined it (seed 003)."""
    subject, body = TEXTS["QuoteDecided"][language]
    nb, sv, en = _QUOTE_VERDICTS[accepted]
    facts = {"customer": customer, "number": str(number), "title": title, "total": total, "by": by}
    facts |= {"verdict_nb": nb, "verdict_sv": sv, "verdict_en": en}
    said = f"\n\n{_REASON_LEADS[language]}: {reason}" if reason else ""
    return EmailMessage(
        to=to, subject=subject.format(**facts), body=body.format(**facts, reason=said, link=link), kind="QuoteDecided"
    )


_TICKET_STATUSES = {
    "open": ("åpen", "öppet", "open"),
    "in_progress": ("under behandling", "under behandling", "being worked on"),
    "waiting_for_customer": ("besvart og venter på deg", "besvarat och väntar på dig", "answered and waiting for you"),
    "closed": ("lukket", "stängt", "closed"),
}
_REPLY_LEADS = {Language.NB: "Svar", Language.SV: "Svar", Language.EN: "Reply"}


def ticket_to_staff(
    *, to: list[str], number: int, subject: str, customer: str, by: str, text: str, link: str, language: Language
) -> EmailMessage:
    """To the customer's account managers (or customer service): a customer's user opened a ticket or wrote in it."""
    title, body = TEXTS["TicketToStaff"][language]
    facts = {"number": str(number), "subject": subject, "customer": customer, "by": by, "text": text, "link": link}
    return EmailMessage(to=to, subject=title.format(**facts), body=body.format(**facts), kind="TicketToStaff")


def ticket_to_customer(
    *, to: str, number: int, subject: str, status: str, reply: str, link: str, language: Language
) -> EmailMessage:
    """To the user who opened a ticket: the vendor answered it, or moved it on."""
    title, body = TEXTS["TicketToCustomer"][language]
    nb, sv, en = _TICKET_STATUSES[status]
    said = f"\n\n{_REPLY_LEADS[language]}:\n{reply}" if reply else ""
    facts = {"number": str(number), "subject": subject, "status_nb": nb, "status_sv": sv, "status_en": en}
    return EmailMessage(
        to=[to], subject=title.format(**facts), body=body.format(**facts, text=said, link=link), kind="TicketToCustomer"
    )


def booking_notice(
    kind: str,
    *,
    to: str,
    name: str,
    what: str,
    place: str,
    when: str,
    calendar: str,
    method: str,
    language: Language,
    form_link: str | None = None,
) -> EmailMessage:
    """An appointment e-mail to a booked employee (EMP-2), in its language, with the .ics that puts it in (or takes it
    out of) the calendar."""
    title, body = TEXTS[kind][language]
    form = f"\n{_FORM_LEADS[language]}:\n{form_link}\n" if form_link else ""
    facts = {"name": name, "what": what, "place": place, "when": when, "form": form}
    return EmailMessage(
        to=[to],
        subject=title.format(**facts),
        body=body.format(**facts),
        kind=kind,
        attachments=[
            EmailAttachment(
                filename="invitation.ics" if method == "REQUEST" else "cancellation.ics",
                content_type=f"text/calendar; method={method}; charset=UTF-8",
                content=calendar,
            )
        ],
    )


_FORM_LEADS = {
    Language.NB: "Fyll ut egenerklæringsskjemaet før timen",
    Language.SV: "Fyll i hälsodeklarationen före besöket",
    Language.EN: "Fill in the self-declaration form before the appointment",
}


def invoice_overdue(
    *, to: list[str], number: str, invoice_date: str, due_date: str, outstanding: str, link: str, language: Language
) -> EmailMessage:
    """To a customer's invoice readers (of one language): an invoice fell due and is still owed (INV-1)."""
    subject, body = TEXTS["InvoiceOverdue"][language]
    facts = {"number": number, "invoice_date": invoice_date, "due_date": due_date, "outstanding": outstanding}
    return EmailMessage(
        to=to, subject=subject.format(**facts), body=body.format(**facts, link=link), kind="InvoiceOverdue"
    )
