"""The coordinator's view: which rooms are full now, where seats are left, how the arrival
is going — refreshed from the store (every desk, any machine) without freezing the window.

Live numbers (rooms, venue totals) are read every REFRESH_MS on a pool thread, the totals
per category every CATEGORY_MS (a pass over the registrants: 0.1–0.2 s at 100 000), the
day's curves, desks and people to watch every SLOW_MS (a pass over the whole scan log,
about 0.9 s at 100 000 registrants). The curve's last point, "inside now", is the live
count: the line ends where the header's figure is, whatever the curve's age.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QMargins, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget, QSplitter,
    QStyledItemDelegate, QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.monitoring.arrivals import arrival_curve, desk_rates, flagged_arrivals
from checkin.core.clock import Clock, system_clock
from checkin.core.event_day import Listing, RoomsListing, long_date, rooms_listing
from checkin.core.monitoring.occupancy import (
    Occupancy, by_urgency, category_totals, fill, now_and_next, occupancy,
)
from checkin.ui.day_banner import dates_language
from checkin.ui.labels import english_plural
from checkin.ui.models.occupancy import FULL_AT, OccupancyModel
from checkin.ui.workers import Task, start

REFRESH_MS = 2000
CATEGORY_MS = 5000
SLOW_MS = 30_000
ALERT_LEVELS = (0.9, 1.0)


class FillBarDelegate(QStyledItemDelegate):
    """present/capacity drawn as a bar under the figures, over the row's colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        ratio = index.data(OccupancyModel.FillRole)
        if ratio is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        painter.save()
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if background is not None:
            painter.fillRect(opt.rect, background)
        r: QRect = opt.rect.adjusted(3, 5, -3, -5)
        painter.fillRect(r, QColor("#e6e6e6"))
        colour = "#c62828" if ratio >= FULL_AT else "#ef8f00" if ratio >= 0.8 else "#2e7d32"
        painter.fillRect(QRect(r.left(), r.top(), int(r.width() * min(1.0, ratio)), r.height()),
                         QColor(colour))
        painter.setPen(QColor("#000000") if ratio < 0.5 else QColor("#ffffff"))
        painter.drawText(r.adjusted(4, 0, -4, 0), int(Qt.AlignmentFlag.AlignCenter), opt.text)
        painter.restore()


class OccupancyView(QWidget):
    alert = Signal(str)   # a room crossed 90 % or 100 %: for the status bar

    def __init__(self, engine: Engine, event_id: int, tz: tzinfo, *, clock: Clock = system_clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("occupancyView")
        self._engine, self._event, self._tz, self._clock = engine, event_id, tz, clock
        self._levels: dict[int, int] = {}
        self._started = False
        self._fast: Task | None = None
        self._by_category: Task | None = None
        self._slow: Task | None = None
        self.last: Occupancy | None = None
        self._build()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._category_timer = QTimer(self)
        self._category_timer.timeout.connect(self.refresh_categories)
        self._slow_timer = QTimer(self)
        self._slow_timer.timeout.connect(self.refresh_breakdowns)

    @property
    def event_id(self) -> int:
        return self._event

    def start(self) -> None:
        self._started = True
        self.refresh()
        self._timer.start(REFRESH_MS)
        if self.isVisible():
            self._start_breakdowns()

    def stop(self) -> None:
        self._started = False
        for timer in (self._timer, self._category_timer, self._slow_timer):
            timer.stop()

    # The breakdowns are read while the tab is on screen only (a pass over the registrants
    # and one over the scan log); the live counts go on behind another tab, for the alerts.
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._started and not self._slow_timer.isActive():
            self._start_breakdowns()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._category_timer.stop()
        self._slow_timer.stop()

    def _start_breakdowns(self) -> None:
        self.refresh_categories()
        self.refresh_breakdowns()
        self._category_timer.start(CATEGORY_MS)
        self._slow_timer.start(SLOW_MS)

    # ---- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        v = QVBoxLayout(self)
        self.totals = QLabel(self)
        self.totals.setObjectName("venueTotals")
        self.totals.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.totals.setWordWrap(True)
        self.categories = QLabel(self)
        self.categories.setObjectName("categoryTotals")
        self.categories.setWordWrap(True)
        # Why only some sessions are listed: a coordinator who sees one row (or none)
        # must not think the others are lost.
        self.listing = QLabel(self)
        self.listing.setObjectName("roomsListing")
        self.listing.setWordWrap(True)
        self.listing.setStyleSheet("font-style: italic;")
        v.addWidget(self.totals)
        v.addWidget(self.categories)
        v.addWidget(self.listing)
        self.model = OccupancyModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("occupancyTable")
        self.table.setAccessibleName(self.tr("Rooms now and next"))
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(OccupancyModel.PRESENT, FillBarDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Rows as tall as their text needs: a 1600×900 screen lists a dozen sessions or more.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OccupancyModel.SESSION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(OccupancyModel.PRESENT, 140)
        # The rooms and, beside them, what needs the coordinator: alerts and people with an
        # attention note, wrapped to the column's width (a long room and title once needed
        # a horizontal scroll to be read). The day's charts under both, smaller.
        rooms = QSplitter(Qt.Orientation.Horizontal, self)
        rooms.addWidget(self.table)
        side = QWidget(rooms)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.alerts = _wrapping_list("occupancyAlerts", side)
        self.flagged = _wrapping_list("flaggedArrivals", side)
        for title, listing in ((self.tr("Alerts"), self.alerts),
                               (self.tr("Arrived, with an attention note"), self.flagged)):
            listing.setAccessibleName(title)
            column.addWidget(QLabel(title, side))
            column.addWidget(listing, 1)
        rooms.addWidget(side)
        rooms.setStretchFactor(0, 3)
        rooms.setStretchFactor(1, 1)
        rooms.setSizes([3000, 1000])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(rooms)
        self.charts = _Charts(split)
        split.addWidget(self.charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3000, 2000])
        v.addWidget(split, 1)

    # ---- refresh --------------------------------------------------------------------
    def refresh(self) -> None:
        if self._fast is not None:
            return
        engine, event, now = self._engine, self._event, self._clock()
        task = Task(lambda _p: occupancy(engine, event, now))
        task.signals.finished.connect(self._on_occupancy)
        task.signals.failed.connect(self._on_failed)
        self._fast = task
        start(task)

    def refresh_categories(self) -> None:
        if self._by_category is not None:
            return
        engine, event = self._engine, self._event
        task = Task(lambda _p: category_totals(engine, event))
        task.signals.finished.connect(self._on_categories)
        task.signals.failed.connect(lambda _m: setattr(self, "_by_category", None))
        self._by_category = task
        start(task)

    def refresh_breakdowns(self) -> None:
        if self._slow is not None:
            return
        engine, event, now = self._engine, self._event, self._clock()

        def work(_p):
            return (arrival_curve(engine, event, now), desk_rates(engine, event, now),
                    flagged_arrivals(engine, event))

        task = Task(work)
        task.signals.finished.connect(self._on_breakdowns)
        task.signals.failed.connect(lambda _m: setattr(self, "_slow", None))
        self._slow = task
        start(task)

    def busy(self) -> bool:
        return any(task is not None for task in (self._fast, self._by_category, self._slow))

    def _on_failed(self, message: str) -> None:
        self._fast = None
        self.totals.setText(self.tr("Store unreachable, retrying: %1").replace("%1", message))

    def _on_occupancy(self, occ: Occupancy) -> None:
        self._fast = None
        self.last = occ
        v = occ.venue
        # One count per phrase, each with its own plural (%Ln: "1 arrivée", "1 234 arrivées").
        self.totals.setText(" · ".join((
            english_plural(self.tr("%Ln inside now", "", v.inside), v.inside),
            english_plural(self.tr("%Ln arrived", "", v.arrived), v.arrived) + " "
            + english_plural(self.tr("of %Ln registered", "", v.registered), v.registered),
            english_plural(self.tr("%Ln not arrived yet", "", v.not_arrived), v.not_arrived),
            english_plural(self.tr("%Ln walk-in(s)", "", v.walk_ins), v.walk_ins))))
        listed = by_urgency(now_and_next(occ.sessions, occ.at))
        self.model.set_sessions(listed, self._tz)
        self.listing.setText(self._listing_text(rooms_listing(occ.sessions, occ.at, self._tz)))
        self.charts.show_inside_now(v.inside)
        self._raise_alerts(occ.at, listed)

    def _listing_text(self, listing: RoomsListing) -> str:
        kind = listing.kind
        at = f"{listing.next_start.astimezone(self._tz):%H:%M}" if listing.next_start else ""
        day = long_date(listing.event_day, dates_language()) if listing.event_day else ""
        if kind is Listing.NO_SESSIONS:
            return self.tr("The programme has no session yet.")
        if kind is Listing.OVER:
            return (self.tr("No session is listed: the event took place on %1 and all its "
                            "sessions are over.") if listing.on_another_day else
                    self.tr("No session is listed: all of today's sessions are over.")).replace("%1", day)
        text = {
            Listing.BEFORE_THE_DAY: self.tr("The event takes place on %1: until then, only its first "
                                            "sessions (at %2) are listed, as the next ones to start. "
                                            "The others will appear as their time comes."),
            Listing.NOW_AND_NEXT: self.tr("Only the sessions under way and the next ones to start "
                                          "(at %2) are listed. The others will appear as their time comes."),
            Listing.NEXT_ONLY: self.tr("No session is under way: only the next ones to start (at %2) "
                                       "are listed. The others will appear as their time comes."),
            Listing.NOW_ONLY: self.tr("Only the sessions under way are listed: no other session "
                                      "starts later today."),
        }[kind]
        return text.replace("%1", day).replace("%2", at)

    def _raise_alerts(self, at: datetime, listed: list) -> None:
        """Alerts for the sessions on the tab only: a room full this morning is no news
        in the afternoon."""
        for s in listed:
            ratio = fill(s)
            level = sum(1 for edge in ALERT_LEVELS if ratio is not None and ratio >= edge)
            before = self._levels.get(s.session_id, 0)
            self._levels[s.session_id] = level
            if level > before:
                text = (self.tr("%1 — %2 is full (%3/%4)") if level == 2 else
                        self.tr("%1 — %2 is at 90 % (%3/%4)"))
                text = (text.replace("%1", f"{at.astimezone(self._tz):%H:%M}")
                        .replace("%2", f"{s.room}: {s.title}").replace("%3", str(s.present))
                        .replace("%4", str(s.capacity)))
                self.alerts.insertItem(0, text)
                self.alert.emit(text)

    def _on_categories(self, by_category: dict[str, list[int]]) -> None:
        self._by_category = None
        self.categories.setText(" · ".join(
            self.tr("%1: %2/%3").replace("%1", name).replace("%2", str(a)).replace("%3", str(r))
            for name, (r, a, _i) in by_category.items()))

    def _on_breakdowns(self, result) -> None:
        self._slow = None
        curve, rates, flagged = result
        self.charts.show_curve(curve, self._tz, self.last.venue.inside if self.last else None)
        self.charts.show_rates(rates, self._clock(), self._tz)
        self.flagged.clear()
        for f in flagged:
            where = self.tr("inside") if f.inside else self.tr("left")
            self.flagged.addItem(f"{f.name} ({where}) — {f.attention_text}")


def _wrapping_list(name: str, parent: QWidget) -> QListWidget:
    """A list whose long lines wrap to its width instead of scrolling sideways."""
    listing = QListWidget(parent)
    listing.setObjectName(name)
    listing.setWordWrap(True)
    listing.setResizeMode(QListWidget.ResizeMode.Adjust)
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    listing.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return listing


class _Charts(QWidget):
    """Arrivals per slice and people inside over the day; scans per minute per desk.
    QtCharts is loaded here only: a desk that never opens this view never pays for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCharts import QChart, QChartView

        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.arrival_chart, self.desk_chart = QChart(), QChart()
        for chart, name in ((self.arrival_chart, "arrivalChart"), (self.desk_chart, "deskChart")):
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            chart.setMargins(QMargins(2, 2, 2, 2))  # the room goes to the curves, not the frame
            chart.layout().setContentsMargins(0, 0, 0, 0)
            chart.setBackgroundRoundness(0)
            view = QChartView(chart, self)
            view.setObjectName(name)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(180)
            h.addWidget(view, 1)
        self.arrival_chart.setTitle(self.tr("Arrivals and people inside"))
        self.desk_chart.setTitle(self.tr("Scans per minute, per desk"))

    def show_curve(self, curve, tz: tzinfo, inside_now: int | None = None) -> None:
        """The day so far; its last point is `inside_now` when given (the live count)."""
        from PySide6.QtCharts import QLineSeries

        chart = self.arrival_chart
        chart.removeAllSeries()
        arrivals, inside = QLineSeries(), QLineSeries()
        arrivals.setName(self.tr("arrivals per 5 minutes"))
        inside.setName(self.tr("inside"))
        for t, a, i in zip(curve.times(), curve.arrivals, curve.inside):
            ms = _axis_ms(t, tz)
            arrivals.append(ms, a)
            inside.append(ms, i)
        self._inside = inside
        if inside_now is not None and inside.count():
            inside.replace(inside.count() - 1, inside.at(inside.count() - 1).x(), inside_now)
        _plot(chart, [arrivals, inside])

    def show_inside_now(self, count: int) -> None:
        """Move the inside line's last point to the live count (read every two seconds,
        the curve every thirty), raising the axis if it went above."""
        inside = getattr(self, "_inside", None)
        if inside is None or not inside.count():
            return
        last = inside.at(inside.count() - 1)
        if int(last.y()) == count:
            return
        inside.replace(inside.count() - 1, last.x(), count)
        _fit_counts(self.arrival_chart)

    def show_rates(self, rates: dict[str, list[int]], now: datetime, tz: tzinfo) -> None:
        from PySide6.QtCharts import QLineSeries

        chart = self.desk_chart
        chart.removeAllSeries()
        series = []
        for desk, counts in sorted(rates.items()):
            line = QLineSeries()
            line.setName(desk)
            for i, n in enumerate(counts):
                line.append(_axis_ms(now - timedelta(minutes=len(counts) - i), tz), n)
            series.append(line)
        _plot(chart, series)


def _axis_ms(moment: datetime, tz: tzinfo) -> float:
    """QDateTimeAxis shows times in this computer's zone: shift them so that it shows the
    event's wall-clock time, whatever zone the desk's computer is set to."""
    event_offset = moment.astimezone(tz).utcoffset() or timedelta(0)
    local_offset = moment.astimezone().utcoffset() or timedelta(0)
    return (moment + event_offset - local_offset).timestamp() * 1000


def _plot(chart, series: list) -> None:
    from PySide6.QtCharts import QDateTimeAxis, QValueAxis

    for axis in chart.axes():
        chart.removeAxis(axis)
    x, y = QDateTimeAxis(), QValueAxis()
    x.setFormat("HH:mm")
    y.setLabelFormat("%d")
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for s in series:
        chart.addSeries(s)
        s.attachAxis(x)
        s.attachAxis(y)
    _fit_counts(chart)


def _fit_counts(chart) -> None:
    """The count axis from 0 to above the highest point, labelled on whole numbers only:
    "%d" of 0, 0.25, 0.5… printed "1 0 0 0 0" on an empty chart and "2 1 1 0 0" on a small
    one (issue 18)."""
    from PySide6.QtCharts import QValueAxis

    top = max([1] + [int(p.y()) for s in chart.series() for p in s.points()])
    high, step = whole_number_axis(top)
    for y in chart.axes(Qt.Orientation.Vertical):
        if isinstance(y, QValueAxis):
            y.setTickType(QValueAxis.TickType.TicksDynamic)
            y.setTickAnchor(0)
            y.setTickInterval(step)
            y.setRange(0, high)


def whole_number_axis(top: int, ticks: int = 5) -> tuple[int, int]:
    """(the axis's top, the step between its labels) for counts up to `top`: a step of 1,
    2 or 5 times a power of ten, about `ticks` labels, the top a whole number of steps
    above `top`, so that no two labels read the same."""
    rough = max(1, top) / ticks
    magnitude = 10 ** max(0, len(str(int(rough))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return step * (max(1, top) // step + 1), step
