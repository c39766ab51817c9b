#pragma once

#include "command.h"
#include "result.h"

#include <QMainWindow>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace tc {

class AuditLogModel;
class AuditLogPage;
class BlockTokensCommand;
class CertificatesPage;
class CopyGuidCommand;
class CreateTokenCommand;
class CredentialListModel;
class DetailsView;
class ExportCsvCommand;
class Page;
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
    QLineEdit *searchEdit() const;
    QComboBox *typeFilter() const;
    DetailsView *detailsView() const { return m_details; }
    QTreeWidget *navigationTree() const { return m_navigation; }
    AuditLogModel *auditModel() const;
    // The pages, in navigation order, and the one shown.
    QList<Page *> pages() const { return m_pageList; }
    void showPage(Page *page);
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
    void connectCertificatesPage();
    void addPage(Page *page);
    void createNavigation();
    int navigationWidth() const;
    void updateActions();
    void updateCounts();
    void updateDetails();
    void showRowMenu(const QPoint &pos);
    void showDatabaseError(const QString &message);

    Site &m_site;
    CredentialListModel *m_model = nullptr;

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
    QList<Page *> m_pageList;
    QList<QTreeWidgetItem *> m_pageItems; // each page's navigation entry
    CertificatesPage *m_certificatesPage = nullptr;
    AuditLogPage *m_auditPage = nullptr;
    QMenu *m_viewMenu = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QTableView *m_table = nullptr;    // the certificates page's list
    DetailsView *m_details = nullptr; // and its details pane
    QLabel *m_listedLabel = nullptr;
    QLabel *m_selectedLabel = nullptr;
    QLabel *m_blockedLabel = nullptr;
    QString m_detailsKey; // what the details pane shows now
};

} // namespace tc
