#pragma once

#include "command.h"

namespace tc {

class RefreshCommand : public Command
{
    Q_OBJECT

public:
    explicit RefreshCommand(CommandContext &context, QObject *parent = nullptr);
    void retranslate() override;

protected:
    void execute() override;
    QString description() const override;
};

} // namespace tc
