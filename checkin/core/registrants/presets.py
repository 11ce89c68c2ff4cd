"""Ticketing exports, as their columns are really named, mapped to registrant fields.

A preset is recognised from the header (enough of its signature columns are present) and
maps each column to a field. Question columns ("Champ additionnel: Atelier", "Atelier
choisi #131474", pretix question names) are matched by their label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checkin.core.registrants.qpv import is_qpv_header
from checkin.core.text import fold

# Registrant fields a column can fill. "choice" columns name sessions or tracks (enrollments);
# buyer_* fill what the attendee columns leave empty; "qpv" is the answer to "do you live
# in a quartier prioritaire?" (checkin.core.registrants.qpv reads it).
FIELDS = (
    "code", "source_id", "source_order", "first_name", "last_name", "full_name", "email",
    "phone", "organisation", "job_title", "profession", "category", "city", "postcode",
    "notes", "attention", "attention_text", "consent", "status", "registered_at", "choice",
    "buyer_first_name", "buyer_last_name", "buyer_email", "qpv", "ignore",
)


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    signature: tuple[str, ...]  # folded headers that identify the export
    columns: dict[str, str]     # folded header -> field
    min_signature: int = 3
    prefixes: dict[str, str] = field(default_factory=dict)  # folded "prefix:" -> field for label


def _f(mapping: dict[str, str]) -> dict[str, str]:
    return {fold(k): v for k, v in mapping.items()}


WEEZEVENT = Preset(
    "weezevent", "Weezevent",
    signature=tuple(fold(h) for h in ("Code-barres", "Nom participant", "Prénom participant",
                                      "Email participant", "Tarif", "Groupe de tarif")),
    columns=_f({
        "Code-barres": "code", "Nom participant": "last_name", "Prénom participant": "first_name",
        "Email participant": "email", "Tarif": "category", "Groupe de tarif": "ignore",
        "Date de commande": "registered_at", "Nom acheteur": "buyer_last_name",
        "Prénom acheteur": "buyer_first_name", "Email acheteur": "buyer_email",
        "Id billet": "source_id", "ID commande": "source_order", "Statut": "status",
    }),
)

HELLOASSO_LEGACY = Preset(
    "helloasso", "HelloAsso",
    signature=tuple(fold(h) for h in ("Numéro", "Formule", "Nom", "Prénom", "Statut")),
    columns=_f({
        "Numéro": "source_id", "Formule": "category", "Nom": "last_name", "Prénom": "first_name",
        "Société": "organisation", "Email": "email", "Statut": "status", "Date": "registered_at",
        "Montant": "ignore", "Moyen de paiement": "ignore",
    }),
    min_signature=4,
    prefixes={fold("Champ additionnel"): "question"},
)

HELLOASSO = Preset(
    "helloasso", "HelloAsso",
    signature=tuple(fold(h) for h in ("Référence commande", "Date de la commande",
                                      "Statut de la commande", "Tarif", "Nom payeur")),
    columns=_f({
        "Référence commande": "source_order", "Date de la commande": "registered_at",
        "Statut de la commande": "status", "Tarif": "category",
        "Nom participant": "last_name", "Prénom participant": "first_name",
        "Nom adhérent": "last_name", "Prénom adhérent": "first_name",
        "Email participant": "email", "Email adhérent": "email",
        "Nom payeur": "buyer_last_name", "Prénom payeur": "buyer_first_name",
        "Email payeur": "buyer_email", "Numéro de billet": "code", "Montant tarif": "ignore",
        "Code Promo": "ignore", "Moyen de paiement": "ignore",
    }),
)

EVENTBRITE = Preset(
    "eventbrite", "Eventbrite",
    signature=tuple(fold(h) for h in ("Order #", "Order Date", "First Name", "Last Name",
                                      "Ticket Type", "Attendee #", "Attendee Status")),
    columns=_f({
        "Order #": "source_order", "Order Date": "registered_at", "First Name": "first_name",
        "Last Name": "last_name", "Email": "email", "Quantity": "ignore",
        "Ticket Type": "category", "Attendee #": "source_id", "Barcode #": "code",
        "Attendee Status": "status", "Job Title": "job_title", "Company": "organisation",
        "Cell Phone": "phone", "Home City": "city", "Home Zip": "postcode",
        "Total Paid": "ignore", "Fees Paid": "ignore", "Eventbrite Fees": "ignore",
        "Eventbrite Payment Processing": "ignore", "Attendee Notes": "notes",
    }),
)

PRETIX = Preset(
    "pretix", "pretix",
    signature=tuple(fold(h) for h in ("Order code", "Position ID", "Attendee name", "Product",
                                      "Ticket secret", "Secret", "Attendee email")),
    columns=_f({
        "Order code": "source_order", "Position ID": "source_id", "Attendee name": "full_name",
        "Attendee email": "email", "E-mail": "buyer_email", "Email": "buyer_email",
        "Company": "organisation", "Product": "category", "Ticket secret": "code",
        "Secret": "code", "Requires special attention": "attention", "Comment": "attention_text",
        "Order status": "status", "Status": "status", "Order date": "registered_at",
        "Phone number": "phone", "City": "city", "ZIP code": "postcode", "Variation": "ignore",
        "Price": "ignore", "Voucher": "ignore", "Seat ID": "ignore",
    }),
    prefixes={fold("Attendee name"): "name_part", fold("Invoice address"): "ignore"},
)

PRESETS = (WEEZEVENT, HELLOASSO, HELLOASSO_LEGACY, EVENTBRITE, PRETIX)
PRESET_NAMES = ("weezevent", "helloasso", "eventbrite", "pretix", "generic")

# Column names of hand-made spreadsheets (and question labels), folded, French and English.
GENERIC = _f({
    "Code": "code", "Code billet": "code", "Billet": "code", "Ticket": "code", "QR": "code",
    "Code-barres": "code", "Barcode": "code", "Nom": "last_name", "Nom de famille": "last_name",
    "Last name": "last_name", "Surname": "last_name", "Family name": "last_name",
    "Prénom": "first_name", "First name": "first_name", "Given name": "first_name",
    "Nom complet": "full_name", "Name": "full_name", "Full name": "full_name",
    "Email": "email", "E-mail": "email", "Courriel": "email", "Mail": "email",
    "Adresse email": "email", "Adresse e-mail": "email",
    "Téléphone": "phone", "Tel": "phone", "Portable": "phone", "Mobile": "phone", "Phone": "phone",
    "Société": "organisation", "Organisation": "organisation", "Organisme": "organisation",
    "Structure": "organisation", "Entreprise": "organisation", "Company": "organisation",
    "Organization": "organisation", "Employeur": "organisation", "Collectivité": "organisation",
    "Fonction": "job_title", "Poste": "job_title", "Job title": "job_title", "Titre": "job_title",
    "Métier": "profession", "Profession": "profession", "Réseau": "profession",
    "Catégorie": "category", "Category": "category", "Type": "category", "Profil": "category",
    "Ville": "city", "Commune": "city", "City": "city", "Code postal": "postcode", "CP": "postcode",
    "Postcode": "postcode", "Zip": "postcode", "ZIP code": "postcode",
    "Remarques": "notes", "Commentaire": "notes", "Notes": "notes",
    "Attention": "attention_text", "Besoin particulier": "attention_text",
    "Besoins spécifiques": "attention_text", "Accessibilité": "attention_text",
    "Handicap": "attention_text", "Régime alimentaire": "attention_text",
    "Consentement": "consent", "RGPD": "consent", "Consent": "consent",
    "Atelier": "choice", "Atelier choisi": "choice", "Ateliers": "choice", "Parcours": "choice",
    "Session": "choice", "Sessions": "choice", "Workshop": "choice", "Track": "choice",
    "Session du matin": "choice", "Session de l'après-midi": "choice",
    "Parcours du matin": "choice", "Parcours de l'après-midi": "choice",
    "Statut": "status", "Status": "status", "Identifiant": "source_id", "ID": "source_id",
})

_QUESTION_ID = re.compile(r"\s*#\s*\d+\s*$")


def question_label(header: str) -> str:
    """'Atelier choisi #131474' -> 'Atelier choisi' (Weezevent numbers its questions)."""
    return _QUESTION_ID.sub("", header)


def generic_field(label: str) -> str | None:
    """The field a hand-made column or a question's label names, if any."""
    return GENERIC.get(fold(label)) or ("qpv" if is_qpv_header(label) else None)


def detect_preset(header: list[str]) -> Preset | None:
    folded = {fold(h) for h in header}
    best: tuple[int, Preset] | None = None
    for preset in PRESETS:
        hits = sum(1 for s in preset.signature if s in folded)
        if hits >= preset.min_signature and (best is None or hits > best[0]):
            best = (hits, preset)
    return best[1] if best else None


def preset_by_name(name: str, header: list[str]) -> Preset | None:
    """--preset NAME; for HelloAsso, the legacy or newer layout that fits the header."""
    candidates = [p for p in PRESETS if p.name == name]
    if not candidates:
        return None
    folded = {fold(h) for h in header}
    return max(candidates, key=lambda p: sum(1 for s in p.signature if s in folded))


def map_columns(header: list[str], preset: Preset | None) -> dict[str, str]:
    """Column -> field for every column that means something; the rest is ignored."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    single = {"code", "first_name", "last_name", "full_name", "email", "category", "source_id",
              "qpv"}
    for column in header:
        if not column:
            continue
        folded = fold(column)
        target = None
        if preset is not None:
            target = preset.columns.get(folded)
            if target is None:
                for prefix, kind in preset.prefixes.items():
                    if folded.startswith(prefix + " ") or folded == prefix:
                        label = folded[len(prefix):].strip()
                        target = _name_part(label) if kind == "name_part" else (
                            generic_field(label) if kind == "question" else "ignore")
                        break
        if target is None:
            target = generic_field(question_label(column))
        if target is None or target == "ignore":
            continue
        if target in single and target in taken:
            continue  # the first column of a kind wins (e.g. pretix "Secret" after "Ticket secret")
        mapping[column] = target
        taken.add(target)
    return mapping


def _name_part(label: str) -> str | None:
    if label in ("given name", "first name", "prenom"):
        return "first_name"
    if label in ("family name", "last name", "nom", "surname"):
        return "last_name"
    return None
