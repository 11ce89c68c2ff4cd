"""Sample badges for the README, one per shipped layout:

    .venv/bin/python tools/badge_samples.py

Draws made-up people of the sample event (accents, apostrophes, a very long name) with
the same renderer the desk prints with, at 150 dpi, and saves small palette PNGs into
resources/screenshots/badges/.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from checkin.core.badges import BadgeData, available_layouts, render_badge
from checkin.core.programme.event_file import sample_event_path

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots" / "badges"
DPI = 150
PEOPLE = {  # layout: (first, last, organisation, category key, track)
    "a6": ("Hélène", "Dupré-Lefèvre", "Ville d'Amiens — Direction de l'économie", "participant",
           "Émergence et création"),
    "a7": ("Jean-Noël", "L'Hôte", "BGE Picardie", "intervenant", "Coopération"),
    "insert-4x3in": ("Awa", "N'Diaye", "Le Courrier picard", "presse", ""),
    "label-80x50": ("Marie-Éléonore Françoise Clémence",
                    "de La Rochefoucauld-Montmorency-Laval d’Orléans",
                    "Œuvre française pour l’économie sociale et solidaire", "porteur-de-projet",
                    "Dynamiques commerciales"),
    "durable-1456": ("François", "Œillet", "Amiens Métropole", "benevole", ""),
    "brother-ql-62x100": ("Cécile", "Bâton", "Fondation de France", "jury", "Territoires"),
    "dymo-30856": ("Loïc", "Lefèvre-Çelik", "Caisse des dépôts", "organisateur",
                   "Potentiel urbain"),
}


def main() -> None:
    event = tomllib.loads(sample_event_path().read_text(encoding="utf-8"))
    categories = {c["key"]: c for c in event["categories"]}
    OUT.mkdir(parents=True, exist_ok=True)
    for i, layout in enumerate(available_layouts()):
        first, last, org, cat, track = PEOPLE[layout.key]
        data = BadgeData(code=f"PU{7340021 + i * 7919:08d}", first_name=first, last_name=last,
                         organisation=org, category_key=cat,
                         category_label=categories[cat]["badge_label"],
                         colour=categories[cat]["colour"], track=track,
                         event_name=event["event"]["name"])
        image = render_badge(data, layout, DPI)
        # A thin grey outline shows the badge's edge on a white page.
        framed = image.copy()
        from PIL import ImageDraw

        ImageDraw.Draw(framed).rectangle((0, 0, image.width - 1, image.height - 1),
                                         outline=(190, 190, 190))
        path = OUT / f"{layout.key}.png"
        framed.quantize(colors=48, dither=0).save(path, optimize=True)
        print(f"{path.relative_to(OUT.parent.parent.parent)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
