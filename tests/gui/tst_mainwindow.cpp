// The console window with real widgets (offscreen), a real temporary site and
// the real bulkregtoken process.

#include "auditlogmodel.h"
#include "blockdialog.h"
#include "blocktokenscommand.h"
#include "copyguidcommand.h"
#include "createtokencommand.h"
#include "credentiallistmodel.h"
#include "detailsview.h"
#include "exportcsvcommand.h"
#include "guitestsite.h"
#include "mainwindow.h"
#include "propertiescommand.h"
#include "refreshcommand.h"
#include "renewsigningcertificatecommand.h"
#include "tokenstanding.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace tc;

namespace {

// Runs handler on the next modal dialog (exec() blocks the test otherwise).
void onNextModal(const std::function<void(QWidget *)> &handler)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, handler] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            handler(modal);
        }
    });
    timer->start();
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->actions()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsEverything();
    void sortByColumn_data();
    void sortByColumn();
    void searchByGuidFragment();
    void typeFilter();
    void contextMenuBlocksTwoTokensThenUnblocks();
    void certificatesCannotBeBlocked();
    void copyGuidWithCtrlC();
    void renewRefusesOldTokens();
    void cliChangeAppearsAndKeepsSelection();
    void exportWritesVisibleList();
    void detailsShowHistoryEscaped();
    void settingsPersist();
    void auditLogNode();
    void keyboardReachesEverything();
    void blocksAThousandSelectedTokens();
    void searchTypedRightAfterOpenAnswersAtOnce();
    void enterInSearchSelectsTheMatch();
    void accessibleTextIsWhatIsShown();
    void blockDialogFocusesTheReason();
    void germanNavigationFits();

private:
    void selectRowsOf(const QStringList &guids);
    void selectOnlyRow(int row);
    int rowOfGuid(const QString &guid) const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<GuiTestSite> m_site;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    useTemporarySettings(m_settingsDir.path());
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_site = std::make_unique<GuiTestSite>();
    QVERIFY(m_site->populate());
    m_window = std::make_unique<MainWindow>(*m_site->site);
    m_tester = std::make_unique<QAbstractItemModelTester>(&m_window->listModel(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_tester.reset();
    m_window.reset();
    m_site.reset();
}

int TestMainWindow::rowOfGuid(const QString &guid) const
{
    return m_window->listModel().rowOfId(m_site->idOf(guid));
}

void TestMainWindow::selectRowsOf(const QStringList &guids)
{
    QTableView *table = m_window->tableView();
    table->clearSelection();
    for (const QString &guid : guids) {
        const int row = rowOfGuid(guid);
        QVERIFY2(row >= 0, qPrintable(guid));
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        table->selectionModel()->setCurrentIndex(table->model()->index(row, 0), QItemSelectionModel::NoUpdate);
    }
}

void TestMainWindow::selectOnlyRow(int row)
{
    // Not selectRow(): it follows the keyboard modifiers a previous key click left.
    QTableView *table = m_window->tableView();
    table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void TestMainWindow::listsEverything()
{
    // 2 site certificates + 5 active + 2 expired + 1 blocked token.
    QCOMPARE(m_window->listModel().rowCount(), 10);
    QVERIFY2(m_window->countsText().contains(QLatin1String("10")), qPrintable(m_window->countsText()));
    QVERIFY2(m_window->countsText().contains(QLatin1String("1 blocked")), qPrintable(m_window->countsText()));
    // Fixed, uniform rows: the view never measures rows.
    QCOMPARE(m_window->tableView()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
}

void TestMainWindow::sortByColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::newRow("Type") << int(CredentialColumn::Type);
    QTest::newRow("Valid To") << int(CredentialColumn::ValidTo);
}

void TestMainWindow::sortByColumn()
{
    QFETCH(int, column);
    QTableView *table = m_window->tableView();
    QHeaderView *header = table->horizontalHeader();
    QAbstractItemModel *model = table->model();
    for (int click = 0; click < 2; ++click) {
        // A real click on the header section.
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(header->sortIndicatorSection(), column);
        const Qt::SortOrder order = header->sortIndicatorOrder();
        QCOMPARE(m_window->listModel().sortColumn(), column);
        QCOMPARE(m_window->listModel().sortOrder(), order);
        QCOMPARE(model->rowCount(), 10);

        QList<CredentialRecord> rows;
        for (int r = 0; r < model->rowCount(); ++r)
            rows << model->index(r, 0).data(RecordRole).value<CredentialRecord>();
        for (int r = 1; r < rows.size(); ++r) {
            const CredentialRecord &a = rows[r - 1];
            const CredentialRecord &b = rows[r];
            if (column == int(CredentialColumn::ValidTo)) {
                // Dates sort as dates, not as text.
                if (order == Qt::AscendingOrder)
                    QVERIFY2(a.notAfter <= b.notAfter, qPrintable(isoUtc(a.notAfter) + " > " + isoUtc(b.notAfter)));
                else
                    QVERIFY2(a.notAfter >= b.notAfter, qPrintable(isoUtc(a.notAfter) + " < " + isoUtc(b.notAfter)));
            }
        }
        if (column == int(CredentialColumn::Type)) {
            // Every type forms one block, and the blocks follow the sort value's order.
            QList<CredentialKind> runs;
            for (const CredentialRecord &r : rows) {
                if (runs.isEmpty() || runs.last() != r.kind) {
                    QVERIFY2(!runs.contains(r.kind), "a type appears in two places");
                    runs << r.kind;
                }
            }
            QCOMPARE(runs.size(), 3);
            for (int r = 1; r < model->rowCount(); ++r) {
                const QVariant a = model->index(r - 1, column).data(SortValueRole);
                const QVariant b = model->index(r, column).data(SortValueRole);
                const auto cmp = QVariant::compare(a, b);
                if (order == Qt::AscendingOrder)
                    QVERIFY(cmp != QPartialOrdering::Greater);
                else
                    QVERIFY(cmp != QPartialOrdering::Less);
            }
        }
    }
    // Two clicks gave both orders.
    QVERIFY(header->sortIndicatorSection() == column);
}

void TestMainWindow::searchByGuidFragment()
{
    const QString guid = m_site->active.at(2).guid;
    const QString fragment = guid.mid(9, 9); // "xxxx-xxxx", unique enough among ten rows
    QTest::keySequence(m_window.get(), QKeySequence::Find);
    QVERIFY(m_window->searchEdit()->hasFocus());
    QTest::keyClicks(m_window->searchEdit(), fragment.toUpper()); // case does not matter
    QTRY_COMPARE(m_window->listModel().rowCount(), 1);
    QCOMPARE(m_window->tableView()->model()->index(0, 0).data(GuidRole).toString(), guid);
    QVERIFY(m_window->countsText().startsWith(QLatin1String("1 ")));
    m_window->searchEdit()->clear();
    QTRY_COMPARE(m_window->listModel().rowCount(), 10);
}

void TestMainWindow::typeFilter()
{
    QComboBox *type = m_window->typeFilter();
    QCOMPARE(type->count(), 4);
    type->setCurrentIndex(type->findData(int(CredentialKind::BulkToken)));
    QCOMPARE(m_window->listModel().rowCount(), 8);
    type->setCurrentIndex(type->findData(int(CredentialKind::TokenSigning)));
    QCOMPARE(m_window->listModel().rowCount(), 1);
    type->setCurrentIndex(0);
    QCOMPARE(m_window->listModel().rowCount(), 10);
}

void TestMainWindow::contextMenuBlocksTwoTokensThenUnblocks()
{
    const IssuedToken first = m_site->active.at(0);
    const IssuedToken second = m_site->active.at(3);
    selectRowsOf({first.guid, second.guid});
    QCOMPARE(m_window->selectedRecords().size(), 2);

    std::unique_ptr<QMenu> menu(m_window->createRowContextMenu());
    QAction *block = actionNamed(menu.get(), QStringLiteral("actionBlock"));
    QVERIFY(block);
    QVERIFY2(block->isEnabled(), qPrintable(block->toolTip()));
    // The ribbon and the menu share the action.
    QCOMPARE(block, m_window->blockCommand()->action());

    QStringList shownGuids;
    onNextModal([&shownGuids](QWidget *modal) {
        auto *dialog = qobject_cast<BlockDialog *>(modal);
        QVERIFY(dialog);
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("guidList"));
        for (int i = 0; list && i < list->count(); ++i)
            shownGuids << list->item(i)->text();
        dialog->setReason(QStringLiteral("Device <script> lost"));
        dialog->accept();
    });
    QSignalSpy finished(m_window->blockCommand(), &Command::finished);
    block->trigger();
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    shownGuids.sort();
    QStringList expected{first.guid, second.guid};
    expected.sort();
    QCOMPARE(shownGuids, expected);

    // In the database, and for verification.
    TokenService service(*m_site->site);
    for (const IssuedToken &t : {first, second}) {
        auto standing = tokenStanding(m_site->site->database(), t.guid);
        QVERIFY(standing);
        QCOMPARE(*standing, TokenStanding::Blocked);
        QCOMPARE(reasonCode(service.verify(t.token).reason), QStringLiteral("blocked"));
        auto record = m_site->site->store().findToken(t.guid);
        QCOMPARE((*record)->blockReason, QStringLiteral("Device <script> lost"));
    }
    // The list shows it without a manual refresh, and the selection stays.
    QTRY_COMPARE(m_window->listModel().blockedCount(), qint64(3));
    QCOMPARE(m_window->selectedRecords().size(), 2);
    for (const CredentialRecord &r : m_window->selectedRecords())
        QCOMPARE(r.state, CredentialState::Blocked);
    QVERIFY(!m_window->blockCommand()->action()->isEnabled());
    QVERIFY(m_window->unblockCommand()->action()->isEnabled());

    // Unblock both, confirming the question.
    onNextModal([](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
    QSignalSpy unblocked(m_window->unblockCommand(), &Command::finished);
    menu.reset(m_window->createRowContextMenu());
    actionNamed(menu.get(), QStringLiteral("actionUnblock"))->trigger();
    QVERIFY(unblocked.wait(20000));
    QVERIFY2(unblocked.first().at(0).toBool(), qPrintable(unblocked.first().at(1).toString()));
    for (const IssuedToken &t : {first, second})
        QCOMPARE(reasonCode(service.verify(t.token).reason), QStringLiteral("valid"));
    QTRY_COMPARE(m_window->listModel().blockedCount(), qint64(1));
}

void TestMainWindow::certificatesCannotBeBlocked()
{
    QAbstractItemModel *model = m_window->tableView()->model();
    int certRow = -1;
    for (int r = 0; r < model->rowCount() && certRow < 0; ++r) {
        if (model->index(r, 0).data(KindRole).toInt() != int(CredentialKind::BulkToken))
            certRow = r;
    }
    QVERIFY(certRow >= 0);
    selectOnlyRow(certRow);
    QAction *block = m_window->blockCommand()->action();
    QVERIFY(!block->isEnabled());
    QCOMPARE(block->toolTip(), QStringLiteral("Site certificates cannot be blocked."));
    QVERIFY(!m_window->copyGuidCommand()->action()->isEnabled());
    QVERIFY(m_window->propertiesCommand()->action()->isEnabled());
    // A certificate and a token together: still refused, and it says why.
    m_window->tableView()->selectionModel()->select(model->index(rowOfGuid(m_site->active.at(0).guid), 0),
                                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(!block->isEnabled());
    QVERIFY(block->toolTip().contains(QLatin1String("certificates")));
    // Nothing selected.
    m_window->tableView()->clearSelection();
    QVERIFY(!block->isEnabled());
    QVERIFY(!m_window->propertiesCommand()->action()->isEnabled());
    QVERIFY(!block->toolTip().isEmpty());
}

void TestMainWindow::copyGuidWithCtrlC()
{
    QGuiApplication::clipboard()->clear();
    const QString guid = m_site->active.at(1).guid;
    selectRowsOf({guid});
    m_window->tableView()->setFocus();
    QTest::keySequence(m_window->tableView(), QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), guid);

    // Two tokens: one GUID a line.
    selectRowsOf({m_site->active.at(1).guid, m_site->active.at(2).guid});
    m_window->copyGuidCommand()->action()->trigger();
    QStringList copied = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'));
    copied.sort();
    QStringList expected{m_site->active.at(1).guid, m_site->active.at(2).guid};
    expected.sort();
    QCOMPARE(copied, expected);
}

void TestMainWindow::renewRefusesOldTokens()
{
    const IssuedToken old = m_site->active.last();
    TokenService service(*m_site->site);
    QVERIFY(service.verify(old.token).valid());

    auto *renew = m_window->renewCommand();
    renew->setInteractive(false);
    QSignalSpy finished(renew, &Command::finished);
    renew->run();
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(reasonCode(service.verify(old.token).reason), QStringLiteral("signing-certificate-renewed"));
    // The new certificate is listed next to the superseded one.
    QTRY_COMPARE(m_window->listModel().rowCount(), 11);

    // A token made after the renewal verifies.
    auto fresh = service.issue(60);
    QVERIFY(fresh);
    QVERIFY(service.verify(fresh->token).valid());
}

void TestMainWindow::cliChangeAppearsAndKeepsSelection()
{
    const QString selectedGuid = m_site->active.at(2).guid;
    selectRowsOf({selectedGuid});
    const int rowsBefore = m_window->listModel().rowCount();

    QProcess cli;
    cli.start(QStringLiteral(TC_BULKREGTOKEN),
              {QStringLiteral("--site"), m_site->folder(), QStringLiteral("/new"), QStringLiteral("/lifetime"),
               QStringLiteral("90"), QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    const QString newGuid
        = QJsonDocument::fromJson(cli.readAllStandardOutput()).object().value(QLatin1String("guid")).toString();
    QVERIFY(!newGuid.isEmpty());

    // No refresh pressed: the window follows by itself within a few seconds.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->listModel().rowCount(), rowsBefore + 1, 10000);
    QVERIFY(rowOfGuid(newGuid) >= 0);
    const auto selection = m_window->selectedRecords();
    QCOMPARE(selection.size(), 1);
    QCOMPARE(selection.first().name, selectedGuid);

    // A block by the CLI shows up too.
    QProcess block;
    block.start(QStringLiteral(TC_BULKREGTOKEN),
                {QStringLiteral("--site"), m_site->folder(), QStringLiteral("block"), selectedGuid});
    QVERIFY(block.waitForFinished(30000));
    QCOMPARE(block.exitCode(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->selectedRecords().value(0).state == CredentialState::Blocked, 10000);
    QVERIFY(!m_window->blockCommand()->action()->isEnabled());
}

void TestMainWindow::exportWritesVisibleList()
{
    m_window->typeFilter()->setCurrentIndex(m_window->typeFilter()->findData(int(CredentialKind::BulkToken)));
    m_window->tableView()->sortByColumn(int(CredentialColumn::ValidTo), Qt::AscendingOrder);
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("list.csv"));
    auto *exporter = m_window->exportCommand();
    exporter->setInteractive(false);
    QSignalSpy finished(exporter, &Command::finished);
    exporter->run(path);
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    // Header, 8 tokens, and the empty piece after the last line break.
    QCOMPARE(lines.size(), 1 + 8 + 1);
    QVERIFY(lines.first().startsWith("name,type,status"));
    QAbstractItemModel *model = m_window->tableView()->model();
    for (int r = 0; r < 8; ++r) {
        QVERIFY2(lines[r + 1].startsWith(model->index(r, 0).data(GuidRole).toString().toLatin1() + ",bulk-token,"),
                 lines[r + 1].constData());
    }
    // A reason never turns into a spreadsheet formula, and tokens are never written.
    QVERIFY(lines.join('\n').contains("Lost <b>laptop</b> & charger"));
    for (const IssuedToken &t : m_site->active)
        QVERIFY(!lines.join('\n').contains(t.token.left(60)));

    // A path that cannot be written: a clear failure, nothing else.
    QSignalSpy failed(exporter, &Command::finished);
    exporter->run(out.filePath(QStringLiteral("no/such/folder/list.csv")));
    QVERIFY(failed.wait(20000));
    QVERIFY(!failed.first().at(0).toBool());
    QVERIFY(!failed.first().at(1).toString().isEmpty());
}

void TestMainWindow::detailsShowHistoryEscaped()
{
    const QString guid = m_site->blocked.first().guid;
    selectRowsOf({guid});
    const QString html = m_window->detailsView()->toHtml();
    const QString text = m_window->detailsView()->toPlainText();
    QVERIFY(text.contains(guid));
    QVERIFY2(text.contains(QLatin1String("Lost <b>laptop</b> & charger")), qPrintable(text)); // shown as text
    QVERIFY(!html.contains(QLatin1String("<b>laptop</b>")));
    QVERIFY(text.contains(QLatin1String("Created")));
    QVERIFY(text.contains(QLatin1String("Blocked")));

    // A certificate: its X.509 fields.
    QAbstractItemModel *model = m_window->tableView()->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data(KindRole).toInt() == int(CredentialKind::TokenSigning)) {
            selectOnlyRow(r);
            break;
        }
    }
    const QString cert = m_window->detailsView()->toPlainText();
    for (const char *field :
         {"Subject", "Issuer", "Serial number", "Thumbprint", "Key size", "2048 bits", "sha256WithRSAEncryption"})
        QVERIFY2(cert.contains(QLatin1String(field)), qPrintable(QLatin1String(field) + QLatin1String(" in: ") + cert));
}

void TestMainWindow::settingsPersist()
{
    QHeaderView *header = m_window->tableView()->horizontalHeader();
    header->setSectionHidden(int(CredentialColumn::CreatedBy), true);
    header->moveSection(header->visualIndex(int(CredentialColumn::Status)), 0);
    header->resizeSection(int(CredentialColumn::Type), 123);
    m_window->tableView()->sortByColumn(int(CredentialColumn::ValidTo), Qt::DescendingOrder);
    m_window->typeFilter()->setCurrentIndex(1);
    m_window->searchEdit()->setText(QStringLiteral("abc"));
    m_window->close(); // saves
    m_tester.reset();
    m_window.reset();

    MainWindow again(*m_site->site);
    QHeaderView *h = again.tableView()->horizontalHeader();
    QVERIFY(h->isSectionHidden(int(CredentialColumn::CreatedBy)));
    QCOMPARE(h->logicalIndex(0), int(CredentialColumn::Status));
    QCOMPARE(h->sectionSize(int(CredentialColumn::Type)), 123);
    QCOMPARE(again.listModel().sortColumn(), int(CredentialColumn::ValidTo));
    QCOMPARE(again.listModel().sortOrder(), Qt::DescendingOrder);
    QCOMPARE(again.typeFilter()->currentIndex(), 1);
    QCOMPARE(again.searchEdit()->text(), QStringLiteral("abc"));
    QCOMPARE(again.listModel().searchText(), QStringLiteral("abc"));
}

void TestMainWindow::auditLogNode()
{
    QTreeWidget *tree = m_window->navigationTree();
    QTreeWidgetItem *audit = tree->topLevelItem(0)->child(0)->child(1);
    QVERIFY(audit);
    tree->setCurrentItem(audit);
    // create x8, block x1, init: at least ten events, newest first.
    QVERIFY(m_window->auditModel()->rowCount() >= 10);
    QCOMPARE(m_window->auditModel()->index(0, AuditLogModel::Action).data(Qt::EditRole).toString(),
             QStringLiteral("block"));
}

void TestMainWindow::keyboardReachesEverything()
{
    QTableView *table = m_window->tableView();
    const QString guid = m_site->active.at(1).guid;
    selectRowsOf({guid});
    table->setFocus();
    QVERIFY(table->hasFocus());

    // The Menu key opens the row menu for the selected row, wherever the mouse is.
    QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(1, 1), table->mapToGlobal(QPoint(1, 1)));
    QApplication::sendEvent(table, &menuKey);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr);
    QCOMPARE(menu->objectName(), QStringLiteral("rowContextMenu"));
    QCOMPARE(m_window->selectedRecords().size(), 1);
    QCOMPARE(m_window->selectedRecords().first().name, guid);
    menu->close();

    // Every command's action is in the menu bar, with the documented shortcuts.
    QList<QAction *> inMenus;
    for (QAction *top : m_window->menuBar()->actions())
        inMenus += top->menu()->actions();
    for (Command *command : m_window->commands())
        QVERIFY2(inMenus.contains(command->action()), qPrintable(command->action()->text()));
    QCOMPARE(m_window->createTokenCommand()->action()->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(m_window->refreshCommand()->action()->shortcut(), QKeySequence(Qt::Key_F5));
    QCOMPARE(m_window->copyGuidCommand()->action()->shortcut(), QKeySequence(QKeySequence::Copy));
    QVERIFY(m_window->propertiesCommand()->action()->shortcuts().contains(QKeySequence(Qt::Key_Return)));
    QVERIFY(!table->accessibleName().isEmpty());
    QVERIFY(!m_window->searchEdit()->accessibleName().isEmpty());

    // Enter on a row opens Properties.
    bool propertiesShown = false;
    onNextModal([&propertiesShown](QWidget *modal) {
        propertiesShown = modal->objectName() == QLatin1String("propertiesDialog");
        qobject_cast<QDialog *>(modal)->reject();
    });
    QTest::keyClick(table, Qt::Key_Return);
    QTRY_VERIFY(propertiesShown);
}

void TestMainWindow::blocksAThousandSelectedTokens()
{
    TokenService service(*m_site->site);
    auto batch = service.issueBatch(1000, 600);
    QVERIFY(batch);
    m_window->refreshCommand()->action()->trigger();
    QTableView *table = m_window->tableView();
    m_window->typeFilter()->setCurrentIndex(m_window->typeFilter()->findData(int(CredentialKind::BulkToken)));
    while (table->model()->canFetchMore({}))
        table->model()->fetchMore({});
    QCOMPARE(table->model()->rowCount(), 1008);

    QElapsedTimer timer;
    timer.start();
    table->selectAll();
    const QList<CredentialRecord> selected = m_window->selectedRecords();
    QCOMPARE(selected.size(), 1008);
    QCOMPARE(m_window->selectedRowCount(), 1008);
    QVERIFY2(m_window->countsText().contains(QLatin1String("1008 selected")), qPrintable(m_window->countsText()));
    QVERIFY(m_window->blockCommand()->action()->isEnabled());
    const qint64 selectMs = timer.restart();

    auto *block = m_window->blockCommand();
    block->setInteractive(false);
    QSignalSpy finished(block, &Command::finished);
    block->run(selected, QStringLiteral("bulk"));
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    const qint64 blockMs = timer.elapsed();
    qInfo("select 1,008 rows: %lld ms; block them through the ribbon's command: %lld ms", selectMs, blockMs);
    QCOMPARE(m_window->listModel().blockedCount(), qint64(1008));
    QCOMPARE(reasonCode(service.verify(batch->at(500).token).reason), QStringLiteral("blocked"));
    QVERIFY(!m_window->blockCommand()->action()->isEnabled());
}

// A search typed at once after opening is answered through the site's substring
// index (nothing is built first): after the debounce, the match.
void TestMainWindow::searchTypedRightAfterOpenAnswersAtOnce()
{
    MainWindow fresh(*m_site->site);
    const QString guid = m_site->active.at(3).guid;
    const QString fragment = guid.mid(9, 9);
    fresh.searchEdit()->setText(fragment);
    QCOMPARE(fresh.listModel().searchText(), QString()); // not before the debounce
    QTRY_COMPARE(fresh.listModel().searchText(), fragment);
    QCOMPARE(fresh.listModel().rowCount(), 1);
    QCOMPARE(fresh.listModel().index(0, 0).data(GuidRole).toString(), guid);
}

void TestMainWindow::enterInSearchSelectsTheMatch()
{
    QTableView *table = m_window->tableView();
    QLineEdit *search = m_window->searchEdit();
    const QString guid = m_site->active.at(2).guid;
    QTest::keySequence(m_window.get(), QKeySequence::Find);
    QVERIFY(search->hasFocus());
    QTest::keyClicks(search, guid.mid(9, 9));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(m_window->listModel().rowCount(), 1);
    QVERIFY(table->hasFocus());
    // The one match is selected, so the next key acts on it.
    QCOMPARE(m_window->selectedRecords().size(), 1);
    QCOMPARE(m_window->selectedRecords().first().name, guid);
    QVERIFY(m_window->blockCommand()->action()->isEnabled());
    QVERIFY(m_window->propertiesCommand()->action()->isEnabled());

    // With every row listed, the current row is the one selected (when it is listed).
    QTest::keySequence(m_window.get(), QKeySequence::Find);
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(m_window->listModel().rowCount(), 10);
    const QString other = m_site->active.at(4).guid;
    table->selectionModel()->setCurrentIndex(table->model()->index(rowOfGuid(other), 0), QItemSelectionModel::Clear);
    QCOMPARE(m_window->selectedRecords().size(), 0);
    QTest::keySequence(m_window.get(), QKeySequence::Find);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(m_window->selectedRecords().size(), 1);
    QCOMPARE(m_window->selectedRecords().first().name, other);
}

void TestMainWindow::accessibleTextIsWhatIsShown()
{
    // The Type filter is named for what it is; its value is the chosen type.
    QAccessibleInterface *filter = QAccessible::queryAccessibleInterface(m_window->typeFilter());
    QVERIFY(filter);
    QCOMPARE(filter->role(), QAccessible::ComboBox);
    QCOMPARE(filter->text(QAccessible::Name), QStringLiteral("Type filter"));
    QCOMPARE(filter->text(QAccessible::Value), QStringLiteral("All"));
    QCOMPARE(filter->childCount(), 1); // the list of choices
    m_window->typeFilter()->setCurrentIndex(m_window->typeFilter()->findData(int(CredentialKind::BulkToken)));
    QCOMPARE(filter->text(QAccessible::Value), kindDisplayName(CredentialKind::BulkToken));
    m_window->typeFilter()->setCurrentIndex(0);

    // A token that expires within a day reads as it is painted: "Expires soon".
    TokenService service(*m_site->site);
    auto soon = service.issue(60);
    QVERIFY(soon);
    m_window->listModel().refresh();
    const int row = rowOfGuid(soon->guid);
    QVERIFY(row >= 0);
    QAccessibleInterface *table = QAccessible::queryAccessibleInterface(m_window->tableView());
    QVERIFY(table && table->tableInterface());
    QAccessibleInterface *status = table->tableInterface()->cellAt(row, int(CredentialColumn::Status));
    QVERIFY(status);
    QCOMPARE(status->text(QAccessible::Name), QStringLiteral("Expires soon"));
    QVERIFY(m_window->listModel()
                .index(row, int(CredentialColumn::Status))
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QLatin1String("Expires on ")));
    // An ordinary active token still reads "Active".
    QAccessibleInterface *other
        = table->tableInterface()->cellAt(rowOfGuid(m_site->active.at(4).guid), int(CredentialColumn::Status));
    QCOMPARE(other->text(QAccessible::Name), QStringLiteral("Active"));

    // Ribbon buttons are named on one line, as they read.
    const QList<QToolButton *> buttons
        = m_window->findChildren<QToolButton *>(QRegularExpression(QStringLiteral("^ribbon_")));
    QVERIFY(buttons.size() >= 8);
    for (QToolButton *button : buttons) {
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(button);
        const QString name = a->text(QAccessible::Name);
        QVERIFY2(!name.isEmpty() && !name.contains(QLatin1Char('\n')), qPrintable(button->objectName() + ": " + name));
    }
    QAccessibleInterface *create = QAccessible::queryAccessibleInterface(m_window->findChild<QToolButton *>(
        QStringLiteral("ribbon_") + m_window->createTokenCommand()->action()->objectName()));
    QCOMPARE(create->text(QAccessible::Name), QStringLiteral("Create Bulk Registration Token"));
}

void TestMainWindow::blockDialogFocusesTheReason()
{
    selectRowsOf({m_site->active.at(1).guid});
    QString focused;
    onNextModal([&focused](QWidget *modal) {
        // The dialog is modal before it is active and focused; wait for that.
        [[maybe_unused]] const bool inside
            = QTest::qWaitFor([modal] { return modal->isAncestorOf(QApplication::focusWidget()); }, 5000);
        QWidget *focus = QApplication::focusWidget();
        focused = focus ? focus->objectName() : QStringLiteral("(none)");
        if (focused != QLatin1String("reasonEdit")) {
            qobject_cast<QDialog *>(modal)->reject();
            return;
        }
        // Type a reason and confirm from the keyboard alone.
        QTest::keyClicks(focus, QStringLiteral("stolen"));
        QTest::keyClick(focus, Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    });
    m_window->blockCommand()->action()->trigger();
    QTRY_COMPARE(focused, QStringLiteral("reasonEdit"));
    QTRY_VERIFY(!m_window->blockCommand()->isRunning());
    auto found = m_site->site->store().findToken(m_site->active.at(1).guid);
    QVERIFY(found && found->has_value());
    QTRY_COMPARE(int(m_site->site->store().findToken(m_site->active.at(1).guid).value()->state),
                 int(CredentialState::Blocked));
    QCOMPARE(m_site->site->store().findToken(m_site->active.at(1).guid).value()->blockReason, QStringLiteral("stolen"));
}

void TestMainWindow::germanNavigationFits()
{
    // The administrator used the console in English first, with the navigation
    // as narrow as it goes; the layout is saved on close.
    auto *splitter = m_window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(splitter);
    splitter->setSizes({0, 2000});
    m_window->close();
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(TC_QM_DIR "/tokenconsole_de.qm")));
    QApplication::installTranslator(&german);
    m_tester.reset();
    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_site->site);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTreeWidget *tree = m_window->navigationTree();
    QStringList texts;
    QTreeWidgetItemIterator it(tree);
    for (; *it; ++it)
        texts << (*it)->text(0);
    QVERIFY2(texts.contains(QStringLiteral("Überwachungsprotokoll")), qPrintable(texts.join(QLatin1Char(','))));
    // Every entry fits: no horizontal scroll bar, and the column needs no more than is shown.
    QVERIFY(!tree->horizontalScrollBar()->isVisible());
    QStyleOptionViewItem option;
    option.initFrom(tree);
    option.decorationSize = tree->iconSize().isValid() ? tree->iconSize() : QSize(16, 16);
    for (QTreeWidgetItemIterator item(tree); *item; ++item) {
        // Where the item starts (after its indentation) plus what icon and text need.
        const QRect rect = tree->visualItemRect(*item);
        const QModelIndex at = tree->indexAt(rect.center());
        QVERIFY(at.isValid());
        const int needs = rect.left() + tree->itemDelegate()->sizeHint(option, at).width();
        QVERIFY2(
            needs <= tree->viewport()->width(),
            qPrintable(QStringLiteral("%1: %2 > %3").arg((*item)->text(0)).arg(needs).arg(tree->viewport()->width())));
    }
    m_window->grab().save(QDir::temp().filePath(QStringLiteral("tst_mainwindow_de.png")));
    QApplication::removeTranslator(&german);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
