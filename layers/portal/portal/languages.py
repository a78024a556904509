"""The portal's languages: what users read it in, and what their e-mails are written in."""

from enum import StrEnum


class Language(StrEnum):
    NB = "nb"
    SV = "sv"
    EN = "en"
