"""The relay that plays venue Wi-Fi (checkin/bench/relay.py), and the hang it shows.

First the relay itself, against a local echo server: what each mode lets through. Then,
through it, the real test PostgreSQL server: a query on a link gone silent never returns
by itself — with keepalives off and no tcp_user_timeout, nothing in the OS or the driver
ends the wait; only an outside event (here cut()) does. That is the field condition of
issue 19: the desk's own deadline must decide, never a socket.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy as sa

from checkin.bench.relay import Relay, pg_target, pg_url_through, relay

WAIT = 1.0  # how long "nothing arrives" is watched for, in the relay's own tests


class EchoServer:
    """Sends back what it gets; counts connections and bytes received, to see what the
    relay let through on the server's side."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.address = self.sock.getsockname()[:2]
        self.accepted = 0
        self.received = bytearray()
        self.peers: list[socket.socket] = []
        self.errors: list[OSError] = []
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    def _accept(self) -> None:
        while True:
            try:
                peer, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.peers.append(peer)
            thread = threading.Thread(target=self._echo, args=(peer,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _echo(self, peer: socket.socket) -> None:
        try:
            while data := peer.recv(65536):
                self.received += data
                peer.sendall(data)
        except OSError as exc:
            self.errors.append(exc)

    def close(self) -> None:
        self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        self._accepter.join(timeout=5)
        for peer in self.peers:
            peer.close()
        for thread in self._threads:
            thread.join(timeout=5)


@pytest.fixture
def echo() -> Iterator[EchoServer]:
    server = EchoServer()
    yield server
    server.close()


@pytest.fixture
def link(echo: EchoServer) -> Iterator[Relay]:
    with relay(echo.address) as r:
        yield r


def connect(r: Relay) -> socket.socket:
    client = socket.create_connection(r.address, timeout=5)
    return client


def receive(client: socket.socket, size: int, timeout: float = 5.0) -> bytes:
    client.settimeout(timeout)
    data = b""
    while len(data) < size:
        chunk = client.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def nothing_arrives(client: socket.socket, within: float = WAIT) -> bool:
    client.settimeout(within)
    try:
        client.recv(1)
    except TimeoutError:
        return True
    return False


def relay_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("relay:")]


def test_bytes_pass_both_ways_in_order(link: Relay, echo: EchoServer) -> None:
    with connect(link) as client:
        payload = os.urandom(3_000_000)  # more than any socket buffer: the relay must pace it
        sender = threading.Thread(target=client.sendall, args=(payload,))
        sender.start()
        assert receive(client, len(payload)) == payload
        sender.join(timeout=5)
    assert echo.received == payload


def test_blackhole_forwards_nothing_either_way_and_keeps_the_connection_open(
        link: Relay, echo: EchoServer) -> None:
    with connect(link) as client:
        client.sendall(b"ping")
        assert receive(client, 4) == b"ping"
        link.blackhole()
        client.sendall(b"lost?")  # the send succeeds: nothing tells the client
        echo.peers[0].sendall(b"from the server")  # the other way is silent too
        assert nothing_arrives(client)
        assert bytes(echo.received) == b"ping"
        assert link.open_connections() == 1 and echo.errors == []
        # The link comes back: the held bytes go on, in order, as TCP would retransmit them.
        link.pass_()
        assert receive(client, len(b"from the serverlost?")) == b"from the serverlost?"
    assert bytes(echo.received) == b"pinglost?"


def test_blackhole_holds_new_connections_too(link: Relay, echo: EchoServer) -> None:
    link.blackhole()
    with connect(link) as client:  # the handshake completes: a lost link is not a refusal
        client.sendall(b"hello")
        assert nothing_arrives(client)
        link.pass_()
        assert receive(client, 5) == b"hello"


def test_delay_holds_each_chunk_at_least_that_long_both_ways(link: Relay) -> None:
    link.delay(0.3)
    with connect(link) as client:
        for _ in range(2):
            started = time.monotonic()
            client.sendall(b"x")
            assert receive(client, 1) == b"x"
            assert time.monotonic() - started >= 0.6  # 0.3 there, 0.3 back; no upper bound
        link.pass_()
        client.sendall(b"y")
        assert receive(client, 1) == b"y"


def test_cut_resets_the_client_and_the_server(link: Relay, echo: EchoServer) -> None:
    with connect(link) as client:
        client.sendall(b"a")
        assert receive(client, 1) == b"a"
        link.cut()
        client.settimeout(5)
        with pytest.raises(ConnectionResetError):
            client.recv(1)
        deadline = time.monotonic() + 5
        while not echo.errors and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [type(e) for e in echo.errors] == [ConnectionResetError]
        assert link.open_connections() == 0
    with connect(link) as again:  # the mode is unchanged: a new connection works
        again.sendall(b"b")
        assert receive(again, 1) == b"b"


def test_drop_new_leaves_new_connections_unanswered_and_old_ones_working(
        link: Relay, echo: EchoServer) -> None:
    with connect(link) as old:
        old.sendall(b"1")
        assert receive(old, 1) == b"1"
        link.drop_new()
        with connect(link) as new:  # accepted…
            new.sendall(b"anyone?")
            assert nothing_arrives(new)  # …and never answered
            assert echo.accepted == 1  # it never reached the server
            old.sendall(b"2")
            assert receive(old, 1) == b"2"
            link.pass_()  # a dropped connection stays dead; only new ones pass again
            assert nothing_arrives(new, 0.2)
            link.cut()
            with pytest.raises(ConnectionResetError):
                new.settimeout(5)
                new.recv(1)
    with connect(link) as later:
        later.sendall(b"3")
        assert receive(later, 1) == b"3"


def test_close_leaves_no_thread_and_no_socket(echo: EchoServer) -> None:
    def open_fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    before = open_fds()
    for _ in range(20):
        r = Relay(echo.address)
        client = connect(r)
        client.sendall(b"z")
        assert receive(client, 1) == b"z"
        r.blackhole()
        r.close()
        r.close()  # idempotent
        client.close()
    assert relay_threads() == []
    # The echo server keeps its side of each connection until it closes; ours are gone.
    assert open_fds() - before <= len(echo.peers)
    with pytest.raises(RuntimeError):
        r.pass_()


def test_pg_url_through_turns_keepalives_off_and_never_sets_tcp_user_timeout() -> None:
    with relay(("127.0.0.1", 1)) as r:
        url = pg_url_through(
            "postgresql+psycopg://checkin:pw@db.example:5432/ev?tcp_user_timeout=9000", r)
    u = sa.make_url(url)
    assert (u.host, u.port, u.password, u.database) == ("127.0.0.1", r.port, "pw", "ev")
    assert dict(u.query) == {"keepalives": "0"}
    assert pg_target("postgresql+psycopg://checkin@127.0.0.1:54329/x") == ("127.0.0.1", 54329)


# --- through the relay, the real test PostgreSQL server --------------------------------------

@pytest.fixture
def pg_link(pg_url: str) -> Iterator[tuple[Relay, str]]:
    """A relay to the test server and a libpq URL through it (keepalives off)."""
    with relay(pg_target(pg_url)) as r:
        libpq = sa.make_url(pg_url_through(pg_url, r)).set(drivername="postgresql")
        yield r, libpq.render_as_string(hide_password=False)


def test_psycopg_works_through_the_relay(pg_link: tuple[Relay, str]) -> None:
    r, url = pg_link
    with psycopg.connect(url, connect_timeout=5) as conn:
        assert conn.execute("SELECT 41 + 1").fetchone() == (42,)
        options = {o.keyword.decode(): (o.val or b"").decode() for o in conn.pgconn.info}
        assert options["keepalives"] == "0" and options["tcp_user_timeout"] in ("", "0")
        assert conn.info.port == r.port
        r.delay(0.2)
        started = time.monotonic()
        assert conn.execute("SELECT 1").fetchone() == (1,)
        assert time.monotonic() - started >= 0.4


def test_a_query_on_a_silent_link_hangs_until_the_connection_is_cut(
        pg_link: tuple[Relay, str]) -> None:
    r, url = pg_link
    conn = psycopg.connect(url, connect_timeout=5, autocommit=True)
    try:
        assert conn.execute("SELECT 1").fetchone() == (1,)
        r.blackhole()
        outcome: list[object] = []

        def query() -> None:
            try:
                outcome.append(conn.execute("SELECT 2").fetchone())
            except Exception as exc:  # what the cut makes of it, checked below
                outcome.append(exc)

        watchdog = threading.Thread(target=query, daemon=True)
        started = time.monotonic()
        watchdog.start()
        watchdog.join(timeout=3)
        # The hang, documented: no answer, no error, no timeout — 3 s and still waiting.
        assert watchdog.is_alive() and outcome == []
        r.cut()
        watchdog.join(timeout=5)
        assert not watchdog.is_alive()
        assert len(outcome) == 1 and isinstance(outcome[0], psycopg.OperationalError), outcome
        assert time.monotonic() - started >= 3
    finally:
        conn.close()


def test_connecting_while_new_connections_are_dropped_waits_for_connect_timeout(
        pg_link: tuple[Relay, str]) -> None:
    """connect_timeout does end a connection attempt (unlike a query on an open one)."""
    r, url = pg_link
    r.drop_new()
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
    assert time.monotonic() - started >= 1.5
