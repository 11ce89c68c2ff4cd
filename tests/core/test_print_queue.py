"""The badges waiting at a desk: in scan order, each once, a failed one first in line again
and tried after RETRY_S (or at once when asked), never dropped."""

from checkin.core.badges.print_queue import NO_PRINTER, RETRY_S, BadgeQueue, QueuedBadge

ADA, BOB = QueuedBadge(1, "Ada Lovelace"), QueuedBadge(2, "Bob Marley")


def test_badges_print_one_at_a_time_in_scan_order_each_once():
    queue = BadgeQueue()
    assert queue.add(ADA) and queue.add(BOB)
    assert not queue.add(QueuedBadge(1, "Ada Lovelace"))  # scanned again while waiting
    assert queue.next_badge(0.0) == ADA
    assert queue.next_badge(0.0) is None  # one on the printing thread at a time
    assert not queue.add(ADA)  # scanned again while printing
    queue.printed("QL-820NWB")
    assert queue.next_badge(0.0) == BOB
    queue.printed("QL-820NWB")
    state = queue.state()
    assert queue.is_empty() and state.last_printed == BOB and state.last_printer == "QL-820NWB"


def test_a_badge_that_did_not_print_waits_first_in_line_and_is_tried_again():
    queue = BadgeQueue()
    queue.add(ADA)
    queue.add(BOB)
    queue.next_badge(10.0)
    queue.failed(NO_PRINTER, now=10.0)
    state = queue.state()
    assert state.waiting == (ADA, BOB) and state.problem == NO_PRINTER
    assert state.retry_at == 10.0 + RETRY_S
    assert queue.next_badge(10.0 + RETRY_S - 1) is None  # not before its time
    assert queue.next_badge(10.0 + RETRY_S) == ADA
    queue.failed("out of labels", now=30.0)
    queue.retry_now()  # the volunteer's Try again
    assert queue.next_badge(30.0) == ADA
    queue.printed("QL-820NWB")
    assert queue.state().problem == "" and queue.next_badge(30.0) == BOB


def test_a_badge_another_desk_printed_meanwhile_leaves_the_line_unprinted():
    queue = BadgeQueue()
    queue.add(ADA)
    queue.next_badge(0.0)
    queue.dropped()
    assert queue.is_empty() and queue.state().last_printed is None
