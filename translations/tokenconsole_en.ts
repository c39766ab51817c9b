<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>tc::BlockDialog</name>
    <message numerus="yes">
        <source>Block %n bulk registration token(s)? Devices can no longer register with a blocked token. You can unblock it later.</source>
        <translation>
            <numerusform>Block %n bulk registration token? Devices can no longer register with a blocked token. You can unblock it later.</numerusform>
            <numerusform>Block %n bulk registration tokens? Devices can no longer register with a blocked token. You can unblock them later.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::BlockTokensCommand</name>
    <message numerus="yes">
        <source>Unblock %n token(s)? They will verify again until they expire.</source>
        <translation>
            <numerusform>Unblock %n token? It will verify again until it expires.</numerusform>
            <numerusform>Unblock %n tokens? They will verify again until they expire.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Blocked %n token(s).</source>
        <translation>
            <numerusform>Blocked %n token.</numerusform>
            <numerusform>Blocked %n tokens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unblocked %n token(s).</source>
        <translation>
            <numerusform>Unblocked %n token.</numerusform>
            <numerusform>Unblocked %n tokens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Blocking %n token(s)…</source>
        <translation>
            <numerusform>Blocking %n token…</numerusform>
            <numerusform>Blocking %n tokens…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unblocking %n token(s)…</source>
        <translation>
            <numerusform>Unblocking %n token…</numerusform>
            <numerusform>Unblocking %n tokens…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::CopyGuidCommand</name>
    <message numerus="yes">
        <source>Copied %n GUID(s) to the clipboard.</source>
        <translation>
            <numerusform>Copied %n GUID to the clipboard.</numerusform>
            <numerusform>Copied %n GUIDs to the clipboard.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::CreateTokenDialog</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::DetailsView</name>
    <message numerus="yes">
        <source>%1 (%n minute(s))</source>
        <translation>
            <numerusform>%1 (%n minute)</numerusform>
            <numerusform>%1 (%n minutes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n items selected.</source>
        <translation>
            <numerusform>%n item selected.</numerusform>
            <numerusform>%n items selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::ExportCsvCommand</name>
    <message numerus="yes">
        <source>Exported %n item(s) to %1.</source>
        <translation>
            <numerusform>Exported %n item to %1.</numerusform>
            <numerusform>Exported %n items to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::MainWindow</name>
    <message numerus="yes">
        <source>%n item(s) listed</source>
        <translation>
            <numerusform>%n item listed</numerusform>
            <numerusform>%n items listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blocked</numerusform>
            <numerusform>%n blocked</numerusform>
        </translation>
    </message>
</context>
</TS>
