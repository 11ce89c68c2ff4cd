"""The rules of check-in, without Qt: programme, registrants, scans, badges, exports."""
