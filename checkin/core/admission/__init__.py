"""Deciding at the entrance and at session doors: the scan, the door's rules, where a person goes next."""
