#include "copyguidcommand.h"

#include "site.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QIcon>

namespace tc {

CopyGuidCommand::CopyGuidCommand(CommandContext &context, QObject *parent) : Command(context, parent)
{
    m_action->setObjectName(QStringLiteral("actionCopyGuid"));
    m_action->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_action->setShortcut(QKeySequence::Copy);
    retranslate();
}

void CopyGuidCommand::retranslate()
{
    setTexts(tr("&Copy GUID"), tr("Copy the GUID of the selected tokens"));
}

QString CopyGuidCommand::description() const
{
    return tr("Copy the selected tokens' GUIDs to the clipboard (Ctrl+C).");
}

Command::Restrictions CopyGuidCommand::restrictions() const
{
    return NeedSelection | AnyToken;
}

QString CopyGuidCommand::unmetReason(Restriction restriction) const
{
    if (restriction == NeedSelection)
        return tr("Select one or more tokens to copy their GUIDs.");
    if (restriction == AnyToken)
        return tr("Site certificates have no GUID; their thumbprint is in the details pane.");
    return Command::unmetReason(restriction);
}

void CopyGuidCommand::execute()
{
    QStringList guids;
    for (const CredentialRecord &r : m_context.selectedRecords()) {
        if (r.isToken())
            guids << r.name;
    }
    QGuiApplication::clipboard()->setText(guids.join(QLatin1Char('\n')));
    const QString message = tr("Copied %n GUID(s) to the clipboard.", nullptr, int(guids.size()));
    m_context.showStatusMessage(message);
    emit finished(true, message);
}

} // namespace tc
