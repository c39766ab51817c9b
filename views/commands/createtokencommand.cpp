#include "createtokencommand.h"

#include "createtokendialog.h"
#include "credentiallistmodel.h"
#include "site.h"

#include <QIcon>

namespace tc {

CreateTokenCommand::CreateTokenCommand(CommandContext &context, QObject *parent) : Command(context, parent)
{
    m_action->setObjectName(QStringLiteral("actionCreateToken"));
    m_action->setIcon(QIcon(QStringLiteral(":/icons/new-token.svg")));
    m_action->setShortcut(QKeySequence::New);
    retranslate();
}

void CreateTokenCommand::retranslate()
{
    setTexts(tr("Create Bulk Registration &Token…"), tr("Create a bulk registration token"));
}

QString CreateTokenCommand::description() const
{
    return tr("Create a bulk registration token for devices to register through the gateway (Ctrl+N).");
}

void CreateTokenCommand::execute()
{
    CreateTokenDialog dialog(m_context.site(), m_context.dialogParent());
    connect(&dialog, &CreateTokenDialog::tokenCreated, this, [this](const QString &guid) {
        m_context.listModel().refresh();
        emit tokenCreated(guid);
        emit finished(true, tr("Created token %1.").arg(guid));
        m_context.showStatusMessage(tr("Created token %1.").arg(guid));
    });
    dialog.exec();
}

} // namespace tc
