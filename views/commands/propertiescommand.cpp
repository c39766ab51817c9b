#include "propertiescommand.h"

#include "detailsview.h"
#include "site.h"

#include <QIcon>

namespace tc {

PropertiesCommand::PropertiesCommand(CommandContext &context, QObject *parent) : Command(context, parent)
{
    m_action->setObjectName(QStringLiteral("actionProperties"));
    m_action->setIcon(QIcon(QStringLiteral(":/icons/properties.svg")));
    m_action->setShortcuts(
        {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter), QKeySequence(Qt::ALT | Qt::Key_Return)});
    retranslate();
}

void PropertiesCommand::retranslate()
{
    setTexts(tr("&Properties"), tr("Show the properties of the selected item"));
}

QString PropertiesCommand::description() const
{
    return tr("Show everything about the selected item (Enter).");
}

Command::Restrictions PropertiesCommand::restrictions() const
{
    return NeedSelection | OnlyOneSelected;
}

QString PropertiesCommand::unmetReason(Restriction restriction) const
{
    if (restriction == NeedSelection)
        return tr("Select an item to see its properties.");
    if (restriction == OnlyOneSelected)
        return tr("Select a single item to see its properties.");
    return Command::unmetReason(restriction);
}

void PropertiesCommand::execute()
{
    const auto selection = m_context.selectedRecords();
    PropertiesDialog dialog(m_context.site(), selection.first(), m_context.dialogParent());
    dialog.exec();
}

} // namespace tc
