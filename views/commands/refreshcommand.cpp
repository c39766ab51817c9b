#include "refreshcommand.h"

#include "credentiallistmodel.h"

#include <QIcon>

namespace tc {

RefreshCommand::RefreshCommand(CommandContext &context, QObject *parent) : Command(context, parent)
{
    m_action->setObjectName(QStringLiteral("actionRefresh"));
    m_action->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    m_action->setShortcut(QKeySequence::Refresh);
    retranslate();
}

void RefreshCommand::retranslate()
{
    setTexts(tr("Re&fresh"), tr("Refresh the list"));
}

QString RefreshCommand::description() const
{
    return tr(
        "Show changes made by the command line or another console now (F5). The list also follows them by itself.");
}

void RefreshCommand::execute()
{
    m_context.listModel().refresh();
    m_context.showStatusMessage(tr("The list is up to date."));
}

} // namespace tc
