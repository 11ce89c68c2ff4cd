"""Fuzzing what reaches ScanService.scan: a scanner in the wrong keyboard layout, a badge
glued over another, a cat on the keyboard, a webcam decoding noise.

Whatever arrives, the desk must get an answer (never an exception), the answer names the
code as cleaned (so the volunteer sees what was read), and exactly one row is logged per
call — the log is the proof of attendance and must not miss or double a scan.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkin.core.admission.scan import ScanService, clean_code
from tests.helpers.stores import count, demo_store

pytestmark = pytest.mark.slow

CONTROL = st.text(alphabet=st.sampled_from("\x00\x01\x07\x08\t\n\r\x0b\x0c\x1b\x7f\x85\u200b\u2028\ufeff"),
                  max_size=4)
# Surrogate-free unicode (hypothesis leaves surrogates out of text by default).
NOISE = st.one_of(st.text(max_size=40), CONTROL,
                  st.text(min_size=1, max_size=16).map(lambda s: (s * (10_000 // len(s) + 1))[:10_000]))


@pytest.fixture
def desk(engine: sa.Engine) -> tuple[sa.Engine, ScanService, list[str]]:
    event, codes = demo_store(engine, 30)
    return engine, ScanService(engine, event, desk="fuzz"), codes


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), exit=st.booleans(), undo=st.integers(0, 9))
def test_any_scanner_input_gets_one_answer_and_one_row(desk, data, exit: bool, undo: int) -> None:
    engine, service, codes = desk
    raw = data.draw(st.one_of(
        NOISE,
        # a real badge read with noise around it: still the person
        st.tuples(CONTROL, st.sampled_from(codes), CONTROL).map("".join)))
    before = count(engine, "SELECT count(*) FROM scan")
    answer = service.undo_last(raw) if undo == 0 else service.scan(raw, exit=exit)
    assert answer.code == clean_code(raw)
    assert len(answer.code) <= 256 and answer.code.isprintable()
    assert count(engine, "SELECT count(*) FROM scan") == before + 1
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT code, result FROM scan WHERE id = :i"),
                              {"i": answer.scan_id}).one()
    assert tuple(stored) == (answer.code, answer.result)
    if answer.code in codes:
        assert answer.attendee_id is not None
