#pragma once

#include "command.h"
#include "result.h"

#include <QIODevice>
#include <functional>
#include <optional>

namespace tc {

class CredentialListModel;

// Writes every row of model (its filter and sort) as CSV, fetching pages as it
// goes. progress(done, total) returns false to stop. Returns the row count.
Result<qint64> writeCredentialsCsv(CredentialListModel &model, QIODevice &out,
                                   const std::function<bool(qint64, qint64)> &progress = {});

// Export: the visible list (current search, type filter and sort) to a CSV
// file, streamed from the database on a worker thread, with progress and cancel.
class ExportCsvCommand : public Command
{
    Q_OBJECT

public:
    explicit ExportCsvCommand(CommandContext &context, QObject *parent = nullptr);
    void retranslate() override;

    // Without the file dialog: exports to path; finished() when done.
    void run(const QString &path);

protected:
    void execute() override;
    QString description() const override;
};

} // namespace tc
