"""A desk on the shared PostgreSQL server when the venue Wi-Fi fails (issue 19).

Every test runs the desk through a relay of its own (checkin/bench/relay.py) with TCP
keepalives off and no tcp_user_timeout, as on a Windows laptop: a silent link is never
noticed by the OS, only by the desk's own deadline. What a test checks is what the volunteer
and the coordinator would: the answer on time, and afterwards the server's scans — each
acknowledged scan there once, none twice, at the moment it was made.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.core.admission.desk_backend import DEADLINE, ScanRequest
from checkin.core.admission.desk_status import LinkState
from checkin.core.admission.offline_desk import OfflineDesk
from checkin.core.demo import load_demo
from checkin.store import open_store
from checkin.bench.relay import Relay, pg_target, pg_url_through

ATTENDEES = 60
SLACK = 0.5  # s: a thread's wake-up and a local commit on a busy CI machine


class Venue:
    """The server's database with the sample event, one relay per desk, and the desks."""

    def __init__(self, url: str, tmp: Path) -> None:
        self.url, self.tmp = url, tmp
        self.engine = open_store(url)
        self.event = load_demo(self.engine, ATTENDEES).event_id
        with self.engine.connect() as conn:
            self.codes = list(conn.execute(sa.text(
                "SELECT code FROM attendee WHERE event_id = :e AND status = 'registered' "
                "ORDER BY id"), {"e": self.event}).scalars())
        self.relay = Relay(pg_target(url))
        self._desks: list[OfflineDesk] = []

    def desk(self, name: str = "Accueil 1", clock: Callable[[], datetime] | None = None,
             **options) -> OfflineDesk:
        kwargs = dict(desk=name, probe_every=0.2, **options)
        if clock is not None:
            kwargs.update(clock=clock, wall=clock)
        made = OfflineDesk(pg_url_through(self.url, self.relay),
                           self.tmp / f"{name}.replica.sqlite3", self.event, **kwargs).start()
        self._desks.append(made)
        wait_for(lambda: made.status().replica_at is not None, "the first refresh")
        return made

    def scans(self) -> list[sa.Row]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.text(
                "SELECT uuid, code, result, kind, recorded_at, desk_time FROM scan "
                "WHERE event_id = :e ORDER BY id"), {"e": self.event}))

    def close(self) -> None:
        for desk in self._desks:
            desk.close()
        self.relay.close()
        self.engine.dispose()


def wait_for(done: Callable[[], bool], what: str, within: float = 15.0) -> None:
    end = time.monotonic() + within
    while not done():
        if time.monotonic() > end:
            raise AssertionError(f"{what}: not within {within} s")
        time.sleep(0.02)


def synced(desk: OfflineDesk) -> bool:
    status = desk.status()
    return status.state == LinkState.ONLINE and status.waiting == 0


@pytest.fixture
def venue(pg_url: str, tmp_path: Path) -> Iterator[Venue]:
    made = Venue(pg_url, tmp_path)
    try:
        yield made
    finally:
        made.close()


def timed_scan(desk: OfflineDesk, code: str, **request) -> tuple[float, str]:
    start = time.monotonic()
    decision = desk.decide(ScanRequest(code, "volunteer", **request))
    assert decision is not None
    return time.monotonic() - start, decision.answer.result


def test_a_link_gone_silent_mid_stream_answers_by_the_deadline_and_replays_once(venue):
    desk = venue.desk()
    codes = venue.codes
    for code in codes[:5]:
        assert timed_scan(desk, code)[1] == "admitted"
    venue.relay.blackhole()  # the Wi-Fi drops: nothing arrives, no error ever comes
    took, result = timed_scan(desk, codes[5])
    assert result == "admitted" and took < DEADLINE + SLACK
    for code in codes[6:20]:  # known offline now: decided on the replica at once
        took, result = timed_scan(desk, code)
        assert result == "admitted" and took < 0.5
    assert timed_scan(desk, codes[0])[1] == "already_in"  # the replica knew her, let in online
    assert desk.status().state == LinkState.OFFLINE and desk.status().waiting == 16
    assert len(venue.scans()) == 5  # nothing reached the server meanwhile

    venue.relay.pass_()  # the link is back
    wait_for(lambda: synced(desk), "replayed and online again", within=5 + SLACK)
    scans = venue.scans()
    assert [s.code for s in scans] == codes[:20] + [codes[0]]  # in the order made
    assert len({s.uuid for s in scans}) == len(scans)
    assert [s.result for s in scans].count("admitted") == 20
    assert timed_scan(desk, codes[20]) [1] == "admitted"
    assert len(venue.scans()) == 22  # online again: on the server at once


def test_a_server_gone_then_back_keeps_every_scan_and_walk_in(venue):
    desk = venue.desk()
    venue.relay.cut()       # the server restarts: every connection reset…
    venue.relay.drop_new()  # …and new ones hang until it is back
    results = [timed_scan(desk, code)[1] for code in venue.codes[:3]]
    walk_in = desk.decide(ScanRequest("", "volunteer", walk_in={
        "first_name": "Zoé", "last_name": "Hors-Ligne", "organisation": "Quartier Nord"}))
    assert walk_in is not None and walk_in.answer.result == "admitted"
    badge = walk_in.answer.code  # printed on her badge while offline
    assert walk_in.answer.attendee_id < 0  # a desk's own id: it names nobody on the server
    assert results == ["admitted"] * 3
    again = desk.decide(ScanRequest(badge, "volunteer"))  # her badge scanned again offline
    assert again is not None and again.answer.result == "already_in"
    undo = desk.decide(ScanRequest(venue.codes[2], "volunteer", undo=True))
    assert undo is not None and undo.answer.result == "undone"
    fixed = desk.correct(badge, first_name="Zoé", last_name="Hors-Ligne",  # a typo, offline
                         organisation="Quartier Nord-Est", operator="volunteer")
    assert fixed == {"organisation": ["Quartier Nord", "Quartier Nord-Est"]}
    assert desk.status().waiting == 7  # 3 scans, the walk-in, her badge, the undo, the fix

    venue.relay.pass_()
    wait_for(lambda: synced(desk), "replayed")
    with venue.engine.connect() as conn:
        person = conn.execute(sa.text(
            "SELECT a.first_name, a.last_name, a.organisation, p.inside FROM attendee a "
            "JOIN presence p ON p.attendee_id = a.id AND p.place = 0 WHERE a.code = :c"),
            {"c": badge}).one()
        inside = set(conn.execute(sa.text(
            "SELECT a.code FROM presence p JOIN attendee a ON a.id = p.attendee_id "
            "WHERE p.place = 0 AND p.inside")).scalars())
    assert tuple(person) == ("Zoé", "Hors-Ligne", "Quartier Nord-Est", True)
    assert inside == {venue.codes[0], venue.codes[1], badge}  # the undone one is not in
    assert [s.result for s in venue.scans()] == ["admitted"] * 4 + ["already_in", "undone"]
    with venue.engine.connect() as conn:
        journal = conn.execute(sa.text(
            "SELECT subject, desk FROM journal WHERE action = 'correct'")).all()
    assert [tuple(j) for j in journal] == [(badge, "Accueil 1")]  # journaled once, on the server


def test_a_commit_whose_reply_came_too_late_is_not_counted_twice(venue):
    desk = venue.desk()
    code = venue.codes[0]
    server = desk._server  # the server commits the scan; its reply is lost on the way back
    decide = server.decide

    def committed_then_silent(request, **kwargs):
        answer = decide(request, **kwargs)
        venue.relay.blackhole()
        time.sleep(DEADLINE + 1)
        return answer

    server.decide = committed_then_silent  # type: ignore[method-assign]
    took, result = timed_scan(desk, code)
    assert result == "admitted" and took < DEADLINE + SLACK
    assert len(venue.scans()) == 1  # the server had it: the desk could not know
    server.decide = decide  # type: ignore[method-assign]
    venue.relay.pass_()
    wait_for(lambda: synced(desk), "replayed")
    scans = venue.scans()
    assert len(scans) == 1 and scans[0].result == "admitted"  # the replay found its UUID
    with sa.create_engine(f"sqlite:///{desk.replica_path}").connect() as conn:
        sent = conn.execute(sa.text("SELECT local_result, server_result FROM outbox")).all()
    assert sent == [("admitted", "admitted")]


def test_scans_from_a_desk_whose_clock_is_wrong_line_up_with_the_servers(venue):
    late = timedelta(minutes=7)  # this laptop's clock is 7 minutes behind
    desk = venue.desk(clock=lambda: datetime.now(UTC) - late)
    venue.relay.blackhole()
    before = datetime.now(UTC)
    timed_scan(desk, venue.codes[0])
    timed_scan(desk, venue.codes[1])
    after = datetime.now(UTC)
    venue.relay.pass_()
    wait_for(lambda: synced(desk), "replayed")
    timed_scan(desk, venue.codes[2])  # and one online
    for scan in venue.scans():
        assert before - timedelta(seconds=1) <= scan.recorded_at <= datetime.now(UTC)
        assert abs((scan.recorded_at - scan.desk_time) - late) < timedelta(seconds=1)
    assert venue.scans()[1].recorded_at <= after


def test_the_replica_holds_no_email_nor_phone(venue):
    with venue.engine.begin() as conn:
        conn.execute(sa.text("UPDATE attendee SET email = 'secret.adresse@example.org', "
                             "phone = '+33 6 12 34 56 78' WHERE code = :c"), {"c": venue.codes[0]})
    desk = venue.desk()
    desk.close()
    files = list(venue.tmp.glob("Accueil 1.replica.sqlite3*"))
    assert files
    for path in files:
        data = path.read_bytes()
        assert b"secret.adresse" not in data and b"12 34 56 78" not in data


def test_a_walk_in_registered_online_is_known_offline_by_the_servers_id(venue):
    desk = venue.desk()
    online = desk.decide(ScanRequest("", "volunteer", walk_in={
        "first_name": "Inès", "last_name": "Sur-Place"}))
    assert online is not None and online.answer.result == "admitted"
    venue.relay.blackhole()
    again = desk.decide(ScanRequest(online.answer.code, "volunteer"))
    assert again is not None and again.answer.result == "already_in"
    assert again.answer.attendee_id == online.answer.attendee_id > 0  # the same person
