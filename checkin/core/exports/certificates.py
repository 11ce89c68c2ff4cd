"""Attendance certificates ("attestations de présence"): one per person who came.

Who gets one: whoever was admitted at the entrance or at a session's door, that scan not
undone (a walk-in too: registering one admits them). Someone never scanned gets none —
a certificate says the scans show them there, so there must be scans (`NotScanned`).

What it says (certificate_pdf.py draws it): the event, its date and place; the person's
arrival and departure on site (queries.venue_stays); the sessions they were scanned into
with their door times (queries.session_visits); and the plenaries — open to all, nobody
scans at their doors — during which they were on site, marked "présent·e sur le site"
rather than given door times they do not have. Then the organiser's name and signature
image, set in the event file or in the window (`save_signer`).

In a batch: one PDF per person in a folder (`attestation-NOM-Prenom-CODE.pdf`, names
made safe for any file system), or all of them in one PDF, one page each. Staff only
(Permission.EXPORT: names and times are personal data); every batch is journaled with
codes and counts, never names (the journal outlives the purge of personal data).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from anyascii import anyascii
from sqlalchemy.engine import Engine

from checkin.core.admission.scan import clean_code
from checkin.core.clock import Clock, system_clock, zone
from checkin.core.exports.certificate_pdf import (
    WORDS, Attended, Certificate, Issuer, draw_certificate, footer_for,
)
from checkin.core.exports.files import ExportError, Progress, atomic_output
from checkin.core.exports.queries import (
    Stay, Visit, door_times, on_site_during, session_titles, session_visits, venue_stays,
)
from checkin.core.roles import Permission, Role, allows
from checkin.core.text import fold
from checkin.store.queries import exports as q
from checkin.store.queries import journal
from checkin.store.queries.exports import SessionTitle
from checkin.store.queries.scans import FOLDED_CODES, PERSON_AT
from checkin.store.types import utcnow
from checkin.store.vocabulary import VENUE, SessionKind

LANGS = ("fr", "en")
OPEN_TO_ALL = (SessionKind.PLENARY,)  # no door check: presence on site stands for it
FILE_STEM = {"fr": "attestation", "en": "certificate"}
_NAME_PART = 40  # characters of a name kept in a file name


class CertificateRefused(ExportError):
    """The role may not make certificates."""


class UnknownCode(LookupError):
    """No registrant has this code in the event."""


class NotScanned(LookupError):
    """The registrant exists but was never admitted: no certificate."""

    def __init__(self, code: str) -> None:
        super().__init__(f"{code} was never scanned in (entrance or session door): "
                         "no attendance certificate")
        self.code = code


@dataclass
class CertificateReport:
    mode: str            # "per-person" (a folder) or "one-file"
    count: int
    paths: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# ---- who, and what their certificate says ---------------------------------------------

def find_code(conn: sa.Connection, event_id: int, raw_code: str) -> int:
    """The registrant id of a ticket code, as the desk reads it (whatever its case when
    one code matches); UnknownCode if none."""
    code = clean_code(raw_code)
    person = PERSON_AT.one(conn, event=event_id, code=code, place=VENUE) if code else None
    if person is None and code:
        folded = FOLDED_CODES.all(conn, event=event_id, codes=[code.lower()])
        if len(folded) == 1:
            person = PERSON_AT.one(conn, event=event_id, code=folded[0].code, place=VENUE)
    if person is None:
        raise UnknownCode(f"no registrant with code {code or raw_code!r} in this event")
    return person.id


def issuer(conn: sa.Connection, event_id: int) -> Issuer:
    ev = q.ISSUER.one(conn, e=event_id)
    if ev is None:
        raise LookupError(f"no event with id {event_id}")
    tz = zone(ev.timezone or "UTC")
    return Issuer(ev.name, ev.venue or "", ev.address or "", tz, ev.starts_at.astimezone(tz).date(),
                  ev.organiser or "", bytes(ev.signature) if ev.signature else None)


def certificates(conn: sa.Connection, event_id: int, now: Any,
                 attendee_id: int | None = None) -> tuple[int, Iterator[Certificate]]:
    """(how many, the certificates in name order): everyone who came, or one registrant
    (NotScanned if they never came). `now` keeps a plenary not yet begun off them."""
    stays = venue_stays(conn, event_id, attendee_id)
    if attendee_id is not None and attendee_id not in stays:
        holder = q.CODE_OF.one(conn, a=attendee_id)
        if holder is None:
            raise LookupError(f"no registrant #{attendee_id}")
        raise NotScanned(holder.code)
    titles = session_titles(conn, event_id)
    visits = session_visits(conn, event_id)
    rows = (q.HOLDERS.all(conn, e=event_id) if attendee_id is None
            else q.ONE_HOLDER.all(conn, e=event_id, a=attendee_id))

    def made() -> Iterator[Certificate]:
        for r in rows:
            if r.id not in stays:
                continue  # never came
            yield Certificate(r.id, r.code, r.first_name or "", r.last_name or "",
                              r.organisation or "", bool(r.walk_in), stays[r.id],
                              _attended(titles, visits.get(r.id, []), stays[r.id], now))

    return len(stays), made()


def _attended(titles: dict[int, SessionTitle], visits: list[Visit], stays: list[Stay],
              now: Any) -> list[Attended]:
    seen: list[Attended] = []
    door_scanned = {v.session_id for v in visits}
    for s in titles.values():
        if s.id in door_scanned:
            came, left = door_times(visits, s.id)
            seen.append(Attended(s.title, s.room or "", s.starts_at, s.ends_at, came, left))
        elif (s.kind in OPEN_TO_ALL and s.starts_at <= now
              and on_site_during(stays, s.starts_at, s.ends_at)):
            seen.append(Attended(s.title, s.room or "", s.starts_at, s.ends_at, at_door=False))
    return seen  # session_titles gives programme order


def file_name(cert: Certificate, lang: str = "fr") -> str:
    """"attestation-DE-LA-ROCHEFOUCAULD-Zephyrine-WI4K2.pdf": ASCII letters, digits and
    hyphens only, whatever the registrant typed (no "../", no slash, no reserved name)."""
    last = "-".join(fold(cert.last_name).upper().split())
    first = "-".join(w[:1].upper() + w[1:] for w in fold(cert.first_name).split())
    code = re.sub(r"[^A-Za-z0-9]+", "-", anyascii(cert.code)).strip("-")
    parts = [FILE_STEM[lang], _cut(last), _cut(first), _cut(code) or str(cert.attendee_id)]
    return "-".join(p for p in parts if p) + ".pdf"


def file_name_for(engine: Engine, event_id: int, code: str, lang: str = "fr",
                  clock: Clock = system_clock) -> str:
    """The file name to suggest for one person's certificate; UnknownCode or NotScanned
    first, so that the desk refuses before asking where to save."""
    with _snapshot(engine) as conn:
        _total, made = certificates(conn, event_id, clock(), find_code(conn, event_id, code))
        return file_name(next(made), lang)


def _cut(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "", part)[:_NAME_PART].strip("-")


# ---- writing ---------------------------------------------------------------------------

def check_request(out_dir: Path | None, one_file: Path | None, lang: str, role: Role) -> None:
    """ExportError (or CertificateRefused) saying what is wrong; writes nothing."""
    if not allows(role, Permission.EXPORT):
        raise CertificateRefused("attendance certificates hold personal data: staff only")
    if lang not in LANGS:
        raise ExportError(f"unknown language {lang!r} (fr or en)")
    if (out_dir is None) == (one_file is None):
        raise ExportError("say where: a folder (one file per person) or one PDF file")
    if one_file is not None:
        if one_file.suffix.lower() != ".pdf":
            raise ExportError(f"{one_file.name}: certificates are written as a .pdf file")
        folder = one_file.parent if str(one_file.parent) else Path(".")
        if not folder.is_dir():
            raise ExportError(f"cannot write {one_file}: folder {folder} does not exist")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file, not a folder")
    if out_dir is not None and not out_dir.parent.is_dir():
        raise ExportError(f"cannot write in {out_dir}: folder {out_dir.parent} does not exist")


def write_certificates(engine: Engine, event_id: int, *, out_dir: Path | str | None = None,
                       one_file: Path | str | None = None, code: str | None = None,
                       lang: str = "fr", role: Role = Role.STAFF, actor: str = "",
                       desk: str = "", progress: Progress | None = None,
                       clock: Clock = system_clock) -> CertificateReport:
    """Everyone's certificates (or `code`'s alone) into `out_dir`, one file each, or into
    the one PDF `one_file`. UnknownCode / NotScanned for a code that cannot have one,
    before anything is written; each file appears whole or not at all."""
    folder = Path(out_dir) if out_dir is not None else None
    single = Path(one_file) if one_file is not None else None
    check_request(folder, single, lang, role)
    started = time.perf_counter()
    now = clock()
    with _snapshot(engine) as conn:
        who = find_code(conn, event_id, code) if code is not None else None
        signer = issuer(conn, event_id)
        total, made = certificates(conn, event_id, now, who)
        issued = now.astimezone(signer.tz).date()
        if single is not None:
            paths, count = [str(single)], _one_file(single, signer, made, total, lang, issued,
                                                    progress)
        else:
            assert folder is not None
            folder.mkdir(exist_ok=True)
            paths = _per_person(folder, signer, made, total, lang, issued, progress)
            count = len(paths)
    mode = "one-file" if single is not None else "per-person"
    # The folder, not the file: one person's certificate may be named after them.
    where = single.parent if single is not None else folder or Path(".")
    details: dict[str, Any] = {"mode": mode, "count": count, "lang": lang,
                               "path": str(where.resolve())}
    if code is not None:
        details["code"] = clean_code(code)
    with engine.begin() as conn:
        journal.write(conn, event_id, "certificates", actor=actor, desk=desk,
                      subject=details.get("code", "everyone"), details=details)
    return CertificateReport(mode, count, paths, round(time.perf_counter() - started, 3))


def _document(lang: str) -> Any:
    from checkin.core.exports.pdf import new_document

    pdf = new_document(lang)
    pdf.footer = footer_for(pdf, lang)  # the reference, not the sheets' page numbers
    pdf.set_title(WORDS[lang]["title"])
    return pdf


def _one_file(path: Path, signer: Issuer, made: Iterator[Certificate], total: int, lang: str,
              issued: Any, progress: Progress | None) -> int:
    pdf = _document(lang)
    count = 0
    for cert in made:
        draw_certificate(pdf, signer, cert, lang, issued)
        count += 1
        if progress:
            progress(count, total)
    with atomic_output(path) as tmp:
        pdf.output(str(tmp))
    return count


def _per_person(folder: Path, signer: Issuer, made: Iterator[Certificate], total: int,
                lang: str, issued: Any, progress: Progress | None) -> list[str]:
    written: list[str] = []
    taken: set[str] = set()
    for cert in made:
        name = file_name(cert, lang)
        if name.lower() in taken:  # two codes that fold alike: keep both files
            name = name.removesuffix(".pdf") + f"-{cert.attendee_id}.pdf"
        taken.add(name.lower())
        pdf = _document(lang)
        draw_certificate(pdf, signer, cert, lang, issued)
        path = folder / name
        with atomic_output(path) as tmp:
            pdf.output(str(tmp))
        written.append(str(path))
        if progress:
            progress(len(written), total)
    return written


@contextmanager
def _snapshot(engine: Engine) -> Iterator[sa.Connection]:
    """One consistent view of the scans for the whole batch (desks may keep scanning)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    try:
        with conn.begin():
            yield conn
    finally:
        conn.close()


# ---- who signs -------------------------------------------------------------------------

def signer(engine: Engine, event_id: int) -> tuple[str, bytes | None]:
    """(organiser, signature image or None) as the certificates will show them."""
    with engine.connect() as conn:
        found = issuer(conn, event_id)
    return found.organiser, found.signature


def save_signer(engine: Engine, event_id: int, organiser: str, signature: bytes | None, *,
                role: Role, actor: str = "", desk: str = "") -> None:
    """Set the organiser's name and signature image (None removes it), staff only; the
    image is checked as the event file's is. Journaled without the name or the image."""
    from checkin.core.programme.event_file import MAX_ORGANISER, signature_problem

    if not allows(role, Permission.EXPORT):
        raise CertificateRefused("the certificates' signer is set by staff")
    organiser = " ".join(organiser.split())
    if len(organiser) > MAX_ORGANISER:
        raise ValueError(f"the organiser's name is longer than {MAX_ORGANISER} characters")
    if signature is not None and (problem := signature_problem(signature)):
        raise ValueError("the signature is larger than 1 MB" if problem == "too_big"
                         else "the signature is not a PNG or JPEG image")
    with engine.begin() as conn:
        old = q.ISSUER.one(conn, e=event_id)
        if old is None:
            raise LookupError(f"no event with id {event_id}")
        old_organiser = old.organiser or ""
        old_signature = bytes(old.signature) if old.signature else None
        if organiser == old_organiser and signature == old_signature:
            return
        q.SET_SIGNER.run(conn, e=event_id, organiser=organiser, signature=signature,
                         now=utcnow())
        journal.write(conn, event_id, "certificate_signer", actor=actor, desk=desk,
                      subject="organiser and signature", details={
                          "organiser_changed": organiser != old_organiser,
                          "signature": ("kept" if signature == old_signature else
                                        "removed" if signature is None else "set")})
