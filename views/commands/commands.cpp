#include "commands.h"

#include "createtokendialog.h"
#include "credentiallistmodel.h"
#include "detailsview.h"
#include "site.h"
#include "sitejob.h"
#include "tokenservice.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QIcon>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace tc {

// ---- Create token

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

QString CreateTokenCommand::disabledReason(const QList<CredentialRecord> &) const
{
    return {};
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

// ---- Renew

RenewSigningCertificateCommand::RenewSigningCertificateCommand(CommandContext &context, QObject *parent)
    : Command(context, parent)
{
    m_action->setObjectName(QStringLiteral("actionRenew"));
    m_action->setIcon(QIcon(QStringLiteral(":/icons/renew.svg")));
    retranslate();
}

void RenewSigningCertificateCommand::retranslate()
{
    setTexts(tr("&Renew Token Signing Certificate…"), tr("Renew the token signing certificate"));
}

QString RenewSigningCertificateCommand::description() const
{
    return tr(
        "Replace the SMS Token Signing certificate with a new key. Tokens signed with the current one stop verifying.");
}

QString RenewSigningCertificateCommand::disabledReason(const QList<CredentialRecord> &) const
{
    return {};
}

void RenewSigningCertificateCommand::execute()
{
    QMessageBox box(QMessageBox::Warning, tr("Renew Token Signing Certificate"),
                    tr("Renew the SMS Token Signing certificate?"), QMessageBox::Cancel, m_context.dialogParent());
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("A new key and certificate will sign new tokens. Every bulk registration token signed "
                              "with the current certificate will stop verifying at once, including tokens that "
                              "have not expired. Devices that still need to register will need a new token."));
    QPushButton *renew = box.addButton(tr("Renew"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != renew)
        return;
    run();
}

void RenewSigningCertificateCommand::run()
{
    setRunning(true);
    auto *job = SiteJob::start(
        m_context.site(),
        [](Site &site, SiteJob &) -> Result<QString> {
            TokenService service(site);
            auto renewed = service.renewSigningCertificate();
            if (!renewed)
                return renewed.takeError();
            return RenewSigningCertificateCommand::tr(
                       "Renewed the token signing certificate; the new thumbprint is %1.")
                .arg(renewed->certificate.thumbprint());
        },
        this);
    followJob(job, tr("Creating a new key and certificate…"), tr("Renew Token Signing Certificate"));
}

// ---- Refresh

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

QString RefreshCommand::disabledReason(const QList<CredentialRecord> &) const
{
    return {};
}

void RefreshCommand::execute()
{
    m_context.listModel().refresh();
    m_context.showStatusMessage(tr("The list is up to date."));
}

// ---- Properties

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

QString PropertiesCommand::disabledReason(const QList<CredentialRecord> &selection) const
{
    if (selection.isEmpty())
        return tr("Select an item to see its properties.");
    if (selection.size() > 1)
        return tr("Select a single item to see its properties.");
    return {};
}

void PropertiesCommand::execute()
{
    const auto selection = m_context.selectedRecords();
    PropertiesDialog dialog(m_context.site(), selection.first(), m_context.dialogParent());
    dialog.exec();
}

// ---- Copy GUID

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
