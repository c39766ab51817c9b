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
// ribbon, the menu bar and the context menu. Its enable rule is declared once,
// as restrictions() on the selection (Kleopatra's Command::restrictions());
// Command checks them in one place, in a fixed order, and a disabled action's
// tooltip is the sentence for the first one unmet (unmetReason()).
class Command : public QObject
{
    Q_OBJECT

public:
    Command(CommandContext &context, QObject *parent = nullptr);

    QAction *action() const { return m_action; }

    // What the selection must be, checked in this order.
    enum Restriction : unsigned {
        NoRestriction = 0,
        NeedSelection = 1 << 0,     // at least one item
        OnlyOneSelected = 1 << 1,   // exactly one item
        AnyToken = 1 << 2,          // at least one bulk token
        OnlyTokens = 1 << 3,        // no site certificate
        AnyUnblockedToken = 1 << 4, // a token that is not blocked (something to block)
        AnyBlockedToken = 1 << 5,   // a blocked token (something to unblock)
    };
    Q_DECLARE_FLAGS(Restrictions, Restriction)
    virtual Restrictions restrictions() const { return NoRestriction; }
    // The first restriction this selection does not meet, or NoRestriction.
    static Restriction firstUnmet(Restrictions restrictions, const QList<CredentialRecord> &selection);

    // Enables or disables the action for this selection and sets the tooltip.
    void updateFor(const QList<CredentialRecord> &selection);
    // Empty when the command can run on this selection; otherwise one sentence
    // why not: unmetReason() of the first restriction unmet.
    QString disabledReason(const QList<CredentialRecord> &selection) const;

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
    // The sentence a disabled action shows when restriction is not met; each
    // command words its own (the defaults are general).
    virtual QString unmetReason(Restriction restriction) const;
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

Q_DECLARE_OPERATORS_FOR_FLAGS(Command::Restrictions)

} // namespace tc
