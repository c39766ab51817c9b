<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Could not write the screenshot %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The site cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token Console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::AuditLogModel</name>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::BlockDialog</name>
    <message>
        <source>Block Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Block %n bulk registration token(s)? Devices can no longer register with a blocked token. You can unblock it later.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens to block</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Reason (optional, shown in the audit log):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::BlockTokensCommand</name>
    <message>
        <source>&amp;Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block the selected bulk registration tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock the selected bulk registration tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block the selected tokens: devices can no longer register with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock the selected tokens: they verify again until they expire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more bulk registration tokens to block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more blocked tokens to unblock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site certificates cannot be blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site certificates cannot be blocked or unblocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site certificates cannot be blocked; select only tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site certificates cannot be unblocked; select only tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected tokens are already blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected tokens are not blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Unblock %n token(s)? They will verify again until they expire.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is longer than %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Blocked %n token(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unblocked %n token(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Blocking %n token(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unblocking %n token(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::Command</name>
    <message>
        <source>This action is still running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::CopyGuidCommand</name>
    <message>
        <source>&amp;Copy GUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the GUID of the selected tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected tokens&apos; GUIDs to the clipboard (Ctrl+C).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more tokens to copy their GUIDs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site certificates have no GUID; their thumbprint is in the details pane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n GUID(s) to the clipboard.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::CreateTokenCommand</name>
    <message>
        <source>Create Bulk Registration &amp;Token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a bulk registration token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a bulk registration token for devices to register through the gateway (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created token %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::CreateTokenDialog</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Create Bulk Registration Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bulk registration token lets devices that were never on the internal network register through the cloud management gateway. Choose how long it stays valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lifetime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From 1 minute to 10,080 minutes (seven days). The default is 4,320 minutes (three days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GUID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the token now. It is not stored anywhere and cannot be shown again; if it is lost, block it and create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a whole number from 1 to 10,080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — valid until about %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::DetailsView</name>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing thumbprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbprint (SHA-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate could not be found in the site database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superseded: tokens signed with this certificate no longer verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n items selected.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select an item to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ExportCsvCommand</name>
    <message>
        <source>Could not write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the list to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the listed items, with the current search, filter and sort, to a CSV file (Ctrl+E).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n item(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 of %2 items…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::MainWindow</name>
    <message>
        <source>Token Console — Site %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Context &amp;Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ertificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Token Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Token Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Token Console&lt;/h3&gt;&lt;p&gt;Certificates and bulk registration tokens of a management site.&lt;/p&gt;&lt;p&gt;Site %1, tenant %2.&lt;/p&gt;&lt;p&gt;Site folder: %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Bulk
Registration Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew Token
Signing Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search GUID, subject or thumbprint (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates and bulk registration tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The site database could not be read; the list may be out of date. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the running action has finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::PropertiesCommand</name>
    <message>
        <source>&amp;Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the properties of the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show everything about the selected item (Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an item to see its properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a single item to see its properties.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::PropertiesDialog</name>
    <message>
        <source>Properties — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::Records</name>
    <message>
        <source>Bulk Registration Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS Issuing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS Token Signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::RefreshCommand</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show changes made by the command line or another console now (F5). The list also follows them by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list is up to date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::RenewSigningCertificateCommand</name>
    <message>
        <source>&amp;Renew Token Signing Certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew the token signing certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the SMS Token Signing certificate with a new key. Tokens signed with the current one stop verifying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew Token Signing Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew the SMS Token Signing certificate?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new key and certificate will sign new tokens. Every bulk registration token signed with the current certificate will stop verifying at once, including tokens that have not expired. Devices that still need to register will need a new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewed the token signing certificate; the new thumbprint is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a new key and certificate…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::Ribbon</name>
    <message>
        <source>Ribbon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::StatusDelegate</name>
    <message>
        <source>%1 (expires soon)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::Verify</name>
    <message>
        <source>The token is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is not a well-formed bulk registration token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token uses an algorithm other than RS256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token was not signed by a signing certificate of this site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token was signed with a signing certificate that has since been renewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token&apos;s signature does not verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token names another issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is meant for another audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token belongs to another tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is not a bulk registration token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is not valid yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token&apos;s lifetime is longer than seven days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This site never issued a token with this GUID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token has been blocked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
