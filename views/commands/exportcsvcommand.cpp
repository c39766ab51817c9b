#include "exportcsvcommand.h"

#include "credentialcursor.h"
#include "credentiallistmodel.h"
#include "csvexport.h"
#include "site.h"
#include "sitejob.h"

#include <QDir>
#include <QFileDialog>
#include <QIcon>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStandardPaths>

namespace tc {

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
    // Exactly the visible filter, search and sort.
    const CredentialListModel &shown = m_context.listModel();
    CredentialQuery query;
    query.sortColumn = CredentialColumn(shown.sortColumn());
    query.order = shown.sortOrder();
    query.search = shown.searchText().trimmed();
    query.kind = shown.kindFilter();
    setRunning(true);

    auto *job = SiteJob::start(
        m_context.site(),
        [=](Site &site, SiteJob &running) -> Result<QString> {
            CredentialCursor rows(site.database(), query);
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return Error{ExportCsvCommand::tr("Could not create %1: %2").arg(path, file.errorString())};
            auto written = writeCredentialsCsv(rows, file, [&running](qint64 done, qint64 total) {
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
