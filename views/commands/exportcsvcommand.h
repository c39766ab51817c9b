#pragma once

#include "command.h"
#include "result.h"

namespace tc {

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
