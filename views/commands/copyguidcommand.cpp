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

QString CopyGuidCommand::disabledReason(const QList<CredentialRecord> &selection) const
{
    if (selection.isEmpty())
        return tr("Select one or more tokens to copy their GUIDs.");
    for (const CredentialRecord &r : selection) {
        if (r.isToken())
            return {};
    }
    return tr("Site certificates have no GUID; their thumbprint is in the details pane.");
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
