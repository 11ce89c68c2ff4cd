"""One attendance certificate ("attestation de présence") drawn on an A4 page.

What a participant shows an employer or a funder: who organised what, where and when,
that this person was there (arrival and departure on site, the sessions they attended
with their door times), signed by the organiser. Everything on it comes from the scans
that count (checkin.core.exports.certificates gathers them); the words are the PDF's own,
in French by default and in English.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from checkin.core.exports.pdf import FONT, fit_text, hhmm, wrapped
from checkin.core.exports.queries import Stay

WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Attestation de présence",
        "certifies": "L'organisateur de l'événement, {organiser}, atteste que",
        "certifies_anonymous": "L'organisateur de l'événement atteste que",
        "attended": "a participé à l'événement « {event} », le {day}{place}.",
        "on_site": "Présence sur le site",
        "stay": "Arrivée à {came}, départ à {left}",
        "stay_open": "Arrivée à {came} (départ non enregistré)",
        "sessions": "Sessions suivies",
        "when": "Horaire", "session": "Session", "room": "Salle", "in_room": "En salle",
        "door": "{came}–{left}", "door_open": "entrée à {came}",
        "site_only": "présent·e sur le site",
        "no_session": "Aucune session enregistrée à l'entrée des salles.",
        "site_note": "« présent·e sur le site » : session ouverte à tous, sans contrôle à "
                     "l'entrée de la salle, pendant laquelle la personne était sur le site.",
        "done_at": "Fait à {city}, le {day}.", "done": "Fait le {day}.",
        "for_organiser": "Pour l'organisateur,",
        "footer": "Attestation établie d'après les contrôles d'accès enregistrés le jour de "
                  "l'événement · réf. {code}",
        "days": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "months": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                   "septembre", "octobre", "novembre", "décembre"),
    },
    "en": {
        "title": "Certificate of attendance",
        "certifies": "The organiser of the event, {organiser}, certifies that",
        "certifies_anonymous": "The organiser of the event certifies that",
        "attended": "attended the event “{event}” on {day}{place}.",
        "on_site": "On site",
        "stay": "Arrived at {came}, left at {left}",
        "stay_open": "Arrived at {came} (departure not recorded)",
        "sessions": "Sessions attended",
        "when": "Time", "session": "Session", "room": "Room", "in_room": "In the room",
        "door": "{came}–{left}", "door_open": "entered at {came}",
        "site_only": "on site",
        "no_session": "No session recorded at the rooms' doors.",
        "site_note": "“on site”: a session open to all, without a check at the room's door, "
                     "during which the person was on site.",
        "done_at": "Made in {city} on {day}.", "done": "Made on {day}.",
        "for_organiser": "For the organiser,",
        "footer": "Certificate made from the access checks recorded on the day of the event "
                  "· ref. {code}",
        "days": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "months": ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"),
    },
}
LEFT, WIDTH = 20.0, 170.0  # mm: the text column of an A4 portrait page
BOTTOM = 262.0  # below: the signature block's room on a last page, then the footer
# The sessions table: (word, x, width) in mm.
COLUMNS = (("when", 20.0, 22.0), ("session", 42.0, 78.0), ("room", 120.0, 30.0),
           ("in_room", 150.0, 40.0))
LINE = 4.2  # mm between the wrapped lines of a session's title
SIGNATURE_BOX = (60.0, 24.0)  # mm: the largest the image is drawn, its proportions kept


@dataclass
class Attended:
    """A session on the certificate: scanned at its door (times), or on site only."""

    title: str
    room: str
    starts: datetime
    ends: datetime
    came_in: datetime | None = None
    went_out: datetime | None = None
    at_door: bool = True


@dataclass
class Certificate:
    attendee_id: int
    code: str
    first_name: str
    last_name: str
    organisation: str
    walk_in: bool
    stays: list[Stay] = field(default_factory=list)
    sessions: list[Attended] = field(default_factory=list)

    @property
    def name(self) -> str:
        """"Prénom NOM", as French certificates write a person's name."""
        return f"{self.first_name} {self.last_name.upper()}".strip() or self.code


@dataclass
class Issuer:
    """The event as a certificate names it, and who signs."""

    name: str
    venue: str
    address: str
    tz: ZoneInfo
    day: date
    organiser: str
    signature: bytes | None

    @property
    def city(self) -> str:
        """"Amiens" from "Amiens Métropole, 80000 Amiens": the address's last part
        without its postcode, for "Fait à …"; the venue if there is no address."""
        last = self.address.split(",")[-1].strip() if self.address.strip() else self.venue
        words = last.split()
        while words and words[0].isdigit():
            words.pop(0)
        return " ".join(words)


def long_date(day: date, lang: str) -> str:
    """"jeudi 10 décembre 2026", "Thursday 10 December 2026" (no locale needed)."""
    w = WORDS[lang]
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{w['days'][day.weekday()]} {number} {w['months'][day.month - 1]} {day.year}"


def draw_certificate(pdf: Any, issuer: Issuer, cert: Certificate, lang: str,
                     issued: date) -> None:
    """The certificate on a new page (and more pages if its sessions need them)."""
    w = WORDS[lang]
    pdf.certificate_code = cert.code  # the footer's reference
    pdf.add_page()
    y = 28.0
    pdf.set_font(FONT, "B", 22)
    pdf.set_xy(LEFT, y)
    pdf.cell(WIDTH, 10, w["title"].upper(), align="C")
    y += 16
    y = _paragraph(pdf, y, "", 9, 4.5, issuer.name, centred=True) + 10
    certifies = (w["certifies"].format(organiser=issuer.organiser) if issuer.organiser.strip()
                 else w["certifies_anonymous"])
    y = _paragraph(pdf, y, "", 12, 6.5, certifies) + 4
    y = _person(pdf, y, cert) + 4
    place = ", ".join(p for p in (issuer.venue.strip(), issuer.address.strip()) if p)
    y = _paragraph(pdf, y, "", 12, 6.5, w["attended"].format(
        event=issuer.name, day=long_date(issuer.day, lang), place=f", {place}" if place else ""))
    y += 8
    y = _heading(pdf, y, w["on_site"])
    pdf.set_font(FONT, "", 11)
    for came, left in cert.stays:
        text = (w["stay"].format(came=hhmm(came, issuer.tz), left=hhmm(left, issuer.tz))
                if left is not None else w["stay_open"].format(came=hhmm(came, issuer.tz)))
        pdf.text(LEFT + 2, y + 4, text)
        y += 6.5
    y += 5
    y = _heading(pdf, y, w["sessions"])
    y = _sessions(pdf, y, cert.sessions, issuer.tz, w)
    _signature_block(pdf, max(y + 8, 0), issuer, lang, issued)


def _paragraph(pdf: Any, y: float, style: str, size: float, height: float, text: str,
               centred: bool = False) -> float:
    pdf.set_font(FONT, style, size)
    for line in wrapped(pdf, text, WIDTH, (style, size)):
        x = LEFT + (WIDTH - pdf.get_string_width(line)) / 2 if centred else LEFT
        pdf.text(x, y + height * 0.75, line)
        y += height
    return y


def _person(pdf: Any, y: float, cert: Certificate) -> float:
    """The name large and centred, never cut: a long name shrinks before it wraps."""
    size = 16.0
    pdf.set_font(FONT, "B", size)
    while size > 10 and any(pdf.get_string_width(word) > WIDTH for word in cert.name.split()):
        size -= 1
        pdf.set_font(FONT, "B", size)
    y = _paragraph(pdf, y, "B", size, size * 0.5, cert.name, centred=True)
    if cert.organisation.strip():
        y = _paragraph(pdf, y + 1, "", 11, 5.5, cert.organisation, centred=True)
    return y


def _heading(pdf: Any, y: float, text: str) -> float:
    pdf.set_font(FONT, "B", 12)
    pdf.text(LEFT, y + 4.5, text)
    pdf.line(LEFT, y + 6.5, LEFT + WIDTH, y + 6.5)
    return y + 9


def _sessions(pdf: Any, y: float, sessions: list[Attended], tz: ZoneInfo,
              w: dict[str, Any]) -> float:
    if not sessions:
        pdf.set_font(FONT, "", 11)
        pdf.text(LEFT + 2, y + 4, w["no_session"])
        return y + 7

    def header(top: float) -> float:
        pdf.set_font(FONT, "B", 9)
        for key, x, _width in COLUMNS:
            pdf.text(x, top + 4, w[key])
        return top + 6.5

    y = header(y)
    for s in sessions:
        pdf.set_font(FONT, "", 9)
        # The title in full, wrapped: a certificate names what the person attended.
        title = wrapped(pdf, s.title, COLUMNS[1][2] - 2, ("", 9))
        room = wrapped(pdf, s.room, COLUMNS[2][2] - 2, ("", 9)) if s.room else []
        height = 2.8 + LINE * max(len(title), len(room))
        if y + height > BOTTOM - 10:  # a long day: the table goes on over the page
            pdf.add_page()
            y = header(20.0)
            pdf.set_font(FONT, "", 9)
        if s.at_door:
            in_room = (w["door"].format(came=hhmm(s.came_in, tz), left=hhmm(s.went_out, tz))
                       if s.came_in and s.went_out else
                       w["door_open"].format(came=hhmm(s.came_in, tz)) if s.came_in else "")
        else:
            in_room = w["site_only"]
        # Left to right, as the row is read (and as a PDF's text is copied out).
        cells = ([f"{hhmm(s.starts, tz)}–{hhmm(s.ends, tz)}"], title, room,
                 [fit_text(pdf, in_room, COLUMNS[3][2] - 2)])
        for (_key, x, _width), lines in zip(COLUMNS, cells):
            for i, line in enumerate(lines):
                pdf.text(x, y + 4 + i * LINE, line)
        pdf.set_draw_color(200, 200, 200)
        pdf.line(LEFT, y + height, LEFT + WIDTH, y + height)
        pdf.set_draw_color(0, 0, 0)
        y += height + 1
    if any(not s.at_door for s in sessions):
        pdf.set_font(FONT, "", 8)
        for line in wrapped(pdf, w["site_note"], WIDTH, ("", 8)):
            pdf.text(LEFT, y + 4, line)
            y += 4
    return y


def _signature_block(pdf: Any, y: float, issuer: Issuer, lang: str, issued: date) -> None:
    w = WORDS[lang]
    needed = 12 + SIGNATURE_BOX[1] + 8
    if y + needed > BOTTOM + 20:
        pdf.add_page()
        y = 30.0
    day = long_date(issued, lang).split(" ", 1)[1]  # "10 décembre 2026": no weekday here
    city = issuer.city
    done = w["done_at"].format(city=city, day=day) if city else w["done"].format(day=day)
    pdf.set_font(FONT, "", 11)
    pdf.text(LEFT, y + 4, done)
    x = 115.0
    y += 10
    pdf.text(x, y + 4, w["for_organiser"])
    y += 6
    if issuer.signature:
        width, height = _fitted(issuer.signature)
        pdf.image(io.BytesIO(issuer.signature), x=x, y=y, w=width, h=height)
        y += height + 2
    else:
        y += 14  # room for a hand signature
    if issuer.organiser.strip():
        pdf.set_font(FONT, "B", 11)
        for line in wrapped(pdf, issuer.organiser, 190 - x, ("B", 11)):
            pdf.text(x, y + 4, line)
            y += 5.5


def _fitted(image: bytes) -> tuple[float, float]:
    """The image's size in mm inside SIGNATURE_BOX, its proportions kept."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as img:
        px_w, px_h = img.size
    box_w, box_h = SIGNATURE_BOX
    scale = min(box_w / max(px_w, 1), box_h / max(px_h, 1))
    return px_w * scale, px_h * scale


def footer_for(pdf: Any, lang: str) -> Callable[[], None]:
    """The certificates' footer (instead of the sheets' page numbers): the reference."""

    def footer() -> None:
        pdf.set_y(-14)
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(110, 110, 110)
        pdf.cell(0, 5, WORDS[lang]["footer"].format(code=getattr(pdf, "certificate_code", "")),
                 align="C")
        pdf.set_text_color(0, 0, 0)

    return footer
