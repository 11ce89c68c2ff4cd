<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="40" />
        <source>Store: %1</source>
        <translation>Base de données : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="53" />
        <source>No event in this store yet</source>
        <translation>Aucun événement dans cette base</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="58" />
        <source>Load the sample event (the IREV Pop-Up in Amiens, with %1 made-up registrants) to try the desk, or load your own programme from the command line.</source>
        <translation>Chargez l'événement exemple (le Pop-Up de l'IREV à Amiens, avec %1 inscrits fictifs) pour essayer l'accueil, ou chargez votre propre programme depuis la ligne de commande.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="63" />
        <location filename="../../checkin/ui/main_window.py" line="189" />
        <source>Load the sample event</source>
        <translation>Charger l'événement exemple</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="89" />
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="105" />
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="125" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="126" />
        <source>Load the &amp;sample event</source>
        <translation>Charger l'événement &amp;exemple</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="129" />
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="134" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="138" />
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="139" />
        <source>&amp;About checkin</source>
        <translation>À &amp;propos de checkin</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="173" />
        <source>%1 registered · %2 cancelled · %3 sessions</source>
        <translation>%1 inscrits · %2 annulés · %3 sessions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="190" />
        <source>Add the sample event to this store? Your data stays as it is.</source>
        <translation>Ajouter l'événement exemple à cette base ? Vos données restent telles quelles.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="192" />
        <source>Loading the sample event…</source>
        <translation>Chargement de l'événement exemple…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="216" />
        <source>The sample event could not be loaded</source>
        <translation>L'événement exemple n'a pas pu être chargé</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="222" />
        <source>About checkin</source>
        <translation>À propos de checkin</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="223" />
        <source>checkin %1 — check-in desk for one-day, multi-track events.</source>
        <translation>checkin %1 — accueil et émargement pour les événements d'une journée à plusieurs parcours.</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="36" />
        <source>Time</source>
        <translation>Horaire</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="36" />
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="36" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="36" />
        <source>Track</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="37" />
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="37" />
        <source>Seats</source>
        <translation>Places</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="37" />
        <source>Booked</source>
        <translation>Inscrits</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="37" />
        <source>Waitlist</source>
        <translation>Liste d'attente</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="41" />
        <source>Plenary</source>
        <translation>Plénière</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="42" />
        <source>Track session</source>
        <translation>Session de parcours</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="43" />
        <source>Network workshop</source>
        <translation>Atelier réseau</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="44" />
        <source>Contest</source>
        <translation>Concours</translation>
    </message>
</context>
</TS>