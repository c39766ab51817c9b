#include "renewsigningcertificatecommand.h"

#include "site.h"
#include "sitejob.h"
#include "tokenservice.h"

#include <QIcon>
#include <QMessageBox>
#include <QPushButton>

namespace tc {

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

} // namespace tc
