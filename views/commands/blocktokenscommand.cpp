#include "blocktokenscommand.h"

#include "blockdialog.h"
#include "credentiallistmodel.h"
#include "site.h"
#include "sitejob.h"
#include "tokenservice.h"

#include <QAbstractButton>
#include <QIcon>
#include <QMessageBox>
#include <QProgressDialog>

namespace tc {

BlockTokensCommand::BlockTokensCommand(Mode mode, CommandContext &context, QObject *parent)
    : Command(context, parent), m_mode(mode)
{
    m_action->setIcon(
        QIcon(mode == Mode::Block ? QStringLiteral(":/icons/block.svg") : QStringLiteral(":/icons/unblock.svg")));
    m_action->setObjectName(mode == Mode::Block ? QStringLiteral("actionBlock") : QStringLiteral("actionUnblock"));
    retranslate();
}

void BlockTokensCommand::retranslate()
{
    if (m_mode == Mode::Block)
        setTexts(tr("&Block"), tr("Block the selected bulk registration tokens"));
    else
        setTexts(tr("&Unblock"), tr("Unblock the selected bulk registration tokens"));
}

QString BlockTokensCommand::description() const
{
    return m_mode == Mode::Block ? tr("Block the selected tokens: devices can no longer register with them.")
                                 : tr("Unblock the selected tokens: they verify again until they expire.");
}

Command::Restrictions BlockTokensCommand::restrictions() const
{
    return NeedSelection | AnyToken | OnlyTokens | (m_mode == Mode::Block ? AnyUnblockedToken : AnyBlockedToken);
}

QString BlockTokensCommand::unmetReason(Restriction restriction) const
{
    const bool block = m_mode == Mode::Block;
    switch (restriction) {
    case NeedSelection:
        return block ? tr("Select one or more bulk registration tokens to block.")
                     : tr("Select one or more blocked tokens to unblock.");
    case AnyToken:
        return block ? tr("Site certificates cannot be blocked.")
                     : tr("Site certificates cannot be blocked or unblocked.");
    case OnlyTokens:
        return block ? tr("Site certificates cannot be blocked; select only tokens.")
                     : tr("Site certificates cannot be unblocked; select only tokens.");
    case AnyUnblockedToken: return tr("The selected tokens are already blocked.");
    case AnyBlockedToken: return tr("The selected tokens are not blocked.");
    default: return Command::unmetReason(restriction);
    }
}

void BlockTokensCommand::execute()
{
    const QList<CredentialRecord> selection = m_context.selectedRecords();
    QList<CredentialRecord> targets;
    for (const CredentialRecord &r : selection) {
        if ((m_mode == Mode::Block) != (r.state == CredentialState::Blocked))
            targets << r;
    }
    QString reason;
    if (m_mode == Mode::Block) {
        BlockDialog dialog(targets, m_context.dialogParent());
        if (dialog.exec() != QDialog::Accepted)
            return;
        reason = dialog.reason();
    } else {
        QStringList guids;
        for (const CredentialRecord &r : targets)
            guids << r.name;
        QMessageBox box(
            QMessageBox::Question, tr("Unblock Tokens"),
            tr("Unblock %n token(s)? They will verify again until they expire.", nullptr, int(targets.size())),
            QMessageBox::Yes | QMessageBox::Cancel, m_context.dialogParent());
        box.setTextFormat(Qt::PlainText);
        box.setDetailedText(guids.join(QLatin1Char('\n')));
        box.setDefaultButton(QMessageBox::Yes);
        box.button(QMessageBox::Yes)->setText(tr("Unblock"));
        if (box.exec() != QMessageBox::Yes)
            return;
    }
    run(targets, reason);
}

void BlockTokensCommand::run(const QList<CredentialRecord> &records, const QString &reason)
{
    QStringList guids;
    guids.reserve(records.size());
    for (const CredentialRecord &r : records) {
        if (r.isToken())
            guids << r.name;
    }
    if (guids.isEmpty()) {
        report(false,
               m_mode == Mode::Block ? tr("Site certificates cannot be blocked.")
                                     : tr("Site certificates cannot be blocked or unblocked."));
        return;
    }
    if (reason.size() > TokenService::kMaxReasonLength) {
        report(false, tr("The reason is longer than %1 characters.").arg(TokenService::kMaxReasonLength));
        return;
    }
    setRunning(true);
    const Mode mode = m_mode;
    auto *job = SiteJob::start(
        m_context.site(),
        [guids, reason, mode](Site &site, SiteJob &) -> Result<QString> {
            TokenService service(site);
            auto changed = mode == Mode::Block ? service.block(guids, reason) : service.unblock(guids);
            if (!changed)
                return changed.takeError();
            return mode == Mode::Block
                ? BlockTokensCommand::tr("Blocked %n token(s).", nullptr, int(changed->size()))
                : BlockTokensCommand::tr("Unblocked %n token(s).", nullptr, int(changed->size()));
        },
        this);

    followJob(job,
              mode == Mode::Block ? tr("Blocking %n token(s)…", nullptr, int(guids.size()))
                                  : tr("Unblocking %n token(s)…", nullptr, int(guids.size())),
              m_action->iconText());
}

} // namespace tc
