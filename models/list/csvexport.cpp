#include "csvexport.h"

#include "credentialcursor.h"

#include <QCoreApplication>

namespace tc {

namespace {

// RFC 4180 quoting; a leading = + - @ is neutralised so that a spreadsheet
// never runs a reason text as a formula.
QByteArray csvField(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n'))
        || v.contains(QLatin1Char('\r')) || v.contains(QLatin1Char('\''))) {
        v.replace(QLatin1String("\""), QLatin1String("\"\""));
        v = QLatin1Char('"') + v + QLatin1Char('"');
    }
    return v.toUtf8();
}

QByteArray csvLine(const QStringList &fields)
{
    QByteArray line;
    for (int i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        line += csvField(fields[i]);
    }
    line += "\r\n";
    return line;
}

} // namespace

Result<qint64> writeCredentialsCsv(CredentialCursor &rows, QIODevice &out,
                                   const std::function<bool(qint64, qint64)> &progress)
{
    // Stable, machine-readable columns: codes and ISO-8601 UTC, not display text.
    const QStringList header{
        QStringLiteral("name"),      QStringLiteral("type"),       QStringLiteral("status"),
        QStringLiteral("notBefore"), QStringLiteral("notAfter"),   QStringLiteral("lifetimeMinutes"),
        QStringLiteral("issuer"),    QStringLiteral("thumbprint"), QStringLiteral("signerThumbprint"),
        QStringLiteral("createdAt"), QStringLiteral("createdBy"),  QStringLiteral("blockedAt"),
        QStringLiteral("blockedBy"), QStringLiteral("blockReason")};
    if (out.write(csvLine(header)) < 0)
        return Error{
            QCoreApplication::translate("tc::CsvExport", "Could not write the file: %1").arg(out.errorString())};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto total = rows.count();
    if (!total)
        return total.takeError();
    qint64 written = 0;
    while (true) {
        const auto batch = rows.next(2000);
        if (!batch)
            return batch.takeError();
        if (batch->isEmpty())
            break;
        QByteArray lines;
        for (const CredentialRecord &r : *batch) {
            const QStringList fields{r.name,
                                     kindCode(r.kind),
                                     statusCode(r.statusAt(now)),
                                     isoUtc(r.notBefore),
                                     isoUtc(r.notAfter),
                                     r.isToken() ? QString::number(r.lifetimeMinutes) : QString(),
                                     r.issuer,
                                     r.thumbprint,
                                     r.signerThumbprint,
                                     isoUtc(r.createdAt),
                                     r.createdBy,
                                     isoUtc(r.blockedAt),
                                     r.blockedBy,
                                     r.blockReason};
            lines += csvLine(fields);
        }
        if (out.write(lines) < 0)
            return Error{
                QCoreApplication::translate("tc::CsvExport", "Could not write the file: %1").arg(out.errorString())};
        written += batch->size();
        if (progress && !progress(written, qMax(*total, written)))
            return Error{
                QCoreApplication::translate("tc::CsvExport", "The export was cancelled; no file was written.")};
    }
    if (progress)
        progress(written, written);
    return written;
}

} // namespace tc
