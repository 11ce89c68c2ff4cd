<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BadgeBatchDialog</name>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="273"/>
        <source>Print badges</source>
        <translation>Imprimer les badges</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="287"/>
        <source>Everybody</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="290"/>
        <source>Only people who have no badge yet</source>
        <translation>Seulement les personnes qui n’ont pas encore de badge</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="299"/>
        <source>Layout</source>
        <translation>Modèle de badge</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="300"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="308"/>
        <source>Scan or type a ticket code</source>
        <translation>Scannez ou tapez un code de billet</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="309"/>
        <source>Ticket code</source>
        <translation>Code du billet</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="311"/>
        <source>Print this badge…</source>
        <translation>Imprimer ce badge…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="316"/>
        <source>One person</source>
        <translation>Une personne</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="318"/>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="336"/>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/badge_printing.py" line="337"/>
        <source>%n badge(s)</source>
        <translation>
            <numerusform>%n badge</numerusform>
            <numerusform>%n badges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/badge_printing.py" line="338"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/badge_printing.py" line="399"/>
        <source>%n badge(s) saved to %1.</source>
        <translation>
            <numerusform>%n badge enregistré dans %1.</numerusform>
            <numerusform>%n badges enregistrés dans %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/badge_printing.py" line="402"/>
        <source>%n of them had a badge already.</source>
        <translation>
            <numerusform>Dont %n qui avait déjà un badge.</numerusform>
            <numerusform>Dont %n qui avaient déjà un badge.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="344"/>
        <source>Save the badges</source>
        <translation>Enregistrer les badges</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="377"/>
        <source>No ticket %1 in this event.</source>
        <translation>Aucun billet %1 dans cet événement.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="382"/>
        <source>Badge of %1 sent to the printer.</source>
        <translation>Badge de %1 envoyé à l’imprimante.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="385"/>
        <source>Badge of %1 saved to %2.</source>
        <translation>Badge de %1 enregistré dans %2.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="411"/>
        <source>The badges were not saved: %1</source>
        <translation>Les badges n’ont pas été enregistrés : %1</translation>
    </message>
</context>
<context>
    <name>BadgePrinting</name>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="53"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="217"/>
        <source>No printer: save the badge as a PDF</source>
        <translation>Aucune imprimante : enregistrer le badge en PDF</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/badge_printing.py" line="221"/>
        <source>The badge was not saved</source>
        <translation>Le badge n’a pas été enregistré</translation>
    </message>
</context>
<context>
    <name>CertificateMaker</name>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="65"/>
        <location filename="../../checkin/ui/certificate_dialog.py" line="95"/>
        <location filename="../../checkin/ui/certificate_dialog.py" line="99"/>
        <location filename="../../checkin/ui/certificate_dialog.py" line="106"/>
        <source>Attendance certificate</source>
        <translation>Attestation de présence</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="70"/>
        <source>Scan the badge or find the person first: the certificate is for the person shown at the desk.</source>
        <translation>Scannez le badge ou cherchez d’abord la personne : l’attestation est celle de la personne affichée à l’accueil.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="79"/>
        <source>Save the attendance certificate</source>
        <translation>Enregistrer l’attestation de présence</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="80"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="96"/>
        <source>%1 was never scanned in (entrance or session door): there is no attendance certificate to make.</source>
        <translation>%1 n’a jamais été scanné·e (entrée ou porte d’une session) : il n’y a pas d’attestation de présence à établir.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="100"/>
        <source>Nobody has this code in the event.</source>
        <translation>Personne n’a ce code dans l’événement.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="107"/>
        <source>Not written:</source>
        <translation>Non enregistrée :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="123"/>
        <source>Attendance certificate written: %1</source>
        <translation>Attestation de présence enregistrée : %1</translation>
    </message>
</context>
<context>
    <name>CertificatesDialog</name>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="136"/>
        <source>Attendance certificates</source>
        <translation>Attestations de présence</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="146"/>
        <source>One certificate for each person scanned in at the entrance or at a session&apos;s door: the times on site, the sessions attended, the organiser&apos;s name and signature.</source>
        <translation>Une attestation pour chaque personne scannée à l’entrée ou à la porte d’une session : ses heures sur le site, les sessions suivies, le nom et la signature de l’organisateur.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="154"/>
        <source>One PDF per person, in a folder</source>
        <translation>Un PDF par personne, dans un dossier</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="155"/>
        <source>All in one PDF</source>
        <translation>Toutes dans un seul PDF</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="158"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="159"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="163"/>
        <source>&amp;Organiser and signature…</source>
        <translation>&amp;Organisateur et signature…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="166"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="167"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="168"/>
        <source>Signed by</source>
        <translation>Signée par</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="180"/>
        <source>&amp;Make the certificates…</source>
        <translation>&amp;Établir les attestations…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="184"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="193"/>
        <source>Certificates hold personal data: staff only.</source>
        <translation>Les attestations contiennent des données personnelles : réservées à l’équipe organisatrice.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="210"/>
        <source>no organiser&apos;s name set</source>
        <translation>aucun nom d’organisateur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="211"/>
        <source>signature image set</source>
        <translation>image de signature enregistrée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="212"/>
        <source>no signature image</source>
        <translation>pas d’image de signature</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="226"/>
        <source>Folder for the certificates</source>
        <translation>Dossier des attestations</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="231"/>
        <source>Save the certificates</source>
        <translation>Enregistrer les attestations</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="232"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="240"/>
        <source>Making the certificates…</source>
        <translation>Attestations en cours…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/certificate_dialog.py" line="246"/>
        <source>%n certificate(s) written: %1</source>
        <translation>
            <numerusform>%n attestation enregistrée : %1</numerusform>
            <numerusform>%n attestations enregistrées : %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="252"/>
        <source>Not written, nothing was saved:</source>
        <translation>Rien n’a été enregistré :</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="23"/>
        <source>Correct name</source>
        <translation>Corriger le nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="26"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="27"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="28"/>
        <source>Organisation</source>
        <translation>Structure</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="30"/>
        <source>&amp;First name</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="31"/>
        <source>&amp;Last name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="32"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Structure</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="33"/>
        <source>The correction is recorded with this desk&apos;s name; reprint the badge afterwards.</source>
        <translation>La correction est enregistrée avec le nom de ce poste ; réimprimez ensuite le badge.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/correct_dialog.py" line="39"/>
        <source>Save correction</source>
        <translation>Enregistrer la correction</translation>
    </message>
</context>
<context>
    <name>DayBanner</name>
    <message>
        <location filename="../../checkin/ui/day_banner.py" line="29"/>
        <source>language of dates: en</source>
        <translation>language of dates: fr</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/day_banner.py" line="96"/>
        <source>Warning: the event takes place on %1, not today (%2). Scans are recorded all the same.</source>
        <translation>Attention : l&apos;événement a lieu le %1, pas aujourd&apos;hui (%2). Les entrées sont quand même enregistrées.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/day_banner.py" line="98"/>
        <source>Warning: the event took place on %1, not today (%2). Scans are recorded all the same.</source>
        <translation>Attention : l&apos;événement a eu lieu le %1, pas aujourd&apos;hui (%2). Les entrées sont quand même enregistrées.</translation>
    </message>
</context>
<context>
    <name>DeskPrinting</name>
    <message>
        <location filename="../../checkin/ui/desk_printing.py" line="175"/>
        <source>Badge saved: %1</source>
        <translation>Badge enregistré : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_printing.py" line="185"/>
        <source>Badge of %1 printed on %2</source>
        <translation>Badge de %1 imprimé sur %2</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_printing.py" line="201"/>
        <source>Badge printing failed: %1</source>
        <translation>L’impression du badge a échoué : %1</translation>
    </message>
</context>
<context>
    <name>DeskView</name>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="142"/>
        <location filename="../../checkin/ui/desk_view.py" line="143"/>
        <source>Ticket code</source>
        <translation>Code du billet</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="147"/>
        <source>Search by name, organisation or code</source>
        <translation>Rechercher par nom, structure ou code</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="149"/>
        <source>Scan a badge, or type a name, an organisation or a code…</source>
        <translation>Scannez un badge, ou tapez un nom, une structure ou un code…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="159"/>
        <source>&amp;Undo last scan</source>
        <translation>A&amp;nnuler le dernier scan</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="160"/>
        <source>&amp;Walk-in…</source>
        <translation>&amp;Inscription sur place…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="161"/>
        <source>&amp;Correct name…</source>
        <translation>&amp;Corriger le nom…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="162"/>
        <source>Check &amp;out</source>
        <translation>&amp;Sortie</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="163"/>
        <source>&amp;Reprint badge</source>
        <translation>Réimprimer le &amp;badge</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="164"/>
        <source>Ca&amp;mera</source>
        <translation>Ca&amp;méra</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="169"/>
        <source>Admit &amp;anyway</source>
        <translation>Faire &amp;entrer quand même</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="174"/>
        <source>Coordinator: admit despite a full room or an audience restriction (journaled) (F7)</source>
        <translation>Coordination : faire entrer malgré une salle complète ou un public réservé (tracé au journal) (F7)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="217"/>
        <source>Link to the shared server</source>
        <translation>Liaison avec le serveur partagé</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="178"/>
        <source>Scanning at:</source>
        <translation>Scan à :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="191"/>
        <source>People found</source>
        <translation>Personnes trouvées</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="197"/>
        <source>Nobody found: check the spelling, or register a walk-in (F2).</source>
        <translation>Aucune personne trouvée : vérifiez l’orthographe, ou inscrivez la personne sur place (F2).</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="221"/>
        <location filename="../../checkin/ui/desk_view.py" line="226"/>
        <source>Last answers at this desk</source>
        <translation>Dernières réponses à ce poste</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="278"/>
        <source>Correct name</source>
        <translation>Corriger le nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="362"/>
        <source>Corrected: %1 — reprint the badge (F5)</source>
        <translation>Corrigé : %1 — réimprimez le badge (F5)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="457"/>
        <source>Camera unavailable: %1</source>
        <translation>Caméra indisponible : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="384"/>
        <source>The database is slow to answer: the scan is waiting…</source>
        <translation>La base de données tarde à répondre : le scan attend…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="273"/>
        <source>The database did not answer: %1</source>
        <translation>La base de données n’a pas répondu : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="375"/>
        <source>Let %1 into “%2” anyway? The override is journaled under your role.</source>
        <translation>Faire entrer %1 dans « %2 » quand même ? La dérogation est enregistrée avec votre rôle.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/desk_view.py" line="377"/>
        <source>Admit anyway</source>
        <translation>Faire entrer quand même</translation>
    </message>
</context>
<context>
    <name>DoorBanner</name>
    <message>
        <location filename="../../checkin/ui/door_banner.py" line="49"/>
        <source>seats left: …</source>
        <translation>places libres : …</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/door_banner.py" line="51"/>
        <source>no seat limit</source>
        <translation>sans limite de places</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/door_banner.py" line="53"/>
        <source>seats left: %1</source>
        <translation>places libres : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/door_banner.py" line="54"/>
        <source>DOOR of %1 — %2 %3 · %4</source>
        <translation>PORTE de %1 — %2 %3 · %4</translation>
    </message>
</context>
<context>
    <name>DoorChoice</name>
    <message>
        <location filename="../../checkin/ui/door_choice.py" line="22"/>
        <source>Scanning at</source>
        <translation>Scan à</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/door_choice.py" line="35"/>
        <source>Venue entrance</source>
        <translation>Entrée du lieu</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/door_choice.py" line="38"/>
        <source>Door: %1</source>
        <translation>Porte : %1</translation>
    </message>
</context>
<context>
    <name>EmptyPage</name>
    <message>
        <location filename="../../checkin/ui/empty_page.py" line="15"/>
        <source>No event in this store yet</source>
        <translation>Aucun événement dans cette base</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/empty_page.py" line="20"/>
        <source>Load the sample event (the IREV Pop-Up in Amiens, with %1 made-up registrants) to try the desk, or load your own programme from the command line.</source>
        <translation>Chargez l&apos;événement exemple (le Pop-Up de l&apos;IREV à Amiens, avec %1 inscriptions fictives) pour essayer l&apos;accueil, ou chargez votre propre programme depuis la ligne de commande.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/empty_page.py" line="25"/>
        <source>Load the sample event</source>
        <translation>Charger l&apos;événement exemple</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="35"/>
        <location filename="../../checkin/ui/export_dialog.py" line="80"/>
        <location filename="../../checkin/ui/export_dialog.py" line="154"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="44"/>
        <source>Attendance per person</source>
        <translation>Présences par personne</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="45"/>
        <source>Attendance per session</source>
        <translation>Présences par session</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="46"/>
        <source>Registrants who did not come</source>
        <translation>Personnes inscrites absentes</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="47"/>
        <source>Walk-ins</source>
        <translation>Inscriptions sur place</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="48"/>
        <source>Full scan log</source>
        <translation>Journal complet des scans</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="49"/>
        <source>Funders&apos; statistics</source>
        <translation>Statistiques pour les financeurs</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="50"/>
        <source>Sign-in sheets per session (PDF)</source>
        <translation>Feuilles d&apos;émargement par session (PDF)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="67"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="68"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="71"/>
        <location filename="../../checkin/ui/export_dialog.py" line="81"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="72"/>
        <source>All sessions</source>
        <translation>Toutes les sessions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="77"/>
        <source>For French Excel (semicolon separator)</source>
        <translation>Pour Excel en français (séparateur point-virgule)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="82"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="83"/>
        <source>Column headers</source>
        <translation>En-têtes de colonnes</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="96"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="100"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="108"/>
        <source>Exports hold personal data: staff only.</source>
        <translation>Les exports contiennent des données personnelles : réservés à l&apos;équipe (staff).</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="165"/>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/export_dialog.py" line="174"/>
        <source>Not exported, nothing was written:</source>
        <translation>Export non fait, rien n&apos;a été écrit :</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../checkin/ui/labels.py" line="35"/>
        <source>ticket code</source>
        <translation>code du billet</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="36"/>
        <source>platform id</source>
        <translation>identifiant billetterie</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="37"/>
        <source>order number</source>
        <translation>n° de commande</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="38"/>
        <source>first name</source>
        <translation>prénom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="39"/>
        <source>last name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="40"/>
        <source>full name</source>
        <translation>nom complet</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="41"/>
        <source>email</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="42"/>
        <source>phone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="43"/>
        <source>organisation</source>
        <translation>structure</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="44"/>
        <source>job title</source>
        <translation>fonction</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="45"/>
        <source>profession</source>
        <translation>métier</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="46"/>
        <source>category (ticket type)</source>
        <translation>catégorie (tarif)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="47"/>
        <source>city</source>
        <translation>ville</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="48"/>
        <source>postcode</source>
        <translation>code postal</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="49"/>
        <source>notes</source>
        <translation>remarques</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="50"/>
        <source>needs attention (yes/no)</source>
        <translation>à signaler (oui/non)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="51"/>
        <source>attention text</source>
        <translation>texte à signaler</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="52"/>
        <source>consent (yes/no)</source>
        <translation>consentement (oui/non)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="53"/>
        <source>status (cancelled…)</source>
        <translation>statut (annulé…)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="54"/>
        <source>order date</source>
        <translation>date de commande</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="55"/>
        <source>session or track chosen</source>
        <translation>session ou parcours choisi</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="56"/>
        <source>buyer&apos;s first name</source>
        <translation>prénom de l&apos;acheteur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="57"/>
        <source>buyer&apos;s last name</source>
        <translation>nom de l&apos;acheteur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="58"/>
        <source>buyer&apos;s email</source>
        <translation>e-mail de l&apos;acheteur</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="50"/>
        <source>Import registrants</source>
        <translation>Importer des inscriptions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="63"/>
        <source>File: %1</source>
        <translation>Fichier : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="64"/>
        <location filename="../../checkin/ui/import_dialog.py" line="67"/>
        <source>Layout</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="68"/>
        <source>Recognised from the header</source>
        <translation>Reconnu d&apos;après l&apos;en-tête</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="76"/>
        <source>Columns and first rows</source>
        <translation>Colonnes et premières lignes</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="78"/>
        <source>First row: what each column holds (change it if needed). Below: the first rows of the file.</source>
        <translation>Première ligne : ce que contient chaque colonne (modifiable). En dessous : les premières lignes du fichier.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="91"/>
        <source>&amp;Check (writes nothing)</source>
        <translation>&amp;Vérifier (sans rien enregistrer)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="93"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="95"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="112"/>
        <source>This file cannot be imported:</source>
        <translation>Ce fichier ne peut pas être importé :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="129"/>
        <source>holds</source>
        <translation>contient</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="132"/>
        <source>Field for column %1</source>
        <translation>Champ de la colonne %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="133"/>
        <source>(not imported)</source>
        <translation>(non importée)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="148"/>
        <source>lives in a QPV (yes/no)</source>
        <translation>réside en QPV (oui/non)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="174"/>
        <source>Say which column holds the names (last name, first name or full name).</source>
        <translation>Indiquez quelle colonne contient les noms (nom, prénom ou nom complet).</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="205"/>
        <source>Check only, nothing was written. The import would give:</source>
        <translation>Vérification seule, rien n&apos;a été enregistré. L&apos;import donnerait :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="206"/>
        <source>Imported:</source>
        <translation>Importé :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="211"/>
        <source>row %1: %2</source>
        <translation>ligne %1 : %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/import_dialog.py" line="215"/>
        <source>%n QPV answer(s) not understood, left unknown: %1</source>
        <translation>
            <numerusform>%n réponse QPV non comprise, laissée inconnue : %1</numerusform>
            <numerusform>%n réponses QPV non comprises, laissées inconnues : %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/ui/import_dialog.py" line="225"/>
        <source>Not imported, nothing was written:</source>
        <translation>Non importé, rien n&apos;a été enregistré :</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="74"/>
        <source>Store: %1</source>
        <translation>Base de données : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="425"/>
        <source>Load the sample event</source>
        <translation>Charger l&apos;événement exemple</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="108"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="81"/>
        <source>The shared server did not answer at the start: this desk checks people in from its copy of the event and sends the scans once the server answers. Start checkin again with the network back for the other tasks.</source>
        <translation>Le serveur partagé n&apos;a pas répondu au démarrage : ce poste accueille à partir de sa copie de l&apos;événement et enverra les scans dès que le serveur répondra. Relancez checkin une fois le réseau revenu pour les autres tâches.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="124"/>
        <source>Desk</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="125"/>
        <source>Programme and seats</source>
        <translation>Programme et places</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="155"/>
        <source>%1 · desk %2</source>
        <translation>%1 · poste %2</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="158"/>
        <source>no staff PIN set: any role can be chosen</source>
        <translation>aucun code PIN d&apos;équipe : tout rôle peut être choisi</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="172"/>
        <location filename="../../checkin/ui/main_window.py" line="179"/>
        <source>Switch role</source>
        <translation>Changer de rôle</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="173"/>
        <source>Coordinator and staff roles ask for their PIN once one has been set (Desk ▸ Set a role&apos;s PIN, as staff).</source>
        <translation>Les rôles coordination et équipe organisatrice demandent leur code PIN dès qu&apos;il a été défini (Poste ▸ Définir le code PIN d&apos;un rôle, en tant qu&apos;équipe organisatrice).</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="179"/>
        <source>Wrong PIN: the role is unchanged.</source>
        <translation>Code PIN erroné : le rôle n&apos;a pas changé.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="186"/>
        <location filename="../../checkin/ui/main_window.py" line="192"/>
        <source>Set a role&apos;s PIN</source>
        <translation>Définir le code PIN d&apos;un rôle</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="187"/>
        <source>The PIN is stored hashed on this workstation.</source>
        <translation>Le code PIN est enregistré sous forme chiffrée (hachée) sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="192"/>
        <source>A PIN cannot be empty.</source>
        <translation>Un code PIN ne peut pas être vide.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="201"/>
        <source>Import registrants</source>
        <translation>Importer des inscriptions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="202"/>
        <source>Spreadsheets (*.csv *.xlsx *.xlsm *.txt *.tsv);;All files (*)</source>
        <translation>Tableurs (*.csv *.xlsx *.xlsm *.txt *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="294"/>
        <source>Store unreachable, retrying: %1</source>
        <translation>Base injoignable, nouvel essai : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="405"/>
        <source>Rooms</source>
        <translation>Salles</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="426"/>
        <source>Add the sample event to this store? Your data stays as it is.</source>
        <translation>Ajouter l&apos;événement exemple à cette base ? Vos données restent telles quelles.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="428"/>
        <source>Loading the sample event…</source>
        <translation>Chargement de l&apos;événement exemple…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="459"/>
        <source>The sample event could not be loaded</source>
        <translation>L&apos;événement exemple n&apos;a pas pu être chargé</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="466"/>
        <source>About checkin</source>
        <translation>À propos de checkin</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="467"/>
        <source>checkin %1 — check-in desk for one-day, multi-track events.</source>
        <translation>checkin %1 — accueil et émargement pour les événements d&apos;une journée à plusieurs parcours.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/main_window.py" line="381"/>
        <source>Scanner tested: its settings are saved for this desk</source>
        <translation>Lecteur testé : ses réglages sont enregistrés pour ce poste</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../checkin/core/messages.py" line="58"/>
        <source>en</source>
        <translation>fr</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="60"/>
        <source>Welcome!</source>
        <translation>Bienvenue !</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="61"/>
        <source>Welcome to the session</source>
        <translation>Bienvenue dans la session</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="62"/>
        <source>Admitted by override</source>
        <translation>Entrée par dérogation</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="63"/>
        <source>Already in</source>
        <translation>Entrée déjà enregistrée</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="65"/>
        <source>Already in since %1 (desk %2)</source>
        <translation>Entrée déjà enregistrée à %1 (poste %2)</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="66"/>
        <source>Badge misread</source>
        <translation>Badge mal lu</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="67"/>
        <source>Unknown code</source>
        <translation>Code inconnu</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="68"/>
        <source>Cancelled ticket</source>
        <translation>Billet annulé</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="69"/>
        <source>Not for this workshop</source>
        <translation>Atelier réservé à d&apos;autres publics</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="70"/>
        <source>Room full</source>
        <translation>Salle complète</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="71"/>
        <source>Checked out — see you soon</source>
        <translation>Sortie enregistrée — à tout à l&apos;heure</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="72"/>
        <source>Not inside</source>
        <translation>Aucune entrée enregistrée</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="73"/>
        <source>Scan undone: it no longer counts</source>
        <translation>Scan annulé : il ne compte plus</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="74"/>
        <source>%n seat(s) left</source>
        <translation>
            <numerusform>%n place libre</numerusform>
            <numerusform>%n places libres</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="75"/>
        <source>Attention: %1</source>
        <translation>Attention : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="78"/>
        <source>empty scan</source>
        <translation>scan vide</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="79"/>
        <source>garbled: the scanner types for another keyboard layout</source>
        <translation>illisible : le lecteur tape pour une autre disposition de clavier</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="81"/>
        <source>no registrant has this code</source>
        <translation>aucune personne inscrite n&apos;a ce code</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="82"/>
        <source>no session %1 in this event</source>
        <translation>aucune session %1 dans cet événement</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="83"/>
        <source>this ticket was cancelled</source>
        <translation>ce billet a été annulé</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="84"/>
        <source>not inside</source>
        <translation>aucune entrée enregistrée</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="85"/>
        <source>already inside</source>
        <translation>entrée déjà enregistrée</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="86"/>
        <source>reserved for %1</source>
        <translation>réservé à %1</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="87"/>
        <source>%1 of %2 seats taken</source>
        <translation>places occupées : %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="88"/>
        <source>%1 of %2 seats taken, %3 held for booked people</source>
        <translation>places occupées : %1 sur %2, gardées pour des inscriptions : %3</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="90"/>
        <source>override: %1</source>
        <translation>dérogation : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="91"/>
        <source>walk-in</source>
        <translation>inscription sur place</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="92"/>
        <source>nothing to undo at this desk</source>
        <translation>rien à annuler à ce poste</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="93"/>
        <source>undoes scan %1 (%2)</source>
        <translation>annule le scan %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="95"/>
        <source>Written: %1 (%n row(s)).</source>
        <translation>
            <numerusform>Écrit : %1 (%n ligne).</numerusform>
            <numerusform>Écrit : %1 (%n lignes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="97"/>
        <source>Written: %1 (%n registrant(s) counted).</source>
        <translation>
            <numerusform>Écrit : %1 (%n inscription comptée).</numerusform>
            <numerusform>Écrit : %1 (%n inscriptions comptées).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="99"/>
        <source>%1: %n row(s) (%2, %3) in %4 s.</source>
        <translation>
            <numerusform>%1 : %n ligne (%2, %3) en %4 s.</numerusform>
            <numerusform>%1 : %n lignes (%2, %3) en %4 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="101"/>
        <source>%1: %n registrant(s) counted (%2, %3) in %4 s.</source>
        <translation>
            <numerusform>%1 : %n inscription comptée (%2, %3) en %4 s.</numerusform>
            <numerusform>%1 : %n inscriptions comptées (%2, %3) en %4 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="104"/>
        <source>Layout: %1 · %n row(s)</source>
        <translation>
            <numerusform>Format : %1 · %n ligne</numerusform>
            <numerusform>Format : %1 · %n lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="106"/>
        <source>%n added</source>
        <translation>
            <numerusform>%n personne ajoutée</numerusform>
            <numerusform>%n personnes ajoutées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="107"/>
        <source>%n updated</source>
        <translation>
            <numerusform>%n mise à jour</numerusform>
            <numerusform>%n mises à jour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="108"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n inchangée</numerusform>
            <numerusform>%n inchangées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="109"/>
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n annulée</numerusform>
            <numerusform>%n annulées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="110"/>
        <source>%n skipped</source>
        <translation>
            <numerusform>%n ligne ignorée</numerusform>
            <numerusform>%n lignes ignorées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="111"/>
        <source>%n enrollment(s)</source>
        <translation>
            <numerusform>%n inscription à une session</numerusform>
            <numerusform>%n inscriptions aux sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="112"/>
        <source>(%n waitlisted)</source>
        <translation>
            <numerusform>(%n en liste d&apos;attente)</numerusform>
            <numerusform>(%n en liste d&apos;attente)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="113"/>
        <source>%1; %2 %3.</source>
        <translation>%1 ; %2 %3.</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="115"/>
        <source>Store unavailable: %1 — this scan and the next ones wait, unanswered, until it is back (trying again every %2 s).</source>
        <translation>Base indisponible : %1 — ce scan et les suivants attendent, sans réponse, son retour (nouvel essai toutes les %2 s).</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="118"/>
        <source>Store back after %1 s: the waiting scans are being recorded.</source>
        <translation>Base de nouveau disponible après %1 s : les scans en attente sont enregistrés.</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="121"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="122"/>
        <source>Offline — %n scan(s) waiting</source>
        <translation>
            <numerusform>Hors ligne — %n scan en attente</numerusform>
            <numerusform>Hors ligne — %n scans en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="124"/>
        <source>Synchronising… %n scan(s) to send</source>
        <translation>
            <numerusform>Synchronisation… %n scan à envoyer</numerusform>
            <numerusform>Synchronisation… %n scans à envoyer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/core/messages.py" line="126"/>
        <source>%n scan(s) still wait on this desk: they are sent at its next start.</source>
        <translation>
            <numerusform>%n scan attend encore sur ce poste : il sera envoyé à son prochain démarrage.</numerusform>
            <numerusform>%n scans attendent encore sur ce poste : ils seront envoyés à son prochain démarrage.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="129"/>
        <source>Offline, and this desk has no copy of the event yet: the scan waits until the server answers.</source>
        <translation>Hors ligne, et ce poste n&apos;a pas encore de copie de l&apos;événement : le scan attend que le serveur réponde.</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="133"/>
        <source>A6 portrait, 4 per A4</source>
        <translation>A6 portrait, 4 par A4</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="134"/>
        <source>A6 card or A4 card cut in four (105 × 148 mm)</source>
        <translation>Carte A6, ou carte A4 coupée en quatre (105 × 148 mm)</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="136"/>
        <source>A7 landscape, 8 per A4</source>
        <translation>A7 paysage, 8 par A4</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="137"/>
        <source>A7 card or A4 card cut in eight (105 × 74 mm)</source>
        <translation>Carte A7, ou carte A4 coupée en huit (105 × 74 mm)</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="140"/>
        <source>Brother QL 62×100 mm die-cut</source>
        <translation>Brother QL 62×100 mm prédécoupée</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="141"/>
        <source>Brother QL-series label printer, DK-11202 die-cut 62 × 100 mm (printed landscape)</source>
        <translation>Imprimante d&apos;étiquettes Brother QL, étiquettes prédécoupées DK-11202 de 62 × 100 mm (impression en paysage)</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="145"/>
        <source>DURABLE 1456, 90×60 mm, 8 per A4</source>
        <translation>DURABLE 1456, 90×60 mm, 8 par A4</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="146"/>
        <source>DURABLE 1456 micro-perforated A4 card for 60 × 90 mm badge holders, 2 × 4</source>
        <translation>Carte A4 micro-perforée DURABLE 1456 pour porte-badges 60 × 90 mm, 2 × 4</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="148"/>
        <source>DYMO 30856, 62×106 mm</source>
        <translation>DYMO 30856, 62×106 mm</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="149"/>
        <source>DYMO LabelWriter 30856 name badge cards, 62 × 106 mm (printed landscape)</source>
        <translation>Cartes badges DYMO LabelWriter 30856, 62 × 106 mm (impression en paysage)</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="152"/>
        <source>4×3 in inserts, 6 per Letter</source>
        <translation>Inserts 4×3 po, 6 par feuille Letter</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="153"/>
        <source>4 × 3 in badge inserts, micro-perforated Letter card (e.g. Avery 5392 / 74459 style)</source>
        <translation>Inserts de badge 4 × 3 po, carte Letter micro-perforée (type Avery 5392 / 74459)</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="157"/>
        <source>80×50 mm labels, 10 per A4</source>
        <translation>Étiquettes 80×50 mm, 10 par A4</translation>
    </message>
    <message>
        <location filename="../../checkin/core/messages.py" line="158"/>
        <source>HERMA 4412 / Avery L4785 self-adhesive name badges, 80 × 50 mm, 2 × 5 on A4</source>
        <translation>Badges autocollants HERMA 4412 / Avery L4785, 80 × 50 mm, 2 × 5 sur A4</translation>
    </message>
</context>
<context>
    <name>OccupancyModel</name>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="55"/>
        <source>Time</source>
        <translation>Horaire</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="55"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="55"/>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="55"/>
        <source>Present</source>
        <translation>Présences</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="56"/>
        <source>Booked</source>
        <translation>Réservations</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="56"/>
        <source>Held</source>
        <translation>Gardées</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="56"/>
        <source>Waitlist</source>
        <translation>Attente</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="56"/>
        <source>Free</source>
        <translation>Libres</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/occupancy.py" line="81"/>
        <source>%1 % full</source>
        <translation>rempli à %1 %</translation>
    </message>
</context>
<context>
    <name>OccupancyView</name>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="142"/>
        <source>Rooms now and next</source>
        <translation>Salles maintenant et ensuite</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="164"/>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="165"/>
        <source>Arrived, with an attention note</source>
        <translation>Arrivées avec une mention à signaler</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="223"/>
        <source>Store unreachable, retrying: %1</source>
        <translation>Base injoignable, nouvel essai : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/occupancy_view.py" line="231"/>
        <source>%Ln inside now</source>
        <translation>
            <numerusform>%Ln sur place</numerusform>
            <numerusform>%Ln sur place</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/occupancy_view.py" line="232"/>
        <source>%Ln arrived</source>
        <translation>
            <numerusform>%Ln arrivée</numerusform>
            <numerusform>%Ln arrivées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/occupancy_view.py" line="233"/>
        <source>of %Ln registered</source>
        <translation>
            <numerusform>sur %Ln inscription</numerusform>
            <numerusform>sur %Ln inscriptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/occupancy_view.py" line="234"/>
        <source>%Ln not arrived yet</source>
        <translation>
            <numerusform>%Ln arrivée attendue</numerusform>
            <numerusform>%Ln arrivées attendues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/occupancy_view.py" line="235"/>
        <source>%Ln walk-in(s)</source>
        <translation>
            <numerusform>%Ln inscription sur place</numerusform>
            <numerusform>%Ln inscriptions sur place</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="247"/>
        <source>The programme has no session yet.</source>
        <translation>Le programme n&apos;a encore aucune session.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="249"/>
        <source>No session is listed: the event took place on %1 and all its sessions are over.</source>
        <translation>Aucune session n&apos;est affichée : l&apos;événement a eu lieu le %1 et toutes ses sessions sont terminées.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="251"/>
        <source>No session is listed: all of today&apos;s sessions are over.</source>
        <translation>Aucune session n&apos;est affichée : toutes les sessions de la journée sont terminées.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="253"/>
        <source>The event takes place on %1: until then, only its first sessions (at %2) are listed, as the next ones to start. The others will appear as their time comes.</source>
        <translation>L&apos;événement a lieu le %1 : d&apos;ici là, seules ses premières sessions (à %2) sont affichées, car ce sont les prochaines à commencer. Les autres apparaîtront à leur heure.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="256"/>
        <source>Only the sessions under way and the next ones to start (at %2) are listed. The others will appear as their time comes.</source>
        <translation>Seules les sessions en cours et les prochaines à commencer (à %2) sont affichées. Les autres apparaîtront à leur heure.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="258"/>
        <source>No session is under way: only the next ones to start (at %2) are listed. The others will appear as their time comes.</source>
        <translation>Aucune session n&apos;est en cours : seules les prochaines à commencer (à %2) sont affichées. Les autres apparaîtront à leur heure.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="260"/>
        <source>Only the sessions under way are listed: no other session starts later today.</source>
        <translation>Seules les sessions en cours sont affichées : aucune autre ne commence plus tard dans la journée.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="274"/>
        <source>%1 — %2 is full (%3/%4)</source>
        <translation>%1 — %2 est complète (%3/%4)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="275"/>
        <source>%1 — %2 is at 90 % (%3/%4)</source>
        <translation>%1 — %2 est remplie à 90 % (%3/%4)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="285"/>
        <source>%1: %2/%3</source>
        <translation>%1 : %2/%3</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="295"/>
        <source>inside</source>
        <translation>sur place</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="295"/>
        <source>left</source>
        <translation>sortie</translation>
    </message>
</context>
<context>
    <name>PrintLine</name>
    <message>
        <location filename="../../checkin/ui/print_line.py" line="31"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/print_line.py" line="33"/>
        <source>Print the waiting badges now</source>
        <translation>Imprimer maintenant les badges en attente</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/print_line.py" line="48"/>
        <source>No printer on this computer</source>
        <translation>Aucune imprimante sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/print_line.py" line="49"/>
        <source>The badge did not print (%1)</source>
        <translation>Le badge n&apos;est pas sorti (%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/print_line.py" line="50"/>
        <source>%n badge(s) waiting</source>
        <translation>
            <numerusform>%n badge en attente</numerusform>
            <numerusform>%n badges en attente</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/ui/print_line.py" line="51"/>
        <source>%1: %2 (%3) — tried again every %4 s</source>
        <translation>%1 : %2 (%3) — nouvel essai toutes les %4 s</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/print_line.py" line="56"/>
        <source>Printing the badge of %1…</source>
        <translation>Impression du badge de %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/print_line.py" line="58"/>
        <source>(%n more waiting)</source>
        <translation>
            <numerusform>(%n autre en attente)</numerusform>
            <numerusform>(%n autres en attente)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/ui/print_line.py" line="61"/>
        <source>Badge of %1 printed on %2</source>
        <translation>Badge de %1 imprimé sur %2</translation>
    </message>
</context>
<context>
    <name>PrintProcess</name>
    <message>
        <location filename="../../checkin/ui/print_process.py" line="113"/>
        <source>the printing process stopped</source>
        <translation>le programme d&apos;impression s&apos;est arrêté</translation>
    </message>
</context>
<context>
    <name>ProgrammeEditor</name>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="63"/>
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="68"/>
        <location filename="../../checkin/ui/programme_editor.py" line="72"/>
        <location filename="../../checkin/ui/programme_editor.py" line="75"/>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="68"/>
        <location filename="../../checkin/ui/programme_editor.py" line="78"/>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="69"/>
        <source>Capacity</source>
        <translation>Jauge</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="70"/>
        <source>Floor</source>
        <translation>Étage</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="70"/>
        <source>Directions</source>
        <translation>Accès</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="72"/>
        <location filename="../../checkin/ui/programme_editor.py" line="77"/>
        <source>Track</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="73"/>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="75"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="76"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="79"/>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="79"/>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="80"/>
        <source>Seats (if fewer than the room)</source>
        <translation>Places (si moins que la salle)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="81"/>
        <source>Only for professions</source>
        <translation>Réservé aux métiers</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="98"/>
        <location filename="../../checkin/ui/programme_editor.py" line="177"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="99"/>
        <location filename="../../checkin/ui/programme_editor.py" line="177"/>
        <source>Rooms</source>
        <translation>Salles</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="100"/>
        <location filename="../../checkin/ui/programme_editor.py" line="178"/>
        <source>Tracks</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="122"/>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="123"/>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="124"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="126"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="136"/>
        <source>Double-click a cell to change it. Times are HH:MM, local to the event. Nothing is written until you save.</source>
        <translation>Double-cliquez sur une case pour la modifier. Les horaires s&apos;écrivent HH:MM, à l&apos;heure de l&apos;événement. Rien n&apos;est enregistré avant « Enregistrer ».</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="159"/>
        <source>New session</source>
        <translation>Nouvelle session</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="161"/>
        <source>New room</source>
        <translation>Nouvelle salle</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="162"/>
        <source>New track</source>
        <translation>Nouveau parcours</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="182"/>
        <source>%1, row %2</source>
        <translation>%1, ligne %2</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="196"/>
        <source>Not saved: the seats were left as they were.</source>
        <translation>Non enregistré : les places sont restées telles quelles.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="200"/>
        <source>Remove sessions with enrollments?</source>
        <translation>Retirer des sessions qui ont des inscriptions ?</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="203"/>
        <location filename="../../checkin/ui/programme_editor.py" line="206"/>
        <source>Not saved:</source>
        <translation>Non enregistré :</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_editor.py" line="210"/>
        <source>Saved: %n change(s).</source>
        <translation>
            <numerusform>Enregistré : %n modification.</numerusform>
            <numerusform>Enregistré : %n modifications.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_editor.py" line="219"/>
        <source>%1: %n moved to the head of the waitlist.</source>
        <translation>
            <numerusform>%1 : %n personne placée en tête de la liste d’attente.</numerusform>
            <numerusform>%1 : %n personnes placées en tête de la liste d’attente.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_editor.py" line="222"/>
        <source>%1: %n booked for %2 seats, all kept.</source>
        <translation>
            <numerusform>%1 : %n réservation pour %2 places, toutes gardées.</numerusform>
            <numerusform>%1 : %n réservations pour %2 places, toutes gardées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_editor.py" line="231"/>
        <source>%1: %2 seats for %3 booked. %n would lose their seat (the last to book):</source>
        <translation>
            <numerusform>%1 : %2 places pour %3 réservations. %n personne perdrait sa place (la dernière à avoir réservé) :</numerusform>
            <numerusform>%1 : %2 places pour %3 réservations. %n personnes perdraient leur place (les dernières à avoir réservé) :</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="236"/>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="239"/>
        <source>Fewer seats than bookings</source>
        <translation>Moins de places que de réservations</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="241"/>
        <source>Keep them booked (the room is then over-booked), or move them to the head of the waitlist in the order they booked?</source>
        <translation>Garder leurs réservations (la salle est alors en surréservation), ou les placer en tête de la liste d’attente, dans l’ordre où elles et ils ont réservé ?</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/programme_editor.py" line="243"/>
        <source>Keep them booked</source>
        <translation>Garder leurs réservations</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_editor.py" line="244"/>
        <source>Move %n to the waitlist</source>
        <translation>
            <numerusform>Placer %n personne en liste d’attente</numerusform>
            <numerusform>Placer %n personnes en liste d’attente</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgrammeTab</name>
    <message>
        <location filename="../../checkin/ui/programme_tab.py" line="29"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_tab.py" line="49"/>
        <source>%Ln registered</source>
        <translation>
            <numerusform>%Ln inscription</numerusform>
            <numerusform>%Ln inscriptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_tab.py" line="50"/>
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln annulation</numerusform>
            <numerusform>%Ln annulations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../checkin/ui/programme_tab.py" line="51"/>
        <source>%Ln session(s)</source>
        <translation>
            <numerusform>%Ln session</numerusform>
            <numerusform>%Ln sessions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="25"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="26"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="27"/>
        <source>Drive</source>
        <translation>Disque</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="28"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="15"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="16"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Type de fichier :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="17"/>
        <source>%1 already exists.</source>
        <translation>Le fichier %1 existe déjà.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="18"/>
        <source>Do you want to replace it?</source>
        <translation>Voulez-vous le remplacer ?</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="19"/>
        <source>Directory not found.</source>
        <translation>Dossier introuvable.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="20"/>
        <source>Please verify the correct directory name was given.</source>
        <translation>Vérifiez le nom du dossier.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="21"/>
        <source>File not found.</source>
        <translation>Fichier introuvable.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="22"/>
        <source>Please verify the correct file name was given.</source>
        <translation>Vérifiez le nom du fichier.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="23"/>
        <source>&apos;%1&apos; is write protected.</source>
        <translation>« %1 » est protégé en écriture.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/qt_strings.py" line="24"/>
        <source>Do you want to delete it anyway?</source>
        <translation>Voulez-vous quand même le supprimer ?</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="35"/>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="66"/>
        <source>I have read it (Space)</source>
        <translation>J&apos;ai lu (Espace)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="96"/>
        <source>Ready: scan a badge or type a name</source>
        <translation>En attente : scannez un badge ou tapez un nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="150"/>
        <source>Not recorded — scan again</source>
        <translation>Non enregistré — scannez à nouveau</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="198"/>
        <source>Reserved for: %1</source>
        <translation>Réservé à : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="200"/>
        <source>No free seat: every seat is taken or held for a booked person</source>
        <translation>Plus de place libre : toutes sont occupées ou gardées pour des inscriptions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="215"/>
        <source>&lt;b&gt;Now&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Maintenant&lt;/b&gt; : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="217"/>
        <source>&lt;b&gt;Next&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Ensuite&lt;/b&gt; : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="219"/>
        <source>&lt;b&gt;Seats free&lt;/b&gt; for a slot with nothing booked:</source>
        <translation>&lt;b&gt;Places libres&lt;/b&gt; sur un créneau sans inscription :</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="229"/>
        <source>waitlist #%1</source>
        <translation>liste d&apos;attente n° %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="231"/>
        <source>a seat is free now</source>
        <translation>une place s&apos;est libérée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="233"/>
        <source>seat booked</source>
        <translation>place réservée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="113"/>
        <source>The scanner seems set for another keyboard (it typed “%1”). Scan again; if it happens again, use Desk ▸ Test the scanner.</source>
        <translation>Le lecteur de badges semble réglé pour un autre clavier (il a tapé « %1 »). Scannez à nouveau ; si cela se reproduit, utilisez Poste ▸ Tester le lecteur de badges.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/result_panel.py" line="204"/>
        <source>Call a coordinator: only they can let someone in anyway.</source>
        <translation>Appelez la coordination : elle seule peut faire entrer quand même.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../checkin/ui/labels.py" line="27"/>
        <source>Volunteer</source>
        <translation>Bénévole</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="28"/>
        <source>Coordinator</source>
        <translation>Coordination</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="29"/>
        <source>Staff</source>
        <translation>Équipe organisatrice</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../checkin/ui/role_dialog.py" line="29"/>
        <location filename="../../checkin/ui/role_dialog.py" line="31"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/role_dialog.py" line="30"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
</context>
<context>
    <name>ScanResult</name>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="37"/>
        <source>admitted</source>
        <translation>entrée validée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="38"/>
        <source>already in</source>
        <translation>entrée déjà enregistrée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="39"/>
        <source>unknown code</source>
        <translation>code inconnu</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="40"/>
        <source>registration cancelled</source>
        <translation>inscription annulée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="41"/>
        <source>not eligible</source>
        <translation>hors du public prévu</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="42"/>
        <source>session full</source>
        <translation>séance complète</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="43"/>
        <source>left</source>
        <translation>sortie</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="44"/>
        <source>not inside</source>
        <translation>aucune entrée enregistrée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/history.py" line="45"/>
        <source>undone</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>ScannerTestDialog</name>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="97"/>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="108"/>
        <source>Test the scanner</source>
        <translation>Tester le lecteur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="114"/>
        <source>Scan this test badge (on the screen or printed)</source>
        <translation>Scannez ce badge de test (à l’écran ou imprimé)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="122"/>
        <source>Test badge</source>
        <translation>Badge de test</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="124"/>
        <source>Print the test badge…</source>
        <translation>Imprimer le badge de test…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="134"/>
        <source>Waiting for a scan…</source>
        <translation>En attente d’un scan…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="142"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="145"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="236"/>
        <source>Test badge read.</source>
        <translation>Badge de test lu.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="238"/>
        <source>Keyboard: scanner set to QWERTY (US) on an AZERTY keyboard — codes will be read correctly</source>
        <translation>Clavier : lecteur réglé en QWERTY (US) sur un clavier AZERTY — les codes seront lus correctement</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="241"/>
        <source>Keyboard: the scanner types for this computer&apos;s keyboard — codes are read as they are</source>
        <translation>Clavier : le lecteur est réglé pour le clavier de cet ordinateur — les codes sont lus tels quels</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="244"/>
        <source>Caps Lock is on: codes are recognised anyway, but turn it off</source>
        <translation>Verr. Maj. est activé : les codes sont reconnus quand même, mais désactivez-le</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="245"/>
        <source>Prefix: “%1”</source>
        <translation>Préfixe : « %1 »</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="246"/>
        <source>Prefix: none</source>
        <translation>Préfixe : aucun</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="247"/>
        <source>Suffix: “%1”</source>
        <translation>Suffixe : « %1 »</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="248"/>
        <source>Suffix: none</source>
        <translation>Suffixe : aucun</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="250"/>
        <source>AIM identifier %1: removed automatically</source>
        <translation>Identifiant AIM %1 : retiré automatiquement</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="251"/>
        <source>End of code: Enter</source>
        <translation>Fin de code : Entrée</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="251"/>
        <source>End of code: Tab</source>
        <translation>Fin de code : Tabulation</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="252"/>
        <source>End of code: none</source>
        <translation>Fin de code : aucune</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="253"/>
        <source>Save to use these settings at this desk (%1).</source>
        <translation>Enregistrez pour utiliser ces réglages sur ce poste (%1).</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="260"/>
        <source>This is not the test badge: scan the badge shown above</source>
        <translation>Ce n’est pas le badge de test : scannez le badge affiché ci-dessus</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="261"/>
        <source>Received: “%1”</source>
        <translation>Reçu : « %1 »</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="265"/>
        <source>Scanner test badge: scan it in Desk ▸ Test the scanner</source>
        <translation>Badge de test du lecteur : scannez-le dans Poste ▸ Tester le lecteur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="277"/>
        <source>Test badge sent to the printer %1.</source>
        <translation>Badge de test envoyé à l’imprimante %1.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="280"/>
        <source>The test badge could not be printed.</source>
        <translation>Le badge de test n’a pas pu être imprimé.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="284"/>
        <source>No printer: save the test badge as a PDF</source>
        <translation>Aucune imprimante : enregistrer le badge de test en PDF</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="285"/>
        <source>scanner-test-badge.pdf</source>
        <translation>badge-de-test-lecteur.pdf</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="292"/>
        <source>Test badge saved to %1.</source>
        <translation>Badge de test enregistré dans %1.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/scanner_test_dialog.py" line="294"/>
        <source>The test badge could not be saved to %1.</source>
        <translation>Le badge de test n’a pas pu être enregistré dans %1.</translation>
    </message>
</context>
<context>
    <name>SearchResultModel</name>
    <message>
        <location filename="../../checkin/ui/models/search_results.py" line="45"/>
        <source>(cancelled)</source>
        <translation>(billet annulé)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/search_results.py" line="50"/>
        <source>Enter: admit this person</source>
        <translation>Entrée : faire entrer cette personne</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/search_results.py" line="50"/>
        <source>This ticket was cancelled</source>
        <translation>Ce billet a été annulé</translation>
    </message>
</context>
<context>
    <name>SessionKind</name>
    <message>
        <location filename="../../checkin/ui/labels.py" line="19"/>
        <source>Plenary</source>
        <translation>Plénière</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="20"/>
        <source>Track session</source>
        <translation>Session de parcours</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="21"/>
        <source>Network workshop</source>
        <translation>Atelier réseau</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/labels.py" line="22"/>
        <source>Contest</source>
        <translation>Concours</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="33"/>
        <source>Time</source>
        <translation>Horaire</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="33"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="33"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="33"/>
        <source>Track</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="34"/>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="34"/>
        <source>Seats</source>
        <translation>Places</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="34"/>
        <source>Booked</source>
        <translation>Inscriptions</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/models/sessions.py" line="34"/>
        <source>Waitlist</source>
        <translation>Liste d&apos;attente</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="29"/>
        <source>Desk settings</source>
        <translation>Réglages du poste</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="33"/>
        <source>Desk name</source>
        <translation>Nom du poste</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="35"/>
        <source>e.g. Entrance 1</source>
        <translation>par ex. Accueil 1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="38"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="40"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="44"/>
        <source>Play a sound for each answer</source>
        <translation>Jouer un son à chaque réponse</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="46"/>
        <source>Answer sounds</source>
        <translation>Sons des réponses</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="50"/>
        <source>Text size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="52"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="54"/>
        <source>&amp;Desk name</source>
        <translation>&amp;Nom du poste</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="55"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="56"/>
        <source>Sound</source>
        <translation>Son</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/settings_dialog.py" line="57"/>
        <source>&amp;Text size</source>
        <translation>&amp;Taille du texte</translation>
    </message>
</context>
<context>
    <name>SignerDialog</name>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="266"/>
        <source>Organiser and signature</source>
        <translation>Organisateur et signature</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="281"/>
        <source>e.g. IREV — Institut Régional de la Ville</source>
        <translation>par ex. IREV — Institut Régional de la Ville</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="282"/>
        <source>Organiser</source>
        <translation>Organisateur</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="288"/>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="291"/>
        <source>&amp;Choose an image…</source>
        <translation>&amp;Choisir une image…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="294"/>
        <source>&amp;Remove the signature</source>
        <translation>&amp;Retirer la signature</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="306"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="309"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="342"/>
        <source>no signature image</source>
        <translation>pas d’image de signature</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="346"/>
        <source>Signature image</source>
        <translation>Image de la signature</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="347"/>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="362"/>
        <source>Cannot read the file: %1</source>
        <translation>Impossible de lire le fichier : %1</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="367"/>
        <source>This image is larger than 1 MB: choose a smaller one (a scanned signature is a few tens of kB).</source>
        <translation>Cette image dépasse 1 Mo : choisissez-en une plus légère (une signature scannée pèse quelques dizaines de ko).</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="371"/>
        <source>This file is not an image: choose a PNG or JPEG file of the signature.</source>
        <translation>Ce fichier n’est pas une image : choisissez un fichier PNG ou JPEG de la signature.</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/certificate_dialog.py" line="398"/>
        <source>Not saved:</source>
        <translation>Non enregistré :</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../checkin/app.py" line="145"/>
        <source>This event file is damaged, or is not a checkin file: nothing was written to it. Call a coordinator: the message below says how to rescue it.</source>
        <translation>Ce fichier d&apos;événement est endommagé, ou n&apos;est pas un fichier checkin : rien n&apos;y a été écrit. Appelez un coordinateur : le message ci-dessous indique comment le récupérer.</translation>
    </message>
    <message>
        <location filename="../../checkin/app.py" line="149"/>
        <source>This event file was made by a newer checkin: install that version.</source>
        <translation>Ce fichier d&apos;événement a été créé par une version plus récente de checkin : installez cette version.</translation>
    </message>
    <message>
        <location filename="../../checkin/app.py" line="152"/>
        <source>The event&apos;s file or server cannot be used right now.</source>
        <translation>Le fichier ou le serveur de l&apos;événement est inutilisable pour le moment.</translation>
    </message>
    <message>
        <location filename="../../checkin/app.py" line="155"/>
        <source>The event&apos;s store cannot be used.</source>
        <translation>Les données de l&apos;événement sont inutilisables.</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="27"/>
        <source>Walk-in registration</source>
        <translation>Inscription sur place</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="29"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="30"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="31"/>
        <source>Organisation</source>
        <translation>Structure</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="34"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="39"/>
        <source>Email (optional)</source>
        <translation>E-mail (facultatif)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="40"/>
        <source>name@example.org</source>
        <translation>nom@exemple.fr</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="41"/>
        <source>&amp;First name</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="42"/>
        <source>&amp;Last name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="43"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Structure</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="44"/>
        <source>&amp;Category</source>
        <translation>&amp;Catégorie</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="45"/>
        <source>&amp;Email (optional)</source>
        <translation>&amp;E-mail (facultatif)</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="48"/>
        <source>Register and admit</source>
        <translation>Inscrire et faire entrer</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/walk_in_dialog.py" line="74"/>
        <source>This email address looks incomplete.</source>
        <translation>Cette adresse e-mail semble incomplète.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="18"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="19"/>
        <source>Load the &amp;sample event</source>
        <translation>Charger l’événement e&amp;xemple</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="20"/>
        <source>&amp;Import registrants…</source>
        <translation>&amp;Importer des inscriptions…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="21"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="23"/>
        <source>Attendance &amp;certificate…</source>
        <translation>A&amp;ttestation de présence…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="25"/>
        <source>Attendance certificates for e&amp;veryone…</source>
        <translation>Attestations de présence pour t&amp;ous…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="27"/>
        <source>Print &amp;badges…</source>
        <translation>Imprimer les &amp;badges…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="28"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="32"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="33"/>
        <source>&amp;Programme</source>
        <translation>P&amp;rogramme</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="34"/>
        <source>&amp;Edit rooms, sessions and capacities…</source>
        <translation>&amp;Modifier salles, sessions et jauges…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="36"/>
        <source>&amp;Desk</source>
        <translation>&amp;Poste</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="37"/>
        <source>Se&amp;ttings…</source>
        <translation>Para&amp;mètres…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="43"/>
        <source>&amp;Switch role…</source>
        <translation>&amp;Changer de rôle…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="44"/>
        <source>Set a role&apos;s &amp;PIN…</source>
        <translation>Définir le code &amp;PIN d&apos;un rôle…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="45"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="46"/>
        <source>&amp;About checkin</source>
        <translation>À &amp;propos de checkin</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="38"/>
        <source>Test the scan&amp;ner…</source>
        <translation>Tester le &amp;lecteur de badges…</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/window_menus.py" line="39"/>
        <source>Print the badge at &amp;check-in</source>
        <translation>&amp;Imprimer le badge à l’arrivée</translation>
    </message>
</context>
<context>
    <name>_Charts</name>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="331"/>
        <source>Arrivals and people inside</source>
        <translation>Arrivées et personnes sur place</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="332"/>
        <source>Scans per minute, per desk</source>
        <translation>Scans par minute, par poste</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="341"/>
        <source>arrivals per 5 minutes</source>
        <translation>arrivées par 5 minutes</translation>
    </message>
    <message>
        <location filename="../../checkin/ui/occupancy_view.py" line="342"/>
        <source>inside</source>
        <translation>sur place</translation>
    </message>
</context>
</TS>
