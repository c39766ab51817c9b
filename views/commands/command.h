#pragma once

#include "records.h"

#include <QAction>
#include <QList>
#include <QObject>
#include <QPointer>

namespace tc {

class SiteJob;

class CredentialListModel;
class Site;

// What a command needs from the window it acts in. The main window implements
// it; so can a test.
class CommandContext
{
public:
    virtual ~CommandContext() = default;
    virtual Site &site() = 0;
    virtual CredentialListModel &listModel() = 0;
    virtual QList<CredentialRecord> selectedRecords() const = 0;
    // Parent for dialogs and message boxes.
    virtual QWidget *dialogParent() = 0;
    virtual void showStatusMessage(const QString &message) = 0;
};

// One user action (Kleopatra's command pattern): its QAction, shared by the
// ribbon, the menu bar and the context menu, and its enable rule computed from
// the selection. A disabled action's tooltip says why.
class Command : public QObject
{
    Q_OBJECT

public:
    Command(CommandContext &context, QObject *parent = nullptr);

    QAction *action() const { return m_action; }

    // Enables or disables the action for this selection and sets the tooltip.
    void updateFor(const QList<CredentialRecord> &selection);
    // Empty when the command can run on this selection; otherwise one sentence why not.
    virtual QString disabledReason(const QList<CredentialRecord> &selection) const = 0;

    // Without dialogs and message boxes (tests, benchmarks): failures are only
    // reported through finished().
    void setInteractive(bool interactive) { m_interactive = interactive; }
    bool isInteractive() const { return m_interactive; }
    bool isRunning() const { return m_running; }

    // Sets the texts again (after a language change).
    virtual void retranslate() = 0;

signals:
    // Emitted once per run that got past its confirmation.
    void finished(bool ok, const QString &message);

protected:
    // The user's trigger: usually confirm, then run.
    virtual void execute() = 0;
    // Tooltip when enabled.
    virtual QString description() const = 0;

    void setTexts(const QString &text, const QString &accessibleDescription);
    void setRunning(bool running);
    // Reports the outcome: status bar, message box on failure (interactive), finished().
    void report(bool ok, const QString &message);
    // Waits for a background job that changes the site: a busy dialog without Cancel
    // (one transaction, all or nothing) when interactive, then the list is refreshed
    // and the outcome reported.
    void followJob(SiteJob *job, const QString &busyText, const QString &title);

    CommandContext &m_context;
    QAction *m_action;

private:
    bool m_interactive = true;
    bool m_running = false;
    QString m_lastDisabledReason;
};

} // namespace tc
