"""The registrant's answer to "do you live in a quartier prioritaire (QPV)?", as exports hold it.

Politique-de-la-ville funders count the share of QPV residents; a ticketing form asks it
as a custom question ("Résident QPV", "Quartier prioritaire"…) with yes/no answers in any
spelling. An answer the importer cannot read stays *unknown* and is reported: a guessed
"no" would lower the share the funder reads, and nobody would know.
"""

from __future__ import annotations

from checkin.core.text import fold
from checkin.store.vocabulary import QpvResidence

# Column names and question labels, French and English; compared squashed (folded, then
# without spaces or dots), so "Résident-QPV", "RESIDENT QPV" and "RésidentQPV" are one.
HEADERS = (
    "Résident QPV", "Résidente QPV", "Résident·e QPV", "Quartier prioritaire", "QPV",
    "Habitant QPV", "Habitante QPV", "Habitant·e QPV", "Résident d'un quartier prioritaire",
    "Habitant d'un quartier prioritaire", "Résident quartier prioritaire",
    "Quartier prioritaire de la ville", "Quartier prioritaire de la politique de la ville",
    "Résident en QPV", "Habite en QPV", "Habite un QPV", "Habite un quartier prioritaire",
    "QPV resident", "Resident QPV", "Lives in a priority neighbourhood",
    "Lives in a priority neighborhood", "Priority neighbourhood resident",
    "Priority neighborhood resident",
)
_YES = frozenset({"oui", "yes", "vrai", "true", "1", "x", "o", "y"})
_NO = frozenset({"non", "no", "faux", "false", "0", "n"})


def _squash(text: str) -> str:
    return fold(text).replace(" ", "").replace(".", "")


_HEADERS = frozenset(_squash(h) for h in HEADERS)


def is_qpv_header(header: str) -> bool:
    """Whether a column (or a question's label) asks where the registrant lives."""
    return bool(header) and _squash(header) in _HEADERS


def read_answer(value: str) -> str | None:
    """A cell's text -> "yes", "no", "unknown" (empty), or None when it says something else."""
    folded = " ".join(fold(value).replace(".", " ").split())  # "Oui." is oui
    if not folded:
        return QpvResidence.UNKNOWN
    if folded in _YES:
        return QpvResidence.YES
    if folded in _NO:
        return QpvResidence.NO
    return None


def examples(unclear: dict[str, int], lang: str = "fr", n: int = 5) -> str:
    """« Ne sait pas » (3), « Amiens Nord » (1): the most frequent unread answers first."""
    top = sorted(unclear.items(), key=lambda kv: -kv[1])[:n]
    quote = "«\u00a0{}\u00a0»" if lang == "fr" else "\"{}\""
    more = " …" if len(unclear) > n else ""
    return ", ".join(f"{quote.format(value)} ({count})" for value, count in top) + more
