"""Badges (issue 7): layouts from TOML files, a badge planned once in millimetres, drawn as
a Pillow image for the desk's printer or laid out on sheets in a PDF. No Qt here."""

from checkin.core.badges.layout import Layout, LayoutError, available_layouts, find_layout, load_layout
from checkin.core.badges.plan import BadgeData, BadgePlan, plan_badge, qr_matrix
from checkin.core.badges.raster import render_badge

__all__ = ["BadgeData", "BadgePlan", "Layout", "LayoutError", "available_layouts", "find_layout",
           "load_layout", "plan_badge", "qr_matrix", "render_badge"]
