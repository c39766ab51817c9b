#pragma once

#include "command.h"

namespace tc {

class RenewSigningCertificateCommand : public Command
{
    Q_OBJECT

public:
    explicit RenewSigningCertificateCommand(CommandContext &context, QObject *parent = nullptr);
    void retranslate() override;
    // Without the confirmation: renews off the GUI thread, then finished().
    void run();

protected:
    void execute() override;
    QString description() const override;
};

} // namespace tc
