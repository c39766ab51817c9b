<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Could not write the screenshot %1.</source>
        <translation>Das Bildschirmfoto %1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The site cannot be opened: %1</source>
        <translation>Der Standort kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Token Console</source>
        <translation>Token-Konsole</translation>
    </message>
</context>
<context>
    <name>tc::AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>tc::AuditLogPage</name>
    <message>
        <source>Audit log</source>
        <translation>Überwachungsprotokoll</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>Überwachungsprotokoll</translation>
    </message>
    <message>
        <source>&amp;Audit Log</source>
        <translation>Über&amp;wachungsprotokoll</translation>
    </message>
</context>
<context>
    <name>tc::BlockDialog</name>
    <message>
        <source>Block Tokens</source>
        <translation>Token sperren</translation>
    </message>
    <message numerus="yes">
        <source>Block %n bulk registration token(s)? Devices can no longer register with a blocked token. You can unblock it later.</source>
        <translation>
            <numerusform>%n Massenregistrierungstoken sperren? Geräte können sich mit einem gesperrten Token nicht mehr registrieren. Sie können es später wieder entsperren.</numerusform>
            <numerusform>%n Massenregistrierungstoken sperren? Geräte können sich mit gesperrten Token nicht mehr registrieren. Sie können sie später wieder entsperren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens to block</source>
        <translation>Zu sperrende Token</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Reason (optional, shown in the audit log):</source>
        <translation>&amp;Grund (optional, erscheint im Überwachungsprotokoll):</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 Zeichen</translation>
    </message>
</context>
<context>
    <name>tc::BlockTokensCommand</name>
    <message>
        <source>&amp;Block</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Block the selected bulk registration tokens</source>
        <translation>Die ausgewählten Massenregistrierungstoken sperren</translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Unblock the selected bulk registration tokens</source>
        <translation>Die ausgewählten Massenregistrierungstoken entsperren</translation>
    </message>
    <message>
        <source>Block the selected tokens: devices can no longer register with them.</source>
        <translation>Die ausgewählten Token sperren: Geräte können sich damit nicht mehr registrieren.</translation>
    </message>
    <message>
        <source>Unblock the selected tokens: they verify again until they expire.</source>
        <translation>Die ausgewählten Token entsperren: Sie sind wieder gültig, bis sie ablaufen.</translation>
    </message>
    <message>
        <source>Select one or more bulk registration tokens to block.</source>
        <translation>Wählen Sie ein oder mehrere Massenregistrierungstoken zum Sperren aus.</translation>
    </message>
    <message>
        <source>Select one or more blocked tokens to unblock.</source>
        <translation>Wählen Sie ein oder mehrere gesperrte Token zum Entsperren aus.</translation>
    </message>
    <message>
        <source>Site certificates cannot be blocked.</source>
        <translation>Standortzertifikate können nicht gesperrt werden.</translation>
    </message>
    <message>
        <source>Site certificates cannot be blocked or unblocked.</source>
        <translation>Standortzertifikate können weder gesperrt noch entsperrt werden.</translation>
    </message>
    <message>
        <source>Site certificates cannot be blocked; select only tokens.</source>
        <translation>Standortzertifikate können nicht gesperrt werden; wählen Sie nur Token aus.</translation>
    </message>
    <message>
        <source>Site certificates cannot be unblocked; select only tokens.</source>
        <translation>Standortzertifikate können nicht entsperrt werden; wählen Sie nur Token aus.</translation>
    </message>
    <message>
        <source>The selected tokens are already blocked.</source>
        <translation>Die ausgewählten Token sind bereits gesperrt.</translation>
    </message>
    <message>
        <source>The selected tokens are not blocked.</source>
        <translation>Die ausgewählten Token sind nicht gesperrt.</translation>
    </message>
    <message>
        <source>Unblock Tokens</source>
        <translation>Token entsperren</translation>
    </message>
    <message numerus="yes">
        <source>Unblock %n token(s)? They will verify again until they expire.</source>
        <translation>
            <numerusform>%n Token entsperren? Es ist wieder gültig, bis es abläuft.</numerusform>
            <numerusform>%n Token entsperren? Sie sind wieder gültig, bis sie ablaufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>The reason is longer than %1 characters.</source>
        <translation>Der Grund ist länger als %1 Zeichen.</translation>
    </message>
    <message numerus="yes">
        <source>Blocked %n token(s).</source>
        <translation>
            <numerusform>%n Token gesperrt.</numerusform>
            <numerusform>%n Token gesperrt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unblocked %n token(s).</source>
        <translation>
            <numerusform>%n Token entsperrt.</numerusform>
            <numerusform>%n Token entsperrt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Blocking %n token(s)…</source>
        <translation>
            <numerusform>%n Token wird gesperrt …</numerusform>
            <numerusform>%n Token werden gesperrt …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unblocking %n token(s)…</source>
        <translation>
            <numerusform>%n Token wird entsperrt …</numerusform>
            <numerusform>%n Token werden entsperrt …</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <source>C&amp;ertificates</source>
        <translation>&amp;Zertifikate</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Type filter</source>
        <translation>Typfilter</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Search GUID, subject or thumbprint (Ctrl+F)</source>
        <translation>GUID, Antragsteller oder Fingerabdruck suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Certificates and bulk registration tokens</source>
        <translation>Zertifikate und Massenregistrierungstoken</translation>
    </message>
    <message>
        <source>The site database could not be read; the list may be out of date. %1</source>
        <translation>Die Standortdatenbank konnte nicht gelesen werden; die Liste ist möglicherweise veraltet. %1</translation>
    </message>
    <message>
        <source>Reset Columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
</context>
<context>
    <name>tc::Command</name>
    <message>
        <source>This action is still running.</source>
        <translation>Diese Aktion läuft noch.</translation>
    </message>
    <message>
        <source>Select an item first.</source>
        <translation>Wählen Sie zuerst ein Element aus.</translation>
    </message>
    <message>
        <source>Select a single item.</source>
        <translation>Wählen Sie ein einzelnes Element aus.</translation>
    </message>
    <message>
        <source>Select a bulk registration token.</source>
        <translation>Wählen Sie ein Massenregistrierungstoken aus.</translation>
    </message>
    <message>
        <source>Select only bulk registration tokens.</source>
        <translation>Wählen Sie nur Massenregistrierungstoken aus.</translation>
    </message>
    <message>
        <source>The selected tokens are already blocked.</source>
        <translation>Die ausgewählten Token sind bereits gesperrt.</translation>
    </message>
    <message>
        <source>The selected tokens are not blocked.</source>
        <translation>Die ausgewählten Token sind nicht gesperrt.</translation>
    </message>
</context>
<context>
    <name>tc::CopyGuidCommand</name>
    <message>
        <source>&amp;Copy GUID</source>
        <translation>GUID &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the GUID of the selected tokens</source>
        <translation>Die GUID der ausgewählten Token kopieren</translation>
    </message>
    <message>
        <source>Copy the selected tokens&apos; GUIDs to the clipboard (Ctrl+C).</source>
        <translation>Die GUIDs der ausgewählten Token in die Zwischenablage kopieren (Strg+C).</translation>
    </message>
    <message>
        <source>Select one or more tokens to copy their GUIDs.</source>
        <translation>Wählen Sie ein oder mehrere Token aus, um ihre GUIDs zu kopieren.</translation>
    </message>
    <message>
        <source>Site certificates have no GUID; their thumbprint is in the details pane.</source>
        <translation>Standortzertifikate haben keine GUID; ihr Fingerabdruck steht im Detailbereich.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n GUID(s) to the clipboard.</source>
        <translation>
            <numerusform>%n GUID in die Zwischenablage kopiert.</numerusform>
            <numerusform>%n GUIDs in die Zwischenablage kopiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::CreateTokenCommand</name>
    <message>
        <source>Create Bulk Registration &amp;Token…</source>
        <translation>Massenregistrierungs&amp;token erstellen …</translation>
    </message>
    <message>
        <source>Create a bulk registration token</source>
        <translation>Ein Massenregistrierungstoken erstellen</translation>
    </message>
    <message>
        <source>Create a bulk registration token for devices to register through the gateway (Ctrl+N).</source>
        <translation>Ein Massenregistrierungstoken erstellen, mit dem sich Geräte über das Gateway registrieren (Strg+N).</translation>
    </message>
    <message>
        <source>Created token %1.</source>
        <translation>Token %1 erstellt.</translation>
    </message>
</context>
<context>
    <name>tc::CreateTokenDialog</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Create Bulk Registration Token</source>
        <translation>Massenregistrierungstoken erstellen</translation>
    </message>
    <message>
        <source>A bulk registration token lets devices that were never on the internal network register through the cloud management gateway. Choose how long it stays valid.</source>
        <translation>Mit einem Massenregistrierungstoken können sich Geräte, die nie im internen Netzwerk waren, über das Cloudverwaltungsgateway registrieren. Wählen Sie, wie lange es gültig bleibt.</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <source>Lifetime in minutes</source>
        <translation>Gültigkeitsdauer in Minuten</translation>
    </message>
    <message>
        <source>&amp;Lifetime:</source>
        <translation>&amp;Gültigkeitsdauer:</translation>
    </message>
    <message>
        <source>From 1 minute to 10,080 minutes (seven days). The default is 4,320 minutes (three days).</source>
        <translation>Von 1 bis 10.080 Minuten (sieben Tage). Standard sind 4.320 Minuten (drei Tage).</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>GUID:</source>
        <translation>GUID:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
    <message>
        <source>Copy the token now. It is not stored anywhere and cannot be shown again; if it is lost, block it and create a new one.</source>
        <translation>Kopieren Sie das Token jetzt. Es wird nirgends gespeichert und kann nicht erneut angezeigt werden; geht es verloren, sperren Sie es und erstellen Sie ein neues.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>&amp;Copy Token</source>
        <translation>Token &amp;kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Give a whole number from 1 to 10,080.</source>
        <translation>Geben Sie eine ganze Zahl von 1 bis 10.080 ein.</translation>
    </message>
    <message>
        <source>%1 — valid until about %2</source>
        <translation>%1 – gültig bis etwa %2</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 bis %2 (%3)</translation>
    </message>
</context>
<context>
    <name>tc::CredentialListModel</name>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 Std.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 Min.</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 min (%2)</source>
        <translation>%1 Min. (%2)</translation>
    </message>
    <message>
        <source>Blocked by %1 on %2.</source>
        <translation>Gesperrt von %1 am %2.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>Expired on %1.</source>
        <translation>Abgelaufen am %1.</translation>
    </message>
    <message>
        <source>Superseded by a renewed certificate; tokens it signed no longer verify.</source>
        <translation>Durch ein erneuertes Zertifikat ersetzt; damit signierte Token sind nicht mehr gültig.</translation>
    </message>
    <message>
        <source>Bulk registration token %1</source>
        <translation>Massenregistrierungstoken %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Valid From</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Valid To</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>Gültigkeitsdauer</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Thumbprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>Created By</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <source>Blocked By</source>
        <translation>Gesperrt von</translation>
    </message>
    <message>
        <source>Expires on %1.</source>
        <translation>Läuft am %1 ab.</translation>
    </message>
</context>
<context>
    <name>tc::CsvExport</name>
    <message>
        <source>Could not write the file: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
</context>
<context>
    <name>tc::DetailsView</name>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>GUID</source>
        <translation>GUID</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>Gültigkeitsdauer</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signiert von</translation>
    </message>
    <message>
        <source>Signing thumbprint</source>
        <translation>Fingerabdruck des Signaturzertifikats</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <source>Blocked by</source>
        <translation>Gesperrt von</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>No audit events.</source>
        <translation>Keine Überwachungsereignisse.</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Antragsteller</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Thumbprint (SHA-1)</source>
        <translation>Fingerabdruck (SHA-1)</translation>
    </message>
    <message>
        <source>Key size</source>
        <translation>Schlüssellänge</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>Signature algorithm</source>
        <translation>Signaturalgorithmus</translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation>Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>The certificate could not be found in the site database.</source>
        <translation>Das Zertifikat wurde in der Standortdatenbank nicht gefunden.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Superseded: tokens signed with this certificate no longer verify.</source>
        <translation>Ersetzt: Mit diesem Zertifikat signierte Token sind nicht mehr gültig.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message numerus="yes">
        <source>%n items selected.</source>
        <translation>
            <numerusform>%n Element ausgewählt.</numerusform>
            <numerusform>%n Elemente ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an item to see its details.</source>
        <translation>Wählen Sie ein Element aus, um seine Details zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n minute(s))</source>
        <translation>
            <numerusform>%1 (%n Minute)</numerusform>
            <numerusform>%1 (%n Minuten)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::DeviceStatus</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>Genehmigung ausstehend</translation>
    </message>
    <message>
        <source>Must re-register</source>
        <translation>Muss sich neu registrieren</translation>
    </message>
    <message>
        <source>Token expired</source>
        <translation>Token abgelaufen</translation>
    </message>
</context>
<context>
    <name>tc::ExportCsvCommand</name>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export the list to a CSV file</source>
        <translation>Die Liste in eine CSV-Datei exportieren</translation>
    </message>
    <message>
        <source>Write the listed items, with the current search, filter and sort, to a CSV file (Ctrl+E).</source>
        <translation>Die aufgelisteten Elemente mit der aktuellen Suche, Filterung und Sortierung in eine CSV-Datei schreiben (Strg+E).</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation>%1 konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n item(s) to %1.</source>
        <translation>
            <numerusform>%n Element nach %1 exportiert.</numerusform>
            <numerusform>%n Elemente nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export läuft …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Exported %1 of %2 items…</source>
        <translation>%1 von %2 Elementen exportiert …</translation>
    </message>
</context>
<context>
    <name>tc::MainWindow</name>
    <message>
        <source>Token Console — Site %1</source>
        <translation>Token-Konsole – Standort %1</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>Open Context &amp;Menu</source>
        <translation>Kontext&amp;menü öffnen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Details Pane</source>
        <translation>&amp;Detailbereich</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>Reset Columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>A&amp;ktionen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Token Console</source>
        <translation>&amp;Über Token-Konsole</translation>
    </message>
    <message>
        <source>About Token Console</source>
        <translation>Über Token-Konsole</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Token Console&lt;/h3&gt;&lt;p&gt;Certificates and bulk registration tokens of a management site.&lt;/p&gt;&lt;p&gt;Site %1, tenant %2.&lt;/p&gt;&lt;p&gt;Site folder: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Token-Konsole&lt;/h3&gt;&lt;p&gt;Zertifikate und Massenregistrierungstoken eines Verwaltungsstandorts.&lt;/p&gt;&lt;p&gt;Standort %1, Mandant %2.&lt;/p&gt;&lt;p&gt;Standortordner: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Create Bulk
Registration Token</source>
        <translation>Massenregistrierungs-
token erstellen</translation>
    </message>
    <message>
        <source>Renew Token
Signing Certificate</source>
        <translation>Tokensignatur-
zertifikat erneuern</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) listed</source>
        <translation>
            <numerusform>%n Element aufgelistet</numerusform>
            <numerusform>%n Elemente aufgelistet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n ausgewählt</numerusform>
            <numerusform>%n ausgewählt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n gesperrt</numerusform>
            <numerusform>%n gesperrt</numerusform>
        </translation>
    </message>
    <message>
        <source>Wait until the running action has finished.</source>
        <translation>Warten Sie, bis die laufende Aktion abgeschlossen ist.</translation>
    </message>
</context>
<context>
    <name>tc::Page</name>
    <message>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
</context>
<context>
    <name>tc::PropertiesCommand</name>
    <message>
        <source>&amp;Properties</source>
        <translation>&amp;Eigenschaften</translation>
    </message>
    <message>
        <source>Show the properties of the selected item</source>
        <translation>Die Eigenschaften des ausgewählten Elements anzeigen</translation>
    </message>
    <message>
        <source>Show everything about the selected item (Enter).</source>
        <translation>Alles über das ausgewählte Element anzeigen (Eingabetaste).</translation>
    </message>
    <message>
        <source>Select an item to see its properties.</source>
        <translation>Wählen Sie ein Element aus, um seine Eigenschaften zu sehen.</translation>
    </message>
    <message>
        <source>Select a single item to see its properties.</source>
        <translation>Wählen Sie genau ein Element aus, um seine Eigenschaften zu sehen.</translation>
    </message>
</context>
<context>
    <name>tc::PropertiesDialog</name>
    <message>
        <source>Properties — %1</source>
        <translation>Eigenschaften – %1</translation>
    </message>
</context>
<context>
    <name>tc::Records</name>
    <message>
        <source>Bulk Registration Token</source>
        <translation>Massenregistrierungstoken</translation>
    </message>
    <message>
        <source>SMS Issuing</source>
        <translation>SMS Issuing</translation>
    </message>
    <message>
        <source>SMS Token Signing</source>
        <translation>SMS Token Signing</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Expires soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <source>Create site</source>
        <translation>Standort erstellen</translation>
    </message>
    <message>
        <source>Create issuing certificate</source>
        <translation>Stammzertifikat erstellen</translation>
    </message>
    <message>
        <source>Create signing certificate</source>
        <translation>Tokensignaturzertifikat erstellen</translation>
    </message>
    <message>
        <source>Create token</source>
        <translation>Token erstellen</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Renew signing certificate</source>
        <translation>Tokensignaturzertifikat erneuern</translation>
    </message>
    <message>
        <source>Renew issuing certificate</source>
        <translation>Stammzertifikat erneuern</translation>
    </message>
    <message>
        <source>Register device</source>
        <translation>Gerät registrieren</translation>
    </message>
    <message>
        <source>Approve device</source>
        <translation>Gerät genehmigen</translation>
    </message>
    <message>
        <source>Block device</source>
        <translation>Gerät sperren</translation>
    </message>
    <message>
        <source>Unblock device</source>
        <translation>Gerät entsperren</translation>
    </message>
</context>
<context>
    <name>tc::RefreshCommand</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Die Liste aktualisieren</translation>
    </message>
    <message>
        <source>Show changes made by the command line or another console now (F5). The list also follows them by itself.</source>
        <translation>Änderungen über die Befehlszeile oder eine andere Konsole jetzt anzeigen (F5). Die Liste folgt ihnen auch von selbst.</translation>
    </message>
    <message>
        <source>The list is up to date.</source>
        <translation>Die Liste ist aktuell.</translation>
    </message>
</context>
<context>
    <name>tc::RenewSigningCertificateCommand</name>
    <message>
        <source>&amp;Renew Token Signing Certificate…</source>
        <translation>Tokensignaturzertifikat &amp;erneuern …</translation>
    </message>
    <message>
        <source>Renew the token signing certificate</source>
        <translation>Das Tokensignaturzertifikat erneuern</translation>
    </message>
    <message>
        <source>Replace the SMS Token Signing certificate with a new key. Tokens signed with the current one stop verifying.</source>
        <translation>Das SMS-Tokensignaturzertifikat durch einen neuen Schlüssel ersetzen. Mit dem aktuellen signierte Token sind dann nicht mehr gültig.</translation>
    </message>
    <message>
        <source>Renew Token Signing Certificate</source>
        <translation>Tokensignaturzertifikat erneuern</translation>
    </message>
    <message>
        <source>Renew the SMS Token Signing certificate?</source>
        <translation>Das SMS-Tokensignaturzertifikat erneuern?</translation>
    </message>
    <message>
        <source>A new key and certificate will sign new tokens. Every bulk registration token signed with the current certificate will stop verifying at once, including tokens that have not expired. Devices that still need to register will need a new token.</source>
        <translation>Ein neuer Schlüssel und ein neues Zertifikat signieren neue Token. Jedes mit dem aktuellen Zertifikat signierte Massenregistrierungstoken ist sofort nicht mehr gültig, auch wenn es noch nicht abgelaufen ist. Geräte, die sich noch registrieren müssen, brauchen ein neues Token.</translation>
    </message>
    <message>
        <source>Renew</source>
        <translation>Erneuern</translation>
    </message>
    <message>
        <source>Renewed the token signing certificate; the new thumbprint is %1.</source>
        <translation>Das Tokensignaturzertifikat wurde erneuert; der neue Fingerabdruck ist %1.</translation>
    </message>
    <message>
        <source>Creating a new key and certificate…</source>
        <translation>Neuer Schlüssel und neues Zertifikat werden erstellt …</translation>
    </message>
</context>
<context>
    <name>tc::Ribbon</name>
    <message>
        <source>Ribbon</source>
        <translation>Menüband</translation>
    </message>
</context>
<context>
    <name>tc::Verify</name>
    <message>
        <source>The token is valid.</source>
        <translation>Das Token ist gültig.</translation>
    </message>
    <message>
        <source>The text is not a well-formed bulk registration token.</source>
        <translation>Der Text ist kein wohlgeformtes Massenregistrierungstoken.</translation>
    </message>
    <message>
        <source>The token uses an algorithm other than RS256.</source>
        <translation>Das Token verwendet einen anderen Algorithmus als RS256.</translation>
    </message>
    <message>
        <source>The token was not signed by a signing certificate of this site.</source>
        <translation>Das Token wurde nicht mit einem Signaturzertifikat dieses Standorts signiert.</translation>
    </message>
    <message>
        <source>The token was signed with a signing certificate that has since been renewed.</source>
        <translation>Das Token wurde mit einem Signaturzertifikat signiert, das inzwischen erneuert wurde.</translation>
    </message>
    <message>
        <source>The token&apos;s signature does not verify.</source>
        <translation>Die Signatur des Tokens ist ungültig.</translation>
    </message>
    <message>
        <source>The token names another issuer.</source>
        <translation>Das Token nennt einen anderen Aussteller.</translation>
    </message>
    <message>
        <source>The token is meant for another audience.</source>
        <translation>Das Token ist für eine andere Zielgruppe bestimmt.</translation>
    </message>
    <message>
        <source>The token belongs to another tenant.</source>
        <translation>Das Token gehört zu einem anderen Mandanten.</translation>
    </message>
    <message>
        <source>The token is not a bulk registration token.</source>
        <translation>Das Token ist kein Massenregistrierungstoken.</translation>
    </message>
    <message>
        <source>The token is not valid yet.</source>
        <translation>Das Token ist noch nicht gültig.</translation>
    </message>
    <message>
        <source>The token has expired.</source>
        <translation>Das Token ist abgelaufen.</translation>
    </message>
    <message>
        <source>The token&apos;s lifetime is longer than seven days.</source>
        <translation>Die Gültigkeitsdauer des Tokens ist länger als sieben Tage.</translation>
    </message>
    <message>
        <source>This site never issued a token with this GUID.</source>
        <translation>Dieser Standort hat nie ein Token mit dieser GUID ausgestellt.</translation>
    </message>
    <message>
        <source>The token has been blocked.</source>
        <translation>Das Token wurde gesperrt.</translation>
    </message>
</context>
</TS>
