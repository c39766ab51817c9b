#pragma once

#include "command.h"

namespace tc {

class CopyGuidCommand : public Command
{
    Q_OBJECT

public:
    explicit CopyGuidCommand(CommandContext &context, QObject *parent = nullptr);
    Restrictions restrictions() const override;
    void retranslate() override;

protected:
    QString unmetReason(Restriction restriction) const override;
    void execute() override;
    QString description() const override;
};

} // namespace tc
