#include "command.h"

#include "credentiallistmodel.h"
#include "sitejob.h"

#include <QMessageBox>
#include <QProgressDialog>
#include <QTimer>

namespace tc {

Command::Command(CommandContext &context, QObject *parent)
    : QObject(parent), m_context(context), m_action(new QAction(this))
{
    connect(m_action, &QAction::triggered, this, [this] {
        // A shortcut can fire while the action is being re-evaluated; check again.
        const QString why = disabledReason(m_context.selectedRecords());
        if (!why.isEmpty() || m_running) {
            if (!why.isEmpty())
                m_context.showStatusMessage(why);
            return;
        }
        execute();
    });
}

Command::Restriction Command::firstUnmet(Restrictions restrictions, const QList<CredentialRecord> &selection)
{
    if (restrictions == NoRestriction)
        return NoRestriction;
    if ((restrictions & NeedSelection) && selection.isEmpty())
        return NeedSelection;
    if ((restrictions & OnlyOneSelected) && selection.size() != 1)
        return OnlyOneSelected;
    // One pass over the selection (it may hold ten thousand rows).
    qsizetype tokens = 0, blocked = 0;
    for (const CredentialRecord &r : selection) {
        if (!r.isToken())
            continue;
        ++tokens;
        if (r.state == CredentialState::Blocked)
            ++blocked;
    }
    if ((restrictions & AnyToken) && tokens == 0)
        return AnyToken;
    if ((restrictions & OnlyTokens) && tokens != selection.size())
        return OnlyTokens;
    if ((restrictions & AnyUnblockedToken) && blocked == tokens)
        return AnyUnblockedToken;
    if ((restrictions & AnyBlockedToken) && blocked == 0)
        return AnyBlockedToken;
    return NoRestriction;
}

QString Command::disabledReason(const QList<CredentialRecord> &selection) const
{
    const Restriction unmet = firstUnmet(restrictions(), selection);
    return unmet == NoRestriction ? QString() : unmetReason(unmet);
}

QString Command::unmetReason(Restriction restriction) const
{
    switch (restriction) {
    case NoRestriction: return {};
    case NeedSelection: return tr("Select an item first.");
    case OnlyOneSelected: return tr("Select a single item.");
    case AnyToken: return tr("Select a bulk registration token.");
    case OnlyTokens: return tr("Select only bulk registration tokens.");
    case AnyUnblockedToken: return tr("The selected tokens are already blocked.");
    case AnyBlockedToken: return tr("The selected tokens are not blocked.");
    }
    return {};
}

void Command::updateFor(const QList<CredentialRecord> &selection)
{
    m_lastDisabledReason = m_running ? tr("This action is still running.") : disabledReason(selection);
    m_action->setEnabled(m_lastDisabledReason.isEmpty());
    m_action->setToolTip(m_lastDisabledReason.isEmpty() ? description() : m_lastDisabledReason);
    m_action->setStatusTip(m_action->toolTip());
}

void Command::setTexts(const QString &text, const QString &accessibleDescription)
{
    m_action->setText(text);
    m_action->setIconText(QString(text).remove(QLatin1Char('&')));
    m_action->setWhatsThis(accessibleDescription);
    m_action->setToolTip(m_lastDisabledReason.isEmpty() ? description() : m_lastDisabledReason);
}

void Command::setRunning(bool running)
{
    m_running = running;
    // While running the selection does not matter (the action is disabled either
    // way): no records are read for ten thousand selected rows.
    updateFor(running ? QList<CredentialRecord>() : m_context.selectedRecords());
}

void Command::report(bool ok, const QString &message)
{
    m_context.showStatusMessage(message);
    if (!ok && m_interactive) {
        QMessageBox box(QMessageBox::Warning, m_action->iconText(), message, QMessageBox::Ok, m_context.dialogParent());
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
    emit finished(ok, message);
}

void Command::followJob(SiteJob *job, const QString &busyText, const QString &title)
{
    QProgressDialog *progress = nullptr;
    if (m_interactive) {
        progress = new QProgressDialog(busyText, QString(), 0, 0, m_context.dialogParent());
        progress->setWindowTitle(title);
        progress->setMinimumDuration(400);
        progress->setCancelButton(nullptr); // one transaction: all or nothing, so no half-way cancel
        progress->setWindowModality(Qt::WindowModal);
    }
    connect(job, &SiteJob::finished, this, [this, progress](bool ok, const QString &message) {
        if (progress)
            progress->deleteLater();
        m_context.listModel().refresh();
        // The rest (re-reading the selection to enable actions) in the next turn of
        // the event loop: the list repaints in between, and no single step holds
        // the GUI thread for both.
        QTimer::singleShot(0, this, [this, ok, message] {
            setRunning(false);
            report(ok, message);
        });
    });
}

} // namespace tc
