#pragma once

#include "command.h"

namespace tc {

class SiteJob;

// Block or Unblock: every selected token in one transaction, on a worker
// thread; then the list refreshes. The ribbon, the menus and the benchmark
// all go through run().
class BlockTokensCommand : public Command
{
    Q_OBJECT

public:
    enum class Mode { Block, Unblock };

    BlockTokensCommand(Mode mode, CommandContext &context, QObject *parent = nullptr);

    Mode mode() const { return m_mode; }
    Restrictions restrictions() const override;
    void retranslate() override;

    // Without any dialog: blocks (or unblocks) these tokens with this reason,
    // off the GUI thread; emits finished(ok, message) when done.
    void run(const QList<CredentialRecord> &records, const QString &reason = {});

protected:
    QString unmetReason(Restriction restriction) const override;
    void execute() override;
    QString description() const override;

private:
    Mode m_mode;
};

} // namespace tc
