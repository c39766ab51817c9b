#include "mainwindow.h"

#include "auditlogpage.h"
#include "blocktokenscommand.h"
#include "certificatespage.h"
#include "copyguidcommand.h"
#include "createtokencommand.h"
#include "credentiallistmodel.h"
#include "detailsview.h"
#include "exportcsvcommand.h"
#include "propertiescommand.h"
#include "refreshcommand.h"
#include "renewsigningcertificatecommand.h"
#include "ribbon.h"
#include "selectionrows.h"
#include "site.h"
#include "sitepki.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>

#include <QVBoxLayout>
#include <functional>

namespace tc {

namespace {

constexpr int kPollMilliseconds = 2000;

} // namespace

Result<std::unique_ptr<Site>> openSiteForConsole(const QString &folder)
{
    auto site = Site::openOrCreate(Site::resolveFolder(folder));
    if (!site)
        return site.takeError();
    // Opening checks the database; the signing key is only read when a token is
    // made. Read it now so that a damaged or exposed key is found at start.
    auto signer = SitePki(**site).currentSigner();
    if (!signer)
        return signer.takeError();
    return site;
}

MainWindow::MainWindow(Site &site, QWidget *parent) : QMainWindow(parent), m_site(site)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Token Console — Site %1").arg(site.siteCode()));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tokenconsole.svg")));

    m_model = new CredentialListModel(site, this);

    createCommands();
    createMenus();

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_ribbon = new Ribbon(central);
    centralLayout->addWidget(m_ribbon);
    createRibbon();

    m_mainSplitter = new QSplitter(Qt::Horizontal, central);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_navigation = new QTreeWidget(m_mainSplitter);
    m_pages = new QStackedWidget(m_mainSplitter);
    m_certificatesPage = new CertificatesPage(site, m_model, m_pages);
    connectCertificatesPage();
    m_auditPage = new AuditLogPage(site, kPollMilliseconds, m_pages);
    for (Page *page : {static_cast<Page *>(m_certificatesPage), static_cast<Page *>(m_auditPage)})
        addPage(page);
    createNavigation();
    m_mainSplitter->addWidget(m_navigation);
    m_mainSplitter->addWidget(m_pages);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    // Never narrower than its entries in this language, even when the saved
    // layout comes from a session in a language with shorter words.
    const int navigation = navigationWidth();
    m_navigation->setMinimumWidth(navigation);
    m_mainSplitter->setSizes({navigation, 1000});
    centralLayout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);

    m_listedLabel = new QLabel(this);
    m_selectedLabel = new QLabel(this);
    m_blockedLabel = new QLabel(this);
    for (QLabel *label : {m_listedLabel, m_selectedLabel, m_blockedLabel}) {
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
    }

    connect(m_model, &CredentialListModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_model, &CredentialListModel::databaseError, this, &MainWindow::showDatabaseError);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        // A poll may have changed the selected rows (blocked by the CLI, say).
        updateActions();
        updateDetails();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateCounts);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCounts);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCounts);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateCounts);

    m_certificatesPage->applyDefaultColumns();
    resize(1280, 800);
    restoreSettings();
    m_model->setPollInterval(kPollMilliseconds);
    updateActions();
    updateCounts();
    updateDetails();
    m_table->setFocus();
}

MainWindow::~MainWindow() = default;

QLineEdit *MainWindow::searchEdit() const
{
    return m_certificatesPage->searchEdit();
}

QComboBox *MainWindow::typeFilter() const
{
    return m_certificatesPage->typeFilter();
}

AuditLogModel *MainWindow::auditModel() const
{
    return m_auditPage->model();
}

// ---- commands and menus

void MainWindow::createCommands()
{
    m_create = new CreateTokenCommand(*this, this);
    m_block = new BlockTokensCommand(BlockTokensCommand::Mode::Block, *this, this);
    m_unblock = new BlockTokensCommand(BlockTokensCommand::Mode::Unblock, *this, this);
    m_renew = new RenewSigningCertificateCommand(*this, this);
    m_refresh = new RefreshCommand(*this, this);
    m_export = new ExportCsvCommand(*this, this);
    m_properties = new PropertiesCommand(*this, this);
    m_copyGuid = new CopyGuidCommand(*this, this);
    m_commands = {m_create, m_block, m_unblock, m_renew, m_refresh, m_export, m_properties, m_copyGuid};
    m_block->action()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_unblock->action()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));

    connect(m_create, &CreateTokenCommand::tokenCreated, this, [this](const QString &guid) {
        // Show the new token: clear a search that would hide it, then select it.
        auto found = m_site.store().findToken(guid);
        if (!found || !found->has_value())
            return;
        if (m_model->rowOfId((*found)->id) < 0)
            m_certificatesPage->showEverything();
        selectId((*found)->id);
    });

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setObjectName(QStringLiteral("actionFind"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setIcon(QIcon(QStringLiteral(":/icons/search.svg")));
    connect(m_findAction, &QAction::triggered, this, [this] {
        showPage(m_certificatesPage);
        m_certificatesPage->focusSearch();
    });
    addAction(m_findAction);

    m_contextMenuAction = new QAction(tr("Open Context &Menu"), this);
    m_contextMenuAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10));
    m_contextMenuAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_contextMenuAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        const QPoint at = current.isValid() ? m_table->visualRect(current).center() : QPoint(8, 8);
        showRowMenu(at);
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_export->action());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("actionQuit"));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copyGuid->action());
    edit->addSeparator();
    edit->addAction(m_findAction);
    QAction *selectAll = edit->addAction(tr("Select &All"), this, [this] { m_table->selectAll(); });
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refresh->action());
    m_detailsAction = view->addAction(tr("&Details Pane"));
    m_detailsAction->setCheckable(true);
    m_detailsAction->setChecked(true);
    m_detailsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_detailsAction->setObjectName(QStringLiteral("actionDetailsPane"));
    QMenu *columns = view->addMenu(tr("&Columns"));
    connect(columns, &QMenu::aboutToShow, this, [this, columns] {
        columns->clear();
        QHeaderView *header = m_table->horizontalHeader();
        for (int c = 0; c < m_model->columnCount(); ++c) {
            QAction *a = columns->addAction(m_model->headerData(c, Qt::Horizontal).toString());
            a->setCheckable(true);
            a->setChecked(!header->isSectionHidden(c));
            connect(a, &QAction::toggled, this, [header, c](bool on) { header->setSectionHidden(c, !on); });
        }
        columns->addSeparator();
        columns->addAction(tr("Reset Columns"), m_certificatesPage, &CertificatesPage::applyDefaultColumns);
    });
    m_viewMenu = view;
    QMenu *actions = menuBar()->addMenu(tr("&Actions"));
    actions->addAction(m_create->action());
    actions->addSeparator();
    actions->addAction(m_block->action());
    actions->addAction(m_unblock->action());
    actions->addSeparator();
    actions->addAction(m_renew->action());
    actions->addSeparator();
    actions->addAction(m_properties->action());
    for (QMenu *menu : {file, edit, view, actions})
        menu->setToolTipsVisible(true);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Token Console"), this, [this] {
        QMessageBox::about(this, tr("About Token Console"),
                           tr("<h3>Token Console</h3><p>Certificates and bulk registration tokens of a management "
                              "site.</p><p>Site %1, tenant %2.</p><p>Site folder: %3</p>")
                               .arg(m_site.siteCode().toHtmlEscaped(), m_site.tenantId().toHtmlEscaped(),
                                    m_site.folder().toHtmlEscaped()));
    });
}

void MainWindow::createRibbon()
{
    const int home = m_ribbon->addPage(tr("Home"));
    m_ribbon->addGroup(home, tr("Create"), {m_create->action()});
    m_ribbon->addGroup(home, tr("Token"), {m_block->action(), m_unblock->action()});
    m_ribbon->addGroup(home, tr("Certificate"), {m_renew->action()});
    m_ribbon->addGroup(home, tr("List"), {m_refresh->action(), m_export->action()});
    m_ribbon->addGroup(home, tr("Item"), {m_properties->action(), m_copyGuid->action()});
    // Short texts under the big buttons; the menus keep the full wording.
    m_create->action()->setIconText(tr("Create Bulk\nRegistration Token"));
    m_renew->action()->setIconText(tr("Renew Token\nSigning Certificate"));
}

void MainWindow::connectCertificatesPage()
{
    m_table = m_certificatesPage->table();
    m_details = m_certificatesPage->details();
    connect(m_certificatesPage, &CertificatesPage::filterChanged, this, &MainWindow::updateCounts);
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showRowMenu);
    m_table->installEventFilter(this); // the Menu key opens the menu at the current row
    connect(m_table, &QAbstractItemView::doubleClicked, m_properties->action(), &QAction::trigger);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updateCounts();
        updateDetails();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::updateDetails);
    // Enter and Ctrl+C belong to the list; in the search box they keep their meaning.
    for (QAction *action : {m_properties->action(), m_copyGuid->action(), m_contextMenuAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_table->addAction(action);
    }
    connect(m_detailsAction, &QAction::toggled, m_details, &QWidget::setVisible);
    // Refresh reads the list again (RefreshCommand); the page shown reads what it shows.
    connect(m_refresh->action(), &QAction::triggered, this, [this] {
        if (auto *page = qobject_cast<Page *>(m_pages->currentWidget()))
            page->refresh();
    });
}

void MainWindow::addPage(Page *page)
{
    m_pages->addWidget(page);
    m_pageList << page;
    connect(page, &Page::databaseError, this, &MainWindow::showDatabaseError);
}

void MainWindow::createNavigation()
{
    m_navigation->setObjectName(QStringLiteral("navigationTree"));
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setHeaderHidden(true);
    m_navigation->setRootIsDecorated(true);
    // Each page under its folders, made on first use, in the order pages were added.
    m_viewMenu->addSeparator();
    for (int index = 0; index < m_pageList.size(); ++index) {
        Page *page = m_pageList.at(index);
        QTreeWidgetItem *parent = nullptr;
        for (const Page::Folder &folder : page->folders()) {
            QTreeWidgetItem *found = nullptr;
            const int count = parent ? parent->childCount() : m_navigation->topLevelItemCount();
            for (int i = 0; i < count && !found; ++i) {
                QTreeWidgetItem *item = parent ? parent->child(i) : m_navigation->topLevelItem(i);
                if (!item->data(0, Qt::UserRole).isValid() && item->text(0) == folder.text)
                    found = item;
            }
            if (!found) {
                found = parent ? new QTreeWidgetItem(parent, {folder.text})
                               : new QTreeWidgetItem(m_navigation, {folder.text});
                found->setIcon(0, QIcon(folder.iconPath));
                found->setFlags(found->flags() & ~Qt::ItemIsSelectable);
            }
            parent = found;
        }
        auto *item = parent ? new QTreeWidgetItem(parent, {page->title()})
                            : new QTreeWidgetItem(m_navigation, {page->title()});
        item->setIcon(0, QIcon(page->iconPath()));
        item->setData(0, Qt::UserRole, index);
        m_pageItems << item;
        // Ctrl+1, Ctrl+2, ...: every page from the keyboard.
        QAction *go
            = m_viewMenu->addAction(QIcon(page->iconPath()), page->menuText(), this, [this, page] { showPage(page); });
        if (index < 9)
            go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    }
    m_navigation->expandAll();
    m_navigation->setCurrentItem(m_pageItems.value(0));
    connect(m_navigation, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item || !item->data(0, Qt::UserRole).isValid())
            return;
        Page *before = qobject_cast<Page *>(m_pages->currentWidget());
        Page *page = m_pageList.value(item->data(0, Qt::UserRole).toInt());
        if (!page || page == before)
            return;
        if (before)
            before->hidden();
        m_pages->setCurrentWidget(page);
        page->shown();
    });
}

void MainWindow::showPage(Page *page)
{
    const int index = int(m_pageList.indexOf(page));
    if (index >= 0)
        m_navigation->setCurrentItem(m_pageItems.at(index));
}

int MainWindow::navigationWidth() const
{
    // Wide enough for the longest entry in the current language ("Überwachungs-
    // protokoll" is longer than "Audit Log"): indentation, icon and text, the
    // item's margins and the frame, so no entry is clipped behind a scroll bar.
    const QFontMetrics fm = m_navigation->fontMetrics();
    const int icon = m_navigation->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_navigation);
    int widest = 0;
    const std::function<void(QTreeWidgetItem *, int)> measure = [&](QTreeWidgetItem *item, int depth) {
        widest = qMax(widest, (depth + 1) * m_navigation->indentation() + icon + fm.horizontalAdvance(item->text(0)));
        for (int i = 0; i < item->childCount(); ++i)
            measure(item->child(i), depth + 1);
    };
    for (int i = 0; i < m_navigation->topLevelItemCount(); ++i)
        measure(m_navigation->topLevelItem(i), 0);
    const int margins
        = 4 * m_navigation->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_navigation) + 16;
    return qMax(180, widest + margins + 2 * m_navigation->frameWidth());
}

// ---- selection, actions, counts

QList<CredentialRecord> MainWindow::selectedRecords() const
{
    if (!m_table || !m_table->selectionModel())
        return {};
    QModelIndexList indexes;
    for (int row : selectedRowNumbers(m_table->selectionModel()->selection()))
        indexes << m_model->index(row, 0);
    return m_model->records(indexes);
}

int MainWindow::selectedRowCount() const
{
    // From the selection's ranges: no index per row, even when all of a
    // million rows are selected.
    if (!m_table || !m_table->selectionModel())
        return 0;
    return int(qMin<qint64>(selectedRowTotal(m_table->selectionModel()->selection()), INT_MAX));
}

void MainWindow::updateActions()
{
    const QList<CredentialRecord> selection = selectedRecords();
    for (Command *command : std::as_const(m_commands))
        command->updateFor(selection);
}

void MainWindow::updateCounts()
{
    m_listedLabel->setText(tr("%n item(s) listed", nullptr, m_model->rowCount()));
    const int selected = selectedRowCount();
    m_selectedLabel->setText(tr("%n selected", nullptr, selected));
    m_blockedLabel->setText(tr("%n blocked", nullptr, int(m_model->blockedCount())));
}

QString MainWindow::countsText() const
{
    return QStringList{m_listedLabel->text(), m_selectedLabel->text(), m_blockedLabel->text()}.join(
        QStringLiteral(" · "));
}

void MainWindow::updateDetails()
{
    const int count = selectedRowCount();
    const auto record = count == 1
        ? m_model->record(m_model->index(selectedRowNumbers(m_table->selectionModel()->selection()).value(0), 0))
        : std::optional<CredentialRecord>();
    // Polls report changes often; re-render (and lose the pane's scroll
    // position) only when what is shown has changed.
    const QString key = record
        ? QStringLiteral("%1/%2/%3").arg(record->id).arg(record->changeSeq).arg(int(record->state))
        : QStringLiteral("n%1").arg(count);
    if (key == m_detailsKey)
        return;
    m_detailsKey = key;
    m_details->showRecord(record, count);
}

void MainWindow::showStatusMessage(const QString &message)
{
    statusBar()->showMessage(message, 8000);
}

void MainWindow::showDatabaseError(const QString &message)
{
    m_certificatesPage->showError(message);
}

bool MainWindow::selectId(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

// ---- menus

QMenu *MainWindow::createRowContextMenu()
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("rowContextMenu"));
    menu->setToolTipsVisible(true);
    menu->addAction(m_create->action());
    menu->addSeparator();
    menu->addAction(m_block->action());
    menu->addAction(m_unblock->action());
    menu->addSeparator();
    menu->addAction(m_copyGuid->action());
    menu->addAction(m_export->action());
    menu->addAction(m_refresh->action());
    menu->addSeparator();
    menu->addAction(m_renew->action());
    menu->addSeparator();
    menu->addAction(m_properties->action());
    return menu;
}

void MainWindow::showRowMenu(const QPoint &pos)
{
    // Right-clicking an unselected row selects it first, as file managers do.
    const QModelIndex index = m_table->indexAt(pos);
    if (index.isValid() && !m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->selectionModel()->setCurrentIndex(index,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QMenu *menu = createRowContextMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

// ---- settings

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    m_certificatesPage->saveSettings(settings);
    settings.setValue(QStringLiteral("detailsPane"), m_detailsAction->isChecked());
    settings.endGroup();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    if (settings.contains(QStringLiteral("geometry")))
        restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_mainSplitter->restoreState(settings.value(QStringLiteral("mainSplitter")).toByteArray());
    m_certificatesPage->restoreSettings(settings);
    m_detailsAction->setChecked(settings.value(QStringLiteral("detailsPane"), true).toBool());
    settings.endGroup();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // From the keyboard (Menu key), the menu belongs to the current row, not to
    // whatever row the mouse pointer happens to rest on.
    if (watched == m_table && event->type() == QEvent::ContextMenu
        && static_cast<QContextMenuEvent *>(event)->reason() == QContextMenuEvent::Keyboard) {
        m_contextMenuAction->trigger();
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (Command *command : std::as_const(m_commands)) {
        if (command->isRunning()) {
            showStatusMessage(tr("Wait until the running action has finished."));
            event->ignore();
            return;
        }
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace tc
