#pragma once

#include "command.h"

namespace tc {

class RefreshCommand : public Command
{
    Q_OBJECT

public:
    explicit RefreshCommand(CommandContext &context, QObject *parent = nullptr);
    QString disabledReason(const QList<CredentialRecord> &selection) const override;
    void retranslate() override;

protected:
    void execute() override;
    QString description() const override;
};

} // namespace tc
