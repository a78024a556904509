"""Calendar invitations for booked appointments (EMP-2), RFC 5546 iTIP over e-mail: a REQUEST when an employee is
booked and again, with the same UID and a higher SEQUENCE, when the slot moves; a CANCEL when the booking is removed
or the slot cancelled. Times are the slot's wall clock (Europe/Oslo or Europe/Stockholm), with the VTIMEZONE."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from icalendar import Calendar, Event, vCalAddress, vText

from portal.customers.models import Country
from portal.languages import of_country, time_zone

PRODUCT_ID = "-//Kundeportal//Bookings//EN"


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


def calendar(
    *,
    method: Method,
    uid: str,
    sequence: int,
    summary: str,
    place: str,
    starts_at: datetime,
    ends_at: datetime,
    country: Country,
    organizer: str,
    attendee: str,
    attendee_name: str,
    stamp: datetime,
) -> str:
    """The .ics text of one appointment for one attendee."""
    zone = time_zone(of_country(country.value))
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at.astimezone(zone))
    event.add("dtend", ends_at.astimezone(zone))
    event.add("summary", summary)
    event.add("location", place)
    event.add("status", "CANCELLED" if method is Method.CANCEL else "CONFIRMED")
    event.add("organizer", vCalAddress(f"mailto:{organizer}"))
    guest = vCalAddress(f"mailto:{attendee}")
    guest.params["cn"] = vText(attendee_name)
    guest.params["role"] = vText("REQ-PARTICIPANT")
    guest.params["rsvp"] = vText("FALSE")  # the organizer is a no-reply address: no answer is expected
    event.add("attendee", guest)
    ics = Calendar()
    ics.add("prodid", PRODUCT_ID)
    ics.add("version", "2.0")
    ics.add("method", method.value)
    ics.add_component(event)
    # The zone's rules around the appointment only: a calendar needs no more, and the file stays small.
    ics.add_missing_timezones(
        first_date=(starts_at - timedelta(days=366)).date(), last_date=(ends_at + timedelta(days=366)).date()
    )
    text: bytes = ics.to_ical()
    return text.decode("utf-8")
