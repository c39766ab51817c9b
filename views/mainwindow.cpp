#include "mainwindow.h"

#include "auditlogmodel.h"
#include "blocktokenscommand.h"
#include "copyguidcommand.h"
#include "createtokencommand.h"
#include "credentiallistmodel.h"
#include "detailsview.h"
#include "exportcsvcommand.h"
#include "labelledcombobox.h"
#include "propertiescommand.h"
#include "refreshcommand.h"
#include "renewsigningcertificatecommand.h"
#include "ribbon.h"
#include "site.h"
#include "sitepki.h"
#include "statusdelegate.h"

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
constexpr int kSearchDebounceMilliseconds = 200;
constexpr int kSearchIndexWaitMilliseconds = 5000;

enum NavigationPage { CertificatesPage = 0, AuditPage = 1 };

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
    m_auditModel = new AuditLogModel(site, this);

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
    createNavigation();
    m_mainSplitter->addWidget(m_navigation);
    m_pages = new QStackedWidget(m_mainSplitter);
    m_pages->addWidget(createCertificatesPage());
    m_pages->addWidget(createAuditPage());
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

    applyDefaultColumnWidths();
    resize(1280, 800);
    restoreSettings();
    m_model->setPollInterval(kPollMilliseconds);
    updateActions();
    updateCounts();
    updateDetails();
    m_table->setFocus();
}

MainWindow::~MainWindow() = default;

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
        if (m_model->rowOfId((*found)->id) < 0) {
            m_search->clear();
            m_model->setSearchText(QString());
            m_typeFilter->setCurrentIndex(0);
        }
        selectId((*found)->id);
    });

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setObjectName(QStringLiteral("actionFind"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setIcon(QIcon(QStringLiteral(":/icons/search.svg")));
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_pages->setCurrentIndex(CertificatesPage);
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
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
        columns->addAction(tr("Reset Columns"), this, &MainWindow::applyDefaultColumnWidths);
    });
    view->addSeparator();
    QAction *certificates = view->addAction(tr("C&ertificates"), this, [this] {
        m_navigation->setCurrentItem(m_navigation->topLevelItem(0)->child(0)->child(CertificatesPage));
    });
    certificates->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *audit = view->addAction(tr("&Audit Log"), this, [this] {
        m_navigation->setCurrentItem(m_navigation->topLevelItem(0)->child(0)->child(AuditPage));
    });
    audit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));

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

void MainWindow::createNavigation()
{
    m_navigation = new QTreeWidget(m_mainSplitter);
    m_navigation->setObjectName(QStringLiteral("navigationTree"));
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setHeaderHidden(true);
    m_navigation->setRootIsDecorated(true);
    auto *administration = new QTreeWidgetItem(m_navigation, {tr("Administration")});
    administration->setIcon(0, QIcon(QStringLiteral(":/icons/administration.svg")));
    auto *security = new QTreeWidgetItem(administration, {tr("Security")});
    security->setIcon(0, QIcon(QStringLiteral(":/icons/security.svg")));
    auto *certificates = new QTreeWidgetItem(security, {tr("Certificates")});
    certificates->setIcon(0, QIcon(QStringLiteral(":/icons/certificate.svg")));
    certificates->setData(0, Qt::UserRole, CertificatesPage);
    auto *audit = new QTreeWidgetItem(security, {tr("Audit Log")});
    audit->setIcon(0, QIcon(QStringLiteral(":/icons/audit.svg")));
    audit->setData(0, Qt::UserRole, AuditPage);
    for (QTreeWidgetItem *item : {administration, security})
        item->setFlags(item->flags() & ~Qt::ItemIsSelectable);
    m_navigation->expandAll();
    m_navigation->setCurrentItem(certificates);
    connect(m_navigation, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item || !item->data(0, Qt::UserRole).isValid())
            return;
        const int page = item->data(0, Qt::UserRole).toInt();
        m_pages->setCurrentIndex(page);
        if (page == AuditPage) {
            if (const QString error = m_auditModel->reload(); !error.isEmpty())
                showDatabaseError(error);
            m_auditPoll->start();
        } else {
            m_auditPoll->stop();
        }
    });
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

QWidget *MainWindow::createCertificatesPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *bar = new QWidget(page);
    auto *barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(10, 8, 10, 8);
    barLayout->setSpacing(8);
    auto *title = new QLabel(tr("Certificates"), bar);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    title->setFont(titleFont);
    barLayout->addWidget(title);
    barLayout->addStretch();
    auto *typeLabel = new QLabel(tr("&Type:"), bar);
    barLayout->addWidget(typeLabel);
    m_typeFilter = new LabelledComboBox(bar);
    m_typeFilter->setObjectName(QStringLiteral("typeFilter"));
    m_typeFilter->setAccessibleName(tr("Type filter"));
    m_typeFilter->addItem(tr("All"));
    for (CredentialKind kind : {CredentialKind::BulkToken, CredentialKind::IssuingRoot, CredentialKind::TokenSigning})
        m_typeFilter->addItem(kindDisplayName(kind), int(kind));
    m_typeFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    typeLabel->setBuddy(m_typeFilter);
    barLayout->addWidget(m_typeFilter);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setPlaceholderText(tr("Search GUID, subject or thumbprint (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(qMax(320, m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 56));
    barLayout->addWidget(m_search);
    layout->addWidget(bar);

    m_errorBanner = new QLabel(page);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setTextFormat(Qt::PlainText);
    m_errorBanner->setWordWrap(true);
    m_errorBanner->setStyleSheet(QStringLiteral("QLabel { background: #fde7e9; color: #8a101c; padding: 8px;"
                                                " border-top: 1px solid #e8a0a8; border-bottom: 1px solid #e8a0a8; }"));
    m_errorBanner->hide();
    layout->addWidget(m_errorBanner);

    m_listSplitter = new QSplitter(Qt::Vertical, page);
    m_listSplitter->setObjectName(QStringLiteral("listSplitter"));
    m_listSplitter->setChildrenCollapsible(false);
    m_table = new QTableView(m_listSplitter);
    m_table->setObjectName(QStringLiteral("certificateTable"));
    m_table->setAccessibleName(tr("Certificates and bulk registration tokens"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new StatusDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setTabKeyNavigation(false);
    // Uniform, fixed rows: the view never measures a million rows.
    QHeaderView *vertical = m_table->verticalHeader();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setDefaultSectionSize(fontMetrics().height() + 10);
    vertical->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    header->setSortIndicatorShown(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &MainWindow::showHeaderMenu);
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

    m_details = new DetailsView(m_site, m_listSplitter);
    m_details->setMinimumHeight(120);
    m_listSplitter->addWidget(m_table);
    m_listSplitter->addWidget(m_details);
    m_listSplitter->setStretchFactor(0, 3);
    m_listSplitter->setStretchFactor(1, 1);
    m_listSplitter->setSizes({520, 200});
    layout->addWidget(m_listSplitter, 1);
    connect(m_detailsAction, &QAction::toggled, m_details, &QWidget::setVisible);

    m_searchDebounce = new QTimer(this);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(kSearchDebounceMilliseconds);
    connect(m_search, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    m_openedAt.start();
    const auto applySearch = [this] {
        const QString text = m_search->text().trimmed();
        // Right after opening, the search index is still being built (about a
        // second at a million rows). Through SQL a search would hold the window for
        // a noticeable moment, so a typed search waits for the index, briefly.
        if (!text.isEmpty() && !m_model->isSearchIndexReady() && m_openedAt.elapsed() < kSearchIndexWaitMilliseconds) {
            m_searchWaitsForIndex = true;
            m_searchDebounce->start();
            return;
        }
        m_searchWaitsForIndex = false;
        m_model->setSearchText(text);
        updateCounts();
    };
    connect(m_searchDebounce, &QTimer::timeout, this, applySearch);
    connect(m_model, &CredentialListModel::searchIndexReady, this, [this, applySearch] {
        if (m_searchWaitsForIndex && m_searchDebounce->isActive()) {
            m_searchDebounce->stop();
            applySearch();
        }
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDebounce->stop();
        m_model->setSearchText(m_search->text().trimmed());
        updateCounts();
        // Enter takes the user to the matches with one selected, so the next key
        // (Enter, Ctrl+B, the Menu key) acts on it: the current row if it is
        // still listed (every listed row matches), else the first.
        m_table->setFocus(Qt::OtherFocusReason);
        if (m_model->rowCount() == 0)
            return;
        const QModelIndex current = m_table->currentIndex();
        const QModelIndex target = m_model->index(current.isValid() ? current.row() : 0, 0);
        m_table->selectionModel()->setCurrentIndex(target,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(target);
    });
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QVariant kind = m_typeFilter->itemData(index);
        m_model->setKindFilter(kind.isValid() ? std::optional<CredentialKind>(CredentialKind(kind.toInt()))
                                              : std::nullopt);
        updateCounts();
    });
    return page;
}

QWidget *MainWindow::createAuditPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Audit Log"), page);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(title);
    m_auditTable = new QTableView(page);
    m_auditTable->setObjectName(QStringLiteral("auditTable"));
    m_auditTable->setAccessibleName(tr("Audit log"));
    m_auditTable->setModel(m_auditModel);
    m_auditTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_auditTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_auditTable->setWordWrap(false);
    m_auditTable->setShowGrid(false);
    m_auditTable->setAlternatingRowColors(true);
    m_auditTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_auditTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_auditTable->verticalHeader()->hide();
    m_auditTable->horizontalHeader()->setStretchLastSection(true);
    m_auditTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics fm = fontMetrics();
    m_auditTable->setColumnWidth(AuditLogModel::Time, fm.horizontalAdvance(QStringLiteral("00/00/0000 00:00 PM")) + 24);
    m_auditTable->setColumnWidth(AuditLogModel::User, fm.horizontalAdvance(QStringLiteral("administrator")) + 24);
    int actionWidth = 0;
    for (AuditAction action : kAllAuditActions)
        actionWidth = qMax(actionWidth, fm.horizontalAdvance(auditActionDisplayName(action)));
    m_auditTable->setColumnWidth(AuditLogModel::Action, actionWidth + 36);
    m_auditTable->setColumnWidth(AuditLogModel::Target,
                                 fm.horizontalAdvance(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")) + 24);
    layout->addWidget(m_auditTable, 1);

    m_auditPoll = new QTimer(this);
    m_auditPoll->setInterval(kPollMilliseconds);
    connect(m_auditPoll, &QTimer::timeout, this, [this] {
        if (const QString error = m_auditModel->reload(); !error.isEmpty())
            showDatabaseError(error);
    });
    connect(m_refresh->action(), &QAction::triggered, this, [this] {
        if (m_pages->currentIndex() == AuditPage)
            m_auditModel->reload();
    });
    return page;
}

void MainWindow::applyDefaultColumnWidths()
{
    // Widths from the texts the columns will show, in the current language.
    const QFontMetrics fm = m_table->fontMetrics();
    QHeaderView *header = m_table->horizontalHeader();
    auto fit = [&](CredentialColumn column, const QStringList &samples, int cap = 320) {
        const int c = int(column);
        int widest = fm.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + 24; // sort arrow
        for (const QString &sample : samples)
            widest = qMax(widest, fm.horizontalAdvance(sample));
        // And the first rows as they are: a bounded look, never ResizeToContents.
        for (int row = 0; row < qMin(m_model->rowCount(), 50); ++row)
            widest = qMax(widest, qMin(fm.horizontalAdvance(m_model->index(row, c).data().toString()), cap));
        m_table->setColumnWidth(c, widest + 20);
    };
    for (int c = 0; c < int(CredentialColumn::NumColumns); ++c) {
        header->setSectionHidden(c, false);
        header->moveSection(header->visualIndex(c), c);
    }
    const QString date = QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(22, 58)), QLocale::ShortFormat);
    QStringList statuses;
    for (DisplayStatus s :
         {DisplayStatus::Active, DisplayStatus::Blocked, DisplayStatus::Expired, DisplayStatus::Superseded})
        statuses << statusDisplayName(s) + QLatin1String("     "); // room for the icon
    statuses << expiresSoonDisplayName() + QLatin1String("     ");
    fit(CredentialColumn::Name, {QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")});
    fit(CredentialColumn::Type,
        {kindDisplayName(CredentialKind::BulkToken), kindDisplayName(CredentialKind::TokenSigning)});
    fit(CredentialColumn::Status, statuses);
    fit(CredentialColumn::ValidFrom, {date});
    fit(CredentialColumn::ValidTo, {date});
    fit(CredentialColumn::Remaining, {QStringLiteral("18 h 31 min")});
    fit(CredentialColumn::Lifetime, {QStringLiteral("6 d 23 h")}, 150); // the rest is in the tooltip and details
    fit(CredentialColumn::Issuer, {QStringLiteral("SMS Token Signing Certificate")});
    fit(CredentialColumn::Thumbprint, {QStringLiteral("0123456789ABCDEF0123456789ABCDEF01234567")});
    fit(CredentialColumn::CreatedBy, {QStringLiteral("administrator")});
    fit(CredentialColumn::BlockedBy, {QStringLiteral("administrator")});
    // What fits a 1280-pixel window by default. Thumbprints matter for
    // certificates only, every token has the same issuer, a token is valid from
    // its creation, and who blocked it is in the details pane: all of them stay
    // one right-click away on the header.
    for (CredentialColumn c : {CredentialColumn::Thumbprint, CredentialColumn::Issuer, CredentialColumn::ValidFrom,
                               CredentialColumn::BlockedBy})
        header->setSectionHidden(int(c), true);
}

// ---- selection, actions, counts

QList<CredentialRecord> MainWindow::selectedRecords() const
{
    if (!m_table || !m_table->selectionModel())
        return {};
    return m_model->records(m_table->selectionModel()->selectedRows());
}

int MainWindow::selectedRowCount() const
{
    // From the selection's ranges: no index per row, even when all of a
    // million rows are selected.
    if (!m_table || !m_table->selectionModel())
        return 0;
    QList<std::pair<int, int>> spans; // [top, bottom] of each range, merged below
    for (const QItemSelectionRange &range : m_table->selectionModel()->selection())
        spans.append({range.top(), range.bottom()});
    std::sort(spans.begin(), spans.end());
    qint64 rows = 0;
    int coveredTo = -1;
    for (const auto &[top, bottom] : spans) {
        if (bottom <= coveredTo)
            continue;
        rows += bottom - qMax(top, coveredTo + 1) + 1;
        coveredTo = bottom;
    }
    return int(qMin<qint64>(rows, INT_MAX));
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
    const auto record = count == 1 ? m_model->record(m_table->selectionModel()->selectedRows().value(0))
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
    m_errorBanner->setText(tr("The site database could not be read; the list may be out of date. %1").arg(message));
    m_errorBanner->show();
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

void MainWindow::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_table->horizontalHeader();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    int visible = 0;
    for (int c = 0; c < m_model->columnCount(); ++c)
        visible += header->isSectionHidden(c) ? 0 : 1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int c = header->logicalIndex(visual);
        QAction *a = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        a->setEnabled(header->isSectionHidden(c) || visible > 1); // never hide the last column
        connect(a, &QAction::toggled, this, [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu->addSeparator();
    menu->addAction(tr("Reset Columns"), this, &MainWindow::applyDefaultColumnWidths);
    menu->popup(header->mapToGlobal(pos));
}

// ---- settings

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("listSplitter"), m_listSplitter->saveState());
    settings.setValue(QStringLiteral("header"), m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("sortColumn"), m_model->sortColumn());
    settings.setValue(QStringLiteral("sortOrder"), int(m_model->sortOrder()));
    settings.setValue(QStringLiteral("search"), m_search->text());
    settings.setValue(QStringLiteral("typeFilter"), m_typeFilter->currentIndex());
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
    m_listSplitter->restoreState(settings.value(QStringLiteral("listSplitter")).toByteArray());
    QHeaderView *header = m_table->horizontalHeader();
    if (settings.contains(QStringLiteral("header")))
        header->restoreState(settings.value(QStringLiteral("header")).toByteArray());
    // Until the administrator chooses otherwise: what needs attention first
    // (expired, then expiring soon), by Valid To.
    const int sortColumn = settings.value(QStringLiteral("sortColumn"), int(CredentialColumn::ValidTo)).toInt();
    const auto sortOrder = Qt::SortOrder(settings.value(QStringLiteral("sortOrder"), int(Qt::AscendingOrder)).toInt());
    if (sortColumn >= 0 && sortColumn < m_model->columnCount())
        m_table->sortByColumn(sortColumn, sortOrder);
    const int type = settings.value(QStringLiteral("typeFilter"), 0).toInt();
    if (type >= 0 && type < m_typeFilter->count())
        m_typeFilter->setCurrentIndex(type);
    const QString search = settings.value(QStringLiteral("search")).toString();
    m_search->setText(search);
    m_searchDebounce->stop();
    m_model->setSearchText(search.trimmed());
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
