#include "exportcsvcommand.h"

#include "credentiallistmodel.h"
#include "site.h"
#include "sitejob.h"

#include <QDir>
#include <QFileDialog>
#include <QIcon>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStandardPaths>

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

Result<qint64> writeCredentialsCsv(CredentialListModel &model, QIODevice &out,
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
        return Error{ExportCsvCommand::tr("Could not write the file: %1").arg(out.errorString())};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 written = 0;
    int row = 0;
    while (true) {
        while (row >= model.rowCount() && model.canFetchMore({}))
            model.fetchMore({});
        if (row >= model.rowCount())
            break;
        const auto record = model.record(model.index(row, 0));
        ++row;
        if (!record)
            continue;
        const CredentialRecord &r = *record;
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
        if (out.write(csvLine(fields)) < 0)
            return Error{ExportCsvCommand::tr("Could not write the file: %1").arg(out.errorString())};
        ++written;
        if (progress && (written % 2000 == 0) && !progress(written, model.rowCount()))
            return Error{ExportCsvCommand::tr("The export was cancelled; no file was written.")};
    }
    if (progress)
        progress(written, written);
    return written;
}

ExportCsvCommand::ExportCsvCommand(CommandContext &context, QObject *parent) : Command(context, parent)
{
    m_action->setObjectName(QStringLiteral("actionExport"));
    m_action->setIcon(QIcon(QStringLiteral(":/icons/export.svg")));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    retranslate();
}

void ExportCsvCommand::retranslate()
{
    setTexts(tr("&Export…"), tr("Export the list to a CSV file"));
}

QString ExportCsvCommand::description() const
{
    return tr("Write the listed items, with the current search, filter and sort, to a CSV file (Ctrl+E).");
}

void ExportCsvCommand::execute()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("certificates.csv"));
    const QString path = QFileDialog::getSaveFileName(m_context.dialogParent(), tr("Export to CSV"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    run(path);
}

void ExportCsvCommand::run(const QString &path)
{
    const CredentialListModel &shown = m_context.listModel();
    const int sortColumn = shown.sortColumn();
    const Qt::SortOrder sortOrder = shown.sortOrder();
    const QString search = shown.searchText();
    const std::optional<CredentialKind> kind = shown.kindFilter();
    setRunning(true);

    auto *job = SiteJob::start(
        m_context.site(),
        [=](Site &site, SiteJob &running) -> Result<QString> {
            // The same model as the window's, on this thread's connection, so
            // the export has exactly the visible filter and sort.
            CredentialListModel model(site);
            model.setPollInterval(0);
            model.setSearchText(search);
            model.setKindFilter(kind);
            model.sort(sortColumn, sortOrder);
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return Error{ExportCsvCommand::tr("Could not create %1: %2").arg(path, file.errorString())};
            auto written = writeCredentialsCsv(model, file, [&running](qint64 done, qint64 total) {
                running.setProgress(done, total);
                return !running.isCanceled();
            });
            if (!written) {
                file.cancelWriting();
                return written.takeError();
            }
            if (!file.commit())
                return Error{ExportCsvCommand::tr("Could not write %1: %2").arg(path, file.errorString())};
            return ExportCsvCommand::tr("Exported %n item(s) to %1.", nullptr, int(*written)).arg(path);
        },
        this);

    QProgressDialog *progress = nullptr;
    if (isInteractive()) {
        progress = new QProgressDialog(tr("Exporting…"), tr("Cancel"), 0, 0, m_context.dialogParent());
        progress->setWindowTitle(tr("Export to CSV"));
        progress->setMinimumDuration(400);
        progress->setWindowModality(Qt::WindowModal);
        connect(progress, &QProgressDialog::canceled, job, &SiteJob::cancel);
        connect(job, &SiteJob::progressChanged, progress, [progress](qint64 done, qint64 total) {
            progress->setMaximum(int(qMin<qint64>(total, INT_MAX)));
            progress->setValue(int(qMin<qint64>(done, INT_MAX)));
            progress->setLabelText(ExportCsvCommand::tr("Exported %1 of %2 items…").arg(done).arg(total));
        });
    }
    connect(job, &SiteJob::finished, this, [this, progress](bool ok, const QString &message) {
        if (progress)
            progress->deleteLater();
        setRunning(false);
        report(ok, message);
    });
}

} // namespace tc
