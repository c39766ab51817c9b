#pragma once

#include "command.h"

namespace tc {

class CreateTokenCommand : public Command
{
    Q_OBJECT

public:
    explicit CreateTokenCommand(CommandContext &context, QObject *parent = nullptr);
    void retranslate() override;

signals:
    void tokenCreated(const QString &guid);

protected:
    void execute() override;
    QString description() const override;
};

} // namespace tc
