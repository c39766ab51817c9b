#pragma once

#include "command.h"
#include "result.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QTreeWidget;

namespace tc {

class AuditLogModel;
class BlockTokensCommand;
class CopyGuidCommand;
class CreateTokenCommand;
class CredentialListModel;
class DetailsView;
class ExportCsvCommand;
class PropertiesCommand;
class RefreshCommand;
class RenewSigningCertificateCommand;
class Ribbon;

// Opens the site for the console: open or create, then make sure the signing
// key can be used (refusing a key file others can read). One sentence on failure.
Result<std::unique_ptr<Site>> openSiteForConsole(const QString &folder);

// The console: navigation tree (Administration > Security > Certificates,
// Audit Log), the ribbon's Home tab, the Certificates list with search, type
// filter and details pane, and a status bar with counts.
class MainWindow : public QMainWindow, public CommandContext
{
    Q_OBJECT

public:
    explicit MainWindow(Site &site, QWidget *parent = nullptr);
    ~MainWindow() override;

    // CommandContext
    Site &site() override { return m_site; }
    CredentialListModel &listModel() override { return *m_model; }
    QList<CredentialRecord> selectedRecords() const override;
    int selectedRowCount() const;
    QWidget *dialogParent() override { return this; }
    void showStatusMessage(const QString &message) override;

    QTableView *tableView() const { return m_table; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *typeFilter() const { return m_typeFilter; }
    DetailsView *detailsView() const { return m_details; }
    QTreeWidget *navigationTree() const { return m_navigation; }
    AuditLogModel *auditModel() const { return m_auditModel; }
    QList<Command *> commands() const { return m_commands; }
    CreateTokenCommand *createTokenCommand() const { return m_create; }
    BlockTokensCommand *blockCommand() const { return m_block; }
    BlockTokensCommand *unblockCommand() const { return m_unblock; }
    RenewSigningCertificateCommand *renewCommand() const { return m_renew; }
    RefreshCommand *refreshCommand() const { return m_refresh; }
    ExportCsvCommand *exportCommand() const { return m_export; }
    PropertiesCommand *propertiesCommand() const { return m_properties; }
    CopyGuidCommand *copyGuidCommand() const { return m_copyGuid; }
    // "12 items", "2 selected", "3 blocked": the status bar's counts.
    QString countsText() const;

    // The row context menu (the same QActions as the ribbon), not yet shown.
    QMenu *createRowContextMenu();
    // Selects the row of the item with this id and scrolls to it.
    bool selectId(qint64 id);

    // Saved on close; restore happens in the constructor.
    void saveSettings() const;
    void restoreSettings();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createCommands();
    void createMenus();
    void createRibbon();
    QWidget *createCertificatesPage();
    QWidget *createAuditPage();
    void createNavigation();
    int navigationWidth() const;
    void applyDefaultColumnWidths();
    void updateActions();
    void updateCounts();
    void updateDetails();
    void showHeaderMenu(const QPoint &pos);
    void showRowMenu(const QPoint &pos);
    void showDatabaseError(const QString &message);

    Site &m_site;
    CredentialListModel *m_model = nullptr;
    AuditLogModel *m_auditModel = nullptr;

    QList<Command *> m_commands;
    CreateTokenCommand *m_create = nullptr;
    BlockTokensCommand *m_block = nullptr;
    BlockTokensCommand *m_unblock = nullptr;
    RenewSigningCertificateCommand *m_renew = nullptr;
    RefreshCommand *m_refresh = nullptr;
    ExportCsvCommand *m_export = nullptr;
    PropertiesCommand *m_properties = nullptr;
    CopyGuidCommand *m_copyGuid = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_detailsAction = nullptr;
    QAction *m_contextMenuAction = nullptr;

    Ribbon *m_ribbon = nullptr;
    QTreeWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_listSplitter = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_auditTable = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_typeFilter = nullptr;
    QLabel *m_errorBanner = nullptr;
    DetailsView *m_details = nullptr;
    QLabel *m_listedLabel = nullptr;
    QLabel *m_selectedLabel = nullptr;
    QLabel *m_blockedLabel = nullptr;
    QTimer *m_searchDebounce = nullptr;
    // A typed search waits (at most kSearchIndexWaitMilliseconds after opening)
    // for the list's search index, built in the background after open.
    QElapsedTimer m_openedAt;
    bool m_searchWaitsForIndex = false;
    QTimer *m_auditPoll = nullptr;
    QString m_detailsKey; // what the details pane shows now
};

} // namespace tc
