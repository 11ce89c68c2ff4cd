"""A TCP relay between a desk and its server that fails the way venue Wi-Fi fails.

Unplugging a cable is not the field condition: the OS sees the link go down and every socket
errors at once. Venue Wi-Fi fails silently — the access point drops the desk, roams it, or
keeps it associated while passing nothing — and the desk's sockets stay open with nothing
arriving, ever. The relay plays that and its neighbours, switchable at any moment:

- `pass_()` (alias `forward()`): bytes go through as they come; also what ends every other
  mode — the link is back. (`pass` is a Python keyword, hence the underscore.)
- `blackhole()`: the lost link. Connections stay open, bytes are read and held, nothing is
  forwarded either way, no RST, no FIN. New connections are accepted (the kernel completes
  the handshake) and held the same way. When `pass_()` comes back the held bytes go on, in
  order, as TCP retransmission delivers them when a real link returns: the stream is never
  corrupted, only stalled. Because the relay's own kernel acknowledges everything, neither
  keepalives nor tcp_user_timeout could detect this stall even if enabled — stricter than a
  real link, on purpose: only the desk's own deadline may rescue it (issue 19).
- `delay(seconds)`: a congested or distant link (a desk on a 4G hotspot, a server across
  town). Each chunk is held that long after it was read, in both directions, in order.
- `drop_new()`: the server host is unreachable for new conversations while old ones live —
  a server rebooting behind a switch that still accepts, a full listen backlog, a firewall
  or NAT that lost its table. New connections are accepted, then never answered (what they
  send is read and discarded; they never reach the target). Existing connections carry on.
  `cut()` then `drop_new()` is a server that went away: the old sessions die, reconnecting
  hangs until connect_timeout.
- `cut()`: every open connection is reset at once (SO_LINGER 0: RST, not FIN), both to the
  client and to the target — a server restart, a NAT or access point that forgets its flows
  and answers the next packet with a reset. The mode is left as it was.
- `close()`: stop the relay, reset whatever is open, join its thread. Nothing leaks: one
  thread and one selector per relay, every socket closed, so tests may make hundreds.

All sockets are handled by one background thread around a selector; the control methods
post a command, wake the thread and wait until it is applied, so when `blackhole()` returns
not one more byte is forwarded.

`pg_url_through(url, relay)` gives a PostgreSQL URL through the relay with TCP keepalives
off and no tcp_user_timeout, so that a test is never rescued by the OS (Windows desks have
no tcp_user_timeout; keepalives default to two hours anyway); connect_timeout is left to
what the app sets.
"""

from __future__ import annotations

import collections
import contextlib
import selectors
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

import sqlalchemy as sa

_CHUNK = 65536
_LINGER_RST = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends RST


def _reset(sock: socket.socket) -> None:
    """Close with RST (no FIN): what a peer sees when the other end forgets the connection."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RST)
    sock.close()


class _Leg:
    """One direction of a connection: what was read from `src`, waiting to go to `dst`."""

    def __init__(self, src: socket.socket, dst: socket.socket | None) -> None:
        self.src = src
        self.dst = dst
        self.pending: collections.deque[tuple[float, bytes]] = collections.deque()  # (due, data)
        self.eof = False       # src said FIN: pass it on once pending is sent
        self.shut = False      # FIN passed on to dst


class _Conn:
    """A client connection and, unless dropped, its connection to the target."""

    def __init__(self, client: socket.socket, upstream: socket.socket | None) -> None:
        self.client = client
        self.upstream = upstream
        self.dropped = upstream is None
        self.up = _Leg(client, upstream)      # client -> target
        self.down = _Leg(upstream, client) if upstream else None  # target -> client

    def sockets(self) -> list[socket.socket]:
        return [s for s in (self.client, self.upstream) if s is not None]


class Relay:
    """Listens on 127.0.0.1:`port` and forwards to `target`; see the module docstring."""

    def __init__(self, target: tuple[str, int], host: str = "127.0.0.1") -> None:
        self.target = target
        self._listener = socket.create_server((host, 0))
        self._listener.setblocking(False)
        self.host, self.port = self._listener.getsockname()[:2]
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._listener, selectors.EVENT_READ, "accept")
        self._selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._commands: collections.deque[tuple[Callable[[], None], threading.Event]] = (
            collections.deque())
        self._lock = threading.Lock()
        self._conns: dict[socket.socket, _Conn] = {}  # both sockets of a connection -> it
        self._reading: set[socket.socket] = set()     # not yet at EOF
        self._blocked: set[socket.socket] = set()     # a send to it would block
        self._registered: set[socket.socket] = set()  # in the selector
        # Mode, read and written on the relay's thread only (commands change it there).
        self._forwarding = True
        self._delay = 0.0
        self._accept_new = True
        self._stopping = False
        self.accepted = 0  # connections accepted so far, dropped ones included
        self._thread = threading.Thread(target=self._run, name=f"relay:{self.port}", daemon=True)
        self._thread.start()

    # --- control (any thread) -----------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def pass_(self) -> None:
        """Forward everything, at once; held bytes go on first, in order."""
        self._apply(lambda: self._set(forwarding=True, delay=0.0, accept_new=True))

    forward = pass_

    def blackhole(self) -> None:
        """The lost link: read and hold, forward nothing, keep every socket open."""
        self._apply(lambda: self._set(forwarding=False))

    def delay(self, seconds: float) -> None:
        """Hold each chunk `seconds` after it was read, both ways (and forward again)."""
        if seconds < 0:
            raise ValueError("a delay cannot be negative")
        self._apply(lambda: self._set(forwarding=True, delay=float(seconds)))

    def drop_new(self) -> None:
        """New connections are accepted and never answered; open ones carry on."""
        self._apply(lambda: self._set(accept_new=False))

    def cut(self) -> None:
        """Reset (RST) every open connection, both sides; the mode stays as it was."""
        self._apply(self._cut_all)

    def open_connections(self) -> int:
        """Client connections currently open through the relay (dropped ones included)."""
        result: list[int] = []
        self._apply(lambda: result.append(len({id(c) for c in self._conns.values()})))
        return result[0]

    def close(self) -> None:
        """Stop: reset every connection, close the listener, join the thread. Idempotent."""
        if self._thread.is_alive():
            self._apply(self._stop)
            self._thread.join(timeout=10)
        if self._thread.is_alive():  # pragma: no cover - a bug in the loop
            raise RuntimeError("the relay thread did not stop")

    def __enter__(self) -> Relay:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _apply(self, command: Callable[[], None]) -> None:
        if not self._thread.is_alive():
            raise RuntimeError("the relay is closed")
        done = threading.Event()
        with self._lock:
            self._commands.append((command, done))
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")
        if not done.wait(timeout=10):  # pragma: no cover - a bug in the loop
            raise RuntimeError("the relay thread did not answer")

    # --- the loop (the relay's thread) --------------------------------------------------

    def _set(self, *, forwarding: bool | None = None, delay: float | None = None,
             accept_new: bool | None = None) -> None:
        if forwarding is not None:
            self._forwarding = forwarding
        if delay is not None:
            self._delay = delay
        if accept_new is not None:
            self._accept_new = accept_new

    def _run(self) -> None:
        try:
            while not self._stopping:
                self._flush_all()
                for key, mask in self._selector.select(self._timeout()):
                    if key.data == "accept":
                        self._accept()
                    elif key.data == "wake":
                        self._run_commands()
                    elif mask & selectors.EVENT_READ:
                        self._read(key.fileobj)  # type: ignore[arg-type]
                    # EVENT_WRITE: room again; the next _flush_all sends
                    if self._stopping:
                        break
        finally:
            self._cut_all()
            self._selector.close()
            self._listener.close()
            self._wake_r.close()
            self._wake_w.close()
            with self._lock:  # nobody waits on a stopped relay
                for _, done in self._commands:
                    done.set()
                self._commands.clear()

    def _timeout(self) -> float | None:
        """Until the next delayed chunk is due; None (wait for a socket) when none is."""
        if not self._forwarding:
            return None
        due = [leg.pending[0][0] for conn in set(self._conns.values())
               for leg in (conn.up, conn.down)
               if leg and leg.pending and leg.dst not in self._blocked]
        return max(0.0, min(due) - time.monotonic()) if due else None

    def _run_commands(self) -> None:
        with contextlib.suppress(BlockingIOError):
            while self._wake_r.recv(4096):
                pass
        while True:
            with self._lock:
                if not self._commands:
                    return
                command, done = self._commands.popleft()
            try:
                command()
            finally:
                done.set()

    def _stop(self) -> None:
        self._stopping = True

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        self.accepted += 1
        upstream = None
        if self._accept_new:
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)  # the target refuses: so does the relay
                return
            upstream.setblocking(False)
        client.setblocking(False)
        conn = _Conn(client, upstream)
        for sock in conn.sockets():
            self._conns[sock] = conn
            self._reading.add(sock)
            self._interest(sock)

    def _interest(self, sock: socket.socket) -> None:
        """(Re)register `sock` for what it is waiting on: bytes to read, room to write."""
        events = ((selectors.EVENT_READ if sock in self._reading else 0)
                  | (selectors.EVENT_WRITE if sock in self._blocked else 0))
        registered = sock in self._registered
        if events and registered:
            self._selector.modify(sock, events, "data")
        elif events:
            self._selector.register(sock, events, "data")
            self._registered.add(sock)
        elif registered:
            self._selector.unregister(sock)
            self._registered.discard(sock)

    def _read(self, sock: socket.socket) -> None:
        conn = self._conns.get(sock)
        if conn is None or sock not in self._reading:
            return
        leg = conn.up if sock is conn.client else conn.down
        assert leg is not None
        try:
            data = sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:  # reset by that peer: reset the other one too
            self._drop(conn)
            return
        if not data:
            leg.eof = True  # for a dropped connection, never passed on
            self._reading.discard(sock)
            self._interest(sock)
        elif not conn.dropped:  # a dropped connection is never answered: its bytes vanish
            leg.pending.append((time.monotonic() + self._delay, data))

    def _flush_all(self) -> None:
        if not self._forwarding:
            return
        for conn in list(set(self._conns.values())):
            if conn.dropped:
                continue
            for leg in (conn.up, conn.down):
                if leg is not None and not self._flush(conn, leg):
                    break

    def _flush(self, conn: _Conn, leg: _Leg) -> bool:
        """Send what is due; pass a FIN on once all is sent. False if the conn is gone."""
        dst = leg.dst
        assert dst is not None
        now = time.monotonic()
        while leg.pending and leg.pending[0][0] <= now:
            due, data = leg.pending[0]
            try:
                sent = dst.send(data)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError:  # that peer reset: reset the other one too
                self._drop(conn)
                return False
            if sent < len(data):  # the peer reads slower: wait until it has room
                leg.pending[0] = (due, data[sent:])
                if dst not in self._blocked:
                    self._blocked.add(dst)
                    self._interest(dst)
                return True
            leg.pending.popleft()
        if dst in self._blocked:
            self._blocked.discard(dst)
            self._interest(dst)
        if leg.eof and not leg.pending and not leg.shut:
            leg.shut = True
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)
        other = conn.down if leg is conn.up else conn.up
        if leg.shut and other is not None and other.shut:
            self._forget(conn, graceful=True)
            return False
        return True

    def _drop(self, conn: _Conn) -> None:
        self._forget(conn, graceful=False)

    def _forget(self, conn: _Conn, *, graceful: bool) -> None:
        """Unregister and close both sockets: gracefully when both sides said FIN, else RST."""
        for sock in conn.sockets():
            self._conns.pop(sock, None)
            self._reading.discard(sock)
            self._blocked.discard(sock)
            if sock in self._registered:
                self._registered.discard(sock)
                with contextlib.suppress(KeyError, ValueError, OSError):
                    self._selector.unregister(sock)
            if graceful:
                sock.close()
            else:
                _reset(sock)

    def _cut_all(self) -> None:
        for conn in list(set(self._conns.values())):
            self._drop(conn)


@contextlib.contextmanager
def relay(target: tuple[str, int]) -> Iterator[Relay]:
    """A relay to `target` for the time of the block, closed (and its thread joined) after."""
    r = Relay(target)
    try:
        yield r
    finally:
        r.close()


def pg_target(url: str) -> tuple[str, int]:
    """(host, port) of a PostgreSQL URL: what a relay to that server forwards to."""
    u = sa.make_url(url)
    return u.host or "127.0.0.1", u.port or 5432


def pg_url_through(url: str, through: Relay | RelayProcess) -> str:
    """`url` (a SQLAlchemy PostgreSQL URL) reaching its server through `through`, with
    TCP keepalives off and no tcp_user_timeout: nothing in the OS notices a stalled link,
    as on a Windows desk. connect_timeout is left as given (the app sets its own)."""
    u = sa.make_url(url)
    query = {k: v for k, v in u.query.items() if k not in ("tcp_user_timeout", "keepalives")}
    query["keepalives"] = "0"
    return (u.set(host=through.host, port=through.port, query=query)
            .render_as_string(hide_password=False))


class RelayProcess:
    """The same relay in a process of its own, driven by lines on its stdin. A desk measured
    beside it then shares no interpreter with it, as in the field, where no relay runs in
    the desk's process: in-process, the relay's thread took the desk's offline p99 from
    about 1.2–1.6 ms to 3.7–8.6 ms (issue 19)."""

    def __init__(self, target: tuple[str, int]) -> None:
        import subprocess
        import sys

        self._proc = subprocess.Popen(
            [sys.executable, "-m", "checkin.bench.relay", target[0], str(target[1])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._proc.stdout is not None
        self.host, self.port = "127.0.0.1", int(self._proc.stdout.readline())

    def _do(self, *command: str) -> None:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(" ".join(command) + "\n")
        self._proc.stdin.flush()
        if self._proc.stdout.readline().strip() != "ok":
            raise RuntimeError(f"the relay process did not do {command}")

    def pass_(self) -> None:
        self._do("pass")

    def blackhole(self) -> None:
        self._do("blackhole")

    def delay(self, seconds: float) -> None:
        self._do("delay", repr(seconds))

    def close(self) -> None:
        if self._proc.poll() is None:
            self._do("quit")
        self._proc.wait(timeout=10)


def _serve(host: str, port: str) -> None:
    """`python -m checkin.bench.relay HOST PORT`: a relay to HOST:PORT; prints its own port,
    then does `pass`, `blackhole`, `delay S`, `quit`, one per line, answering `ok`."""
    import sys

    relay = Relay((host, int(port)))
    print(relay.port, flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "quit":
            relay.close()
            print("ok", flush=True)
            return
        if command == "delay":
            relay.delay(float(args[0]))
        else:
            {"pass": relay.pass_, "blackhole": relay.blackhole}[command]()
        print("ok", flush=True)
    relay.close()


if __name__ == "__main__":
    import sys as _sys

    _serve(*_sys.argv[1:3])
