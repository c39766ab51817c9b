#include "listbench.h"
#include "benchstats.h"

#include "blocktokenscommand.h"
#include "command.h"
#include "credentiallistmodel.h"
#include "selectionrows.h"
#include "site.h"
#include "sitedatabase.h"
#include "tokenservice.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMap>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSqlDatabase>
#include <QSqlRecord>
#include <QSqlTableModel>
#include <QTableView>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <functional>

using namespace tc;
using tc::benchstats::median;

namespace {

constexpr int kName = int(CredentialColumn::Name);
constexpr int kType = int(CredentialColumn::Type);
constexpr int kValidTo = int(CredentialColumn::ValidTo);
constexpr int kValidFrom = int(CredentialColumn::ValidFrom);
constexpr int kCreatedBy = int(CredentialColumn::CreatedBy);

// The sorts measured, on our list and on the baseline alike.
const QList<QPair<int, QString>> &measuredSorts()
{
    static const QList<QPair<int, QString>> sorts{
        {kType, QStringLiteral("type")}, {kValidTo, QStringLiteral("valid_to")}, {kName, QStringLiteral("name")}};
    return sorts;
}

// A line of /proc/self/status in MiB ("VmRSS": resident now; "VmHWM": the peak of
// this program image). getrusage's ru_maxrss is not used for the list: it keeps the
// peak of the parent that forked this process, before exec.
double procStatusMb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0; // kB
    }
    return 0;
}
double currentRssMb()
{
    return procStatusMb("VmRSS");
}
double listPeakRssMb()
{
    return procStatusMb("VmHWM");
}

void note(const QString &what)
{
    QTextStream(stderr) << "[bench] list: " << what << " (resident " << qRound(currentRssMb()) << " MiB, peak "
                        << qRound(listPeakRssMb()) << " MiB)" << Qt::endl;
}

// The least a model can be: every cell is its row number. Qt's QTableView on it
// shows what the view costs by itself at a given number of rows.
class FloorModel : public QAbstractTableModel
{
public:
    explicit FloorModel(int rows) : m_rows(rows) { }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(CredentialColumn::NumColumns);
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(index.row()) : QVariant();
    }
    // A layout change that moves nothing, as a sort announces one.
    void relayout()
    {
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

private:
    int m_rows;
};

// The GUI thread's heartbeat: a 5 ms timer on the GUI thread. The longest gap
// between its ticks while an operation runs is the longest time the console could
// not react to input ("no operation blocks the GUI thread for more than 100 ms").
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_longest = 0;
        m_timer.start();
    }
    // Milliseconds of the longest gap since start().
    double stop()
    {
        tick();
        m_timer.stop();
        return double(m_longest) / 1e6;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_longest = std::max(m_longest, now - m_last);
        m_last = now;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

struct Stalls
{
    std::unique_ptr<StallMeter> meter;
    QMap<QString, double> longest; // operation -> longest GUI stall, ms
    void record(const QString &operation, double ms) { longest[operation] = std::max(longest.value(operation), ms); }
};
Stalls &stalls()
{
    static Stalls s;
    if (!s.meter)
        s.meter = std::make_unique<StallMeter>();
    return s;
}

// Milliseconds for action() plus painting what the view then shows: pending events
// are delivered (until done() holds, for work that finishes later) and the viewport
// is painted synchronously, which calls data() for every visible cell. The GUI
// thread's longest stall meanwhile is recorded under operation.
double timed(QTableView &view, const QString &operation, const std::function<void()> &action,
             const std::function<bool()> &done = {})
{
    stalls().meter->start();
    QElapsedTimer t;
    t.start();
    action();
    if (done) {
        while (!done() && t.elapsed() < 120000)
            QCoreApplication::processEvents(QEventLoop::AllEvents
                                            | QEventLoop::WaitForMoreEvents); // the heartbeat wakes it
    }
    QCoreApplication::processEvents();
    view.viewport()->repaint();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    stalls().record(operation, stalls().meter->stop());
    return ms;
}

void configure(QTableView &view)
{
    // As the console does, and as a list of a million rows needs: fixed row
    // heights, no ResizeToContents.
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(22);
    view.verticalHeader()->hide();
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setSelectionMode(QAbstractItemView::ExtendedSelection);
    view.resize(1280, 800);
}

void showAndPaint(QTableView &view)
{
    view.show();
    QCoreApplication::processEvents();
    view.viewport()->repaint();
}

void pressKey(QTableView &view, int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::ControlModifier);
    QCoreApplication::sendEvent(&view, &press);
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
    return true;
}

class BenchContext : public CommandContext
{
public:
    BenchContext(Site &site, CredentialListModel &model, QTableView &view) : m_site(site), m_model(model), m_view(view)
    { }
    Site &site() override { return m_site; }
    CredentialListModel &listModel() override { return m_model; }
    QList<CredentialRecord> selectedRecords() const override
    {
        QModelIndexList indexes;
        for (int row : selectedRowNumbers(m_view.selectionModel()->selection()))
            indexes << m_model.index(row, 0);
        return m_model.records(indexes);
    }
    QWidget *dialogParent() override { return &m_view; }
    void showStatusMessage(const QString &) override { }

private:
    Site &m_site;
    CredentialListModel &m_model;
    QTableView &m_view;
};

// Runs the command and waits for its finished() signal; false on failure.
bool runCommand(BlockTokensCommand &command, const QList<CredentialRecord> &records)
{
    QEventLoop loop;
    bool ok = false;
    QString message;
    auto connection = QObject::connect(&command, &Command::finished, &loop, [&](bool done, const QString &text) {
        ok = done;
        message = text;
        loop.quit();
    });
    command.run(records, QStringLiteral("benchmark"));
    if (command.isRunning())
        loop.exec();
    QObject::disconnect(connection);
    if (!ok)
        note(QStringLiteral("command failed: %1").arg(message));
    return ok;
}

struct ListFigures
{
    QJsonObject &out;
    // Also on stderr at once: a run at a million rows takes minutes.
    void set(const QString &key, double value)
    {
        out.insert(key, value);
        QTextStream(stderr) << "[bench] list: " << key << " = " << value << Qt::endl;
    }
};

} // namespace

void runListBenchmarks(const QString &siteFolder, int rows, int repetitions, bool withBaseline, QJsonObject &figures)
{
    ListFigures f{figures};
    repetitions = std::max(1, repetitions);
    QStringList fragments;

    // ---- Ours: CredentialListModel in a QTableView ----
    {
        note(QStringLiteral("open"));
        QList<double> open;
        for (int rep = 0; rep < repetitions; ++rep) {
            QTableView view;
            configure(view);
            std::unique_ptr<Site> site;
            std::unique_ptr<CredentialListModel> model;
            bool failed = false;
            open << timed(view, QStringLiteral("open"), [&] {
                auto opened = Site::open(siteFolder);
                if (!opened) {
                    note(opened.error());
                    failed = true;
                    return;
                }
                site = std::move(opened).value();
                model = std::make_unique<CredentialListModel>(*site);
                view.setModel(model.get());
                view.setSortingEnabled(true);
                view.sortByColumn(kName, Qt::AscendingOrder);
                view.show();
            });
            if (failed)
                return;
            view.setModel(nullptr);
        }
        f.set(QStringLiteral("open_ms"), median(open));
        // Opening the site again and again is the benchmark's doing, not a user's
        // (each open builds a search index): from here on the peak is that of one
        // session that opened the site once. What the repeated opens reached is
        // reported too. (Writing 5 to clear_refs resets VmHWM, Linux 4.0+.)
        f.set(QStringLiteral("list_peak_rss_open_repetitions_mb"), listPeakRssMb());
        if (QFile clear(QStringLiteral("/proc/self/clear_refs"));
            !clear.open(QIODevice::WriteOnly) || clear.write("5") != 1)
            note(QStringLiteral("the peak memory could not be reset; list_peak_rss_mb includes the repeated opens"));
        note(QStringLiteral("opened %1 times").arg(repetitions));

        auto opened = Site::open(siteFolder);
        if (!opened) {
            note(opened.error());
            return;
        }
        std::unique_ptr<Site> site = std::move(opened).value();
        QElapsedTimer sinceOpen;
        sinceOpen.start();
        CredentialListModel model(*site);
        double directoriesReadyMs = -1;
        QObject::connect(&model, &CredentialListModel::rankDirectoriesReady, [&] {
            if (directoriesReadyMs < 0)
                directoriesReadyMs = double(sinceOpen.nsecsElapsed()) / 1e6;
        });
        QTableView view;
        configure(view);
        view.setModel(&model);
        view.setSortingEnabled(true);
        view.sortByColumn(kName, Qt::AscendingOrder);
        showAndPaint(view);

        // Fragments of real GUIDs, from the last group (hex only), spread over the list.
        for (int rep = 0; rep < repetitions; ++rep) {
            const int row = int((qint64(model.rowCount()) * (rep + 1)) / (repetitions + 2));
            const QString guid = model.index(row, kName).data(GuidRole).toString();
            fragments << (guid.size() == 36 ? guid.mid(24 + rep % 6, 6) : QStringLiteral("abcdef"));
        }
        // A search typed at once after opening: a model opened afresh answers it
        // from the site's substring index, with nothing built first.
        {
            QList<double> atOpen;
            for (const QString &fragment : std::as_const(fragments)) {
                CredentialListModel fresh(*site);
                fresh.setPollInterval(0);
                QElapsedTimer t;
                t.start();
                fresh.setSearchText(fragment);
                (void)fresh.index(0, 0).data();
                atOpen << double(t.nsecsElapsed()) / 1e6;
                if (fresh.rowCount() < 1)
                    note(QStringLiteral("search for %1 found nothing").arg(fragment));
            }
            f.set(QStringLiteral("search_at_open_ms"), median(atOpen));
        }

        note(QStringLiteral("sort"));
        double worst = 0;
        for (const auto &[column, label] : measuredSorts()) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                QList<double> times;
                for (int rep = 0; rep < repetitions; ++rep) {
                    view.sortByColumn(kValidFrom, Qt::AscendingOrder); // leave the measured order first
                    view.viewport()->repaint();
                    times << timed(view, QStringLiteral("sort"), [&] { view.sortByColumn(column, order); });
                }
                const double m = median(times);
                worst = std::max(worst, m);
                f.set(QStringLiteral("sort_%1_%2_ms").arg(label, order == Qt::AscendingOrder ? "asc" : "desc"), m);
            }
        }
        f.set(QStringLiteral("sort_worst_ms"), worst);

        view.sortByColumn(kName, Qt::AscendingOrder);

        note(QStringLiteral("search"));
        QList<double> search, clear;
        for (const QString &fragment : std::as_const(fragments)) {
            search << timed(view, QStringLiteral("search"), [&] { model.setSearchText(fragment); });
            if (model.rowCount() < 1)
                note(QStringLiteral("search for %1 found nothing").arg(fragment));
            clear << timed(view, QStringLiteral("clear_search"), [&] { model.setSearchText({}); });
        }
        f.set(QStringLiteral("search_ms"), median(search));
        f.set(QStringLiteral("clear_search_ms"), median(clear));

        note(QStringLiteral("type filter"));
        QList<double> typeFilter, typeClear;
        for (int rep = 0; rep < repetitions; ++rep) {
            typeFilter << timed(view, QStringLiteral("type_filter"),
                                [&] { model.setKindFilter(CredentialKind::BulkToken); });
            typeClear << timed(view, QStringLiteral("type_filter"), [&] { model.setKindFilter(std::nullopt); });
        }
        f.set(QStringLiteral("type_filter_ms"), median(typeFilter));
        f.set(QStringLiteral("type_filter_clear_ms"), median(typeClear));

        note(QStringLiteral("jump to end"));
        QList<double> jump;
        const QList<int> jumpOrders{kValidTo, kName, kType, kValidFrom};
        for (int rep = 0; rep < repetitions; ++rep) {
            view.sortByColumn(jumpOrders.at(rep % jumpOrders.size()), Qt::AscendingOrder); // a cold cache each time
            pressKey(view, Qt::Key_Home);
            view.viewport()->repaint();
            jump << timed(view, QStringLiteral("jump_to_end"), [&] { pressKey(view, Qt::Key_End); });
            if (view.currentIndex().row() != model.rowCount() - 1)
                note(QStringLiteral("Ctrl+End did not reach the last row"));
        }
        f.set(QStringLiteral("jump_to_end_ms"), median(jump));

        // Sorting while 10,000 rows are selected: every selected row must be found
        // at its new position (the selection model keeps one persistent index per
        // selected row), and the same records must stay selected.
        note(QStringLiteral("sort with 10,000 rows selected"));
        // Rank directories place selected rows in a new order; they are built in
        // the background after open, as the search index is.
        if (model.rowCount() >= 50000) {
            if (!waitFor([&] { return directoriesReadyMs >= 0; }, 300000))
                note(QStringLiteral("the rank directories were not ready within 300 s"));
            else
                f.set(QStringLiteral("rank_directories_ready_ms"), directoriesReadyMs);
        }
        {
            const int selectedRows = std::min(10000, model.rowCount() / 2);
            view.sortByColumn(kName, Qt::AscendingOrder);
            const int start = (model.rowCount() - selectedRows) / 2;
            view.selectionModel()->select(
                QItemSelection(model.index(start, 0), model.index(start + selectedRows - 1, model.columnCount() - 1)),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            view.selectionModel()->setCurrentIndex(model.index(start, 0), QItemSelectionModel::NoUpdate);
            view.scrollTo(model.index(start, 0));
            view.viewport()->repaint();
            const auto selectedIds = [&] {
                QList<qint64> ids;
                for (int row : selectedRowNumbers(view.selectionModel()->selection()))
                    ids << model.index(row, 0).data(IdRole).toLongLong();
                std::sort(ids.begin(), ids.end());
                return ids;
            };
            const QList<qint64> before = selectedIds();
            QList<double> times;
            const QList<int> orders{kValidTo, kCreatedBy, kType, kName};
            for (int rep = 0; rep < std::max(repetitions, 4); ++rep) {
                const int column = orders.at(rep % orders.size());
                times << timed(view, QStringLiteral("sort_with_selection"),
                               [&] { view.sortByColumn(column, rep % 2 ? Qt::DescendingOrder : Qt::AscendingOrder); });
                if (selectedIds() != before)
                    note(QStringLiteral("sorting by column %1 did not keep the %2 selected rows (%3 now)")
                             .arg(column)
                             .arg(before.size())
                             .arg(selectedRowTotal(view.selectionModel()->selection())));
            }
            f.set(QStringLiteral("sort_with_selection_ms"), median(times));
            f.set(QStringLiteral("sort_with_selection_worst_ms"), *std::max_element(times.cbegin(), times.cend()));
            f.set(QStringLiteral("sort_with_selection_rows"), before.size());
            view.selectionModel()->clear();
        }

        note(QStringLiteral("block and unblock 10,000 tokens"));
        view.sortByColumn(kName, Qt::AscendingOrder);
        BenchContext context(*site, model, view);
        BlockTokensCommand block(BlockTokensCommand::Mode::Block, context);
        BlockTokensCommand unblock(BlockTokensCommand::Mode::Unblock, context);
        block.setInteractive(false);
        unblock.setInteractive(false);
        const int selected = std::min(10000, model.rowCount() / 2);
        // Repetition rep selects its own `selected` rows; returns where they start.
        const auto selectRows = [&](int rep) {
            const int start = std::max(0, std::min(model.rowCount() - selected, rep * selected));
            view.selectionModel()->select(
                QItemSelection(model.index(start, 0), model.index(start + selected - 1, model.columnCount() - 1)),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return start;
        };
        QList<double> blockTimes, unblockTimes;
        for (int rep = 0; rep < repetitions; ++rep) {
            QModelIndex first;
            bool shown = false;
            QList<CredentialRecord> records;
            blockTimes << timed(view, QStringLiteral("block_10k"), [&] {
                first = model.index(selectRows(rep), 0);
                view.scrollTo(first, QAbstractItemView::PositionAtTop);
                // As in the console: the selection is painted, the window reads the
                // selected records to enable its actions, then the click arrives.
                QCoreApplication::processEvents();
                view.viewport()->repaint();
                records = context.selectedRecords();
                QCoreApplication::processEvents();
                shown = runCommand(block, records);
            });
            if (!shown || first.data(DisplayStatusRole).toInt() != int(DisplayStatus::Blocked))
                note(QStringLiteral("the view does not show the blocked tokens"));
            unblockTimes << timed(view, QStringLiteral("block_10k"),
                                  [&] { shown = runCommand(unblock, context.selectedRecords()); });
            if (!shown || first.data(DisplayStatusRole).toInt() == int(DisplayStatus::Blocked))
                note(QStringLiteral("the view does not show the unblocked tokens"));
        }
        // The same through the list sorted by Created By: one creator's 10,000 tokens,
        // every fifth row over a stretch of the table five times as long, so each
        // table and index page holds fewer of them (in Name order above, tokens issued
        // together are neighbours: their GUIDs are time-ordered).
        {
            view.sortByColumn(kCreatedBy, Qt::AscendingOrder);
            QList<double> spreadTimes;
            for (int rep = 0; rep < repetitions; ++rep) {
                const int start = selectRows(rep);
                QCoreApplication::processEvents();
                bool shown = false;
                spreadTimes << timed(view, QStringLiteral("block_10k_by_creator"),
                                     [&] { shown = runCommand(block, context.selectedRecords()); });
                if (!shown || model.index(start, 0).data(DisplayStatusRole).toInt() != int(DisplayStatus::Blocked))
                    note(QStringLiteral("the view does not show the blocked tokens (Created By order)"));
                (void)runCommand(unblock, context.selectedRecords());
            }
            f.set(QStringLiteral("block_10k_by_creator_ms"), median(spreadTimes));
            view.sortByColumn(kName, Qt::AscendingOrder);
            selectRows(repetitions - 1); // the tokens the TokenService-only block below uses
        }
        QStringList blockedGuids;
        for (const CredentialRecord &r : context.selectedRecords()) {
            if (r.isToken())
                blockedGuids << r.name;
        }
        f.set(QStringLiteral("block_10k_ms"), median(blockTimes));
        f.set(QStringLiteral("unblock_10k_ms"), median(unblockTimes));
        f.set(QStringLiteral("block_rows"), selected);

        note(QStringLiteral("external change"));
        view.selectionModel()->clear();
        pressKey(view, Qt::Key_Home);
        view.viewport()->repaint();
        auto other = site->openAnotherConnection();
        if (!other) {
            note(other.error());
            return;
        }
        QList<double> external;
        for (int rep = 0; rep < repetitions; ++rep) {
            const QModelIndex row = model.index(3 + rep, 0);
            const QString guid = row.data(GuidRole).toString();
            if (guid.isEmpty())
                continue;
            const bool wasBlocked = row.data(DisplayStatusRole).toInt() == int(DisplayStatus::Blocked);
            TokenService service(**other);
            bool changedOk = true;
            external << timed(
                view, QStringLiteral("external_change"),
                [&] {
                    auto changed
                        = wasBlocked ? service.unblock({guid}) : service.block({guid}, QStringLiteral("benchmark"));
                    if (!changed) {
                        note(changed.error());
                        changedOk = false;
                    }
                },
                [&] {
                    return !changedOk
                        || (row.data(DisplayStatusRole).toInt() == int(DisplayStatus::Blocked)) != wasBlocked;
                });
            if ((row.data(DisplayStatusRole).toInt() == int(DisplayStatus::Blocked)) == wasBlocked)
                note(QStringLiteral("the external change did not show"));
        }
        f.set(QStringLiteral("external_change_ms"), median(external));
        f.set(QStringLiteral("list_peak_rss_mb"), listPeakRssMb());
        double worstStall = 0;
        for (auto it = stalls().longest.cbegin(); it != stalls().longest.cend(); ++it) {
            f.set(QStringLiteral("gui_max_stall_%1_ms").arg(it.key()), it.value());
            worstStall = std::max(worstStall, it.value());
        }
        f.set(QStringLiteral("gui_max_stall_ms"), worstStall);
        stalls().longest.clear();

        // Where block_10k_ms goes: the same 10,000 GUIDs through TokenService alone
        // (one transaction with its audit rows), without selection, view or refresh.
        // After the peak memory is taken: it is not something the list does.
        {
            const QStringList &guids = blockedGuids;
            TokenService service(*site);
            QElapsedTimer t;
            t.start();
            const bool blocked = bool(service.block(guids, QStringLiteral("benchmark")));
            const double serviceMs = double(t.nsecsElapsed()) / 1e6;
            f.set(QStringLiteral("block_10k_service_only_ms"), serviceMs);
            f.set(QStringLiteral("block_10k_view_ms"), std::max(0.01, median(blockTimes) - serviceMs));
            if (blocked)
                (void)service.unblock(guids);
            model.refresh();
        }

        // Qt's own floor: a QTableView (configured as ours) on a model that only
        // answers its row number, with as many rows. What it takes to show and to
        // change its layout is spent before any of our code runs. After the
        // peak memory is taken, as the service-only block above.
        {
            FloorModel floor(model.rowCount());
            QTableView floorView;
            configure(floorView);
            const double before = currentRssMb();
            QElapsedTimer t;
            t.start();
            floorView.setModel(&floor);
            showAndPaint(floorView);
            f.set(QStringLiteral("qt_floor_open_ms"), double(t.nsecsElapsed()) / 1e6);
            f.set(QStringLiteral("qt_floor_rss_mb"), std::max(0.01, currentRssMb() - before));
            f.set(QStringLiteral("qt_floor_layout_change_ms"),
                  timed(floorView, QStringLiteral("qt_floor"), [&] { floor.relayout(); }));
        }
    }

    if (!withBaseline) {
        note(QStringLiteral("baseline skipped (--no-baseline)"));
        return;
    }

    // ---- Baseline: QSqlTableModel + QSortFilterProxyModel, every row fetched ----
    // At large sizes one repetition: each step takes seconds.
    const int baselineReps = rows > 100000 ? 1 : repetitions;
    const QString connection = QStringLiteral("listbench-baseline");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QDir(siteFolder).filePath(QLatin1String(SiteDatabase::kFileName)));
        if (!db.open()) {
            note(QStringLiteral("baseline cannot open the database"));
            return;
        }
        note(QStringLiteral("baseline open (%1 repetition(s))").arg(baselineReps));
        QList<double> open;
        std::unique_ptr<QSqlTableModel> source;
        std::unique_ptr<QSortFilterProxyModel> proxy;
        std::unique_ptr<QTableView> view;
        for (int rep = 0; rep < baselineReps; ++rep) {
            view.reset();
            proxy.reset();
            source.reset();
            QElapsedTimer t;
            t.start();
            source = std::make_unique<QSqlTableModel>(nullptr, db);
            source->setTable(QStringLiteral("credentials"));
            source->setEditStrategy(QSqlTableModel::OnManualSubmit);
            source->select();
            while (source->canFetchMore())
                source->fetchMore();
            proxy = std::make_unique<QSortFilterProxyModel>();
            proxy->setSourceModel(source.get());
            view = std::make_unique<QTableView>();
            configure(*view);
            view->setModel(proxy.get());
            view->setSortingEnabled(true);
            view->sortByColumn(source->fieldIndex(QStringLiteral("name")), Qt::AscendingOrder);
            showAndPaint(*view);
            open << double(t.nsecsElapsed()) / 1e6;
        }
        const double baseOpen = median(open);
        f.set(QStringLiteral("baseline_open_ms"), baseOpen);
        f.set(QStringLiteral("baseline_rows_fetched"), source->rowCount());

        const QHash<int, int> columnOf{{kType, source->fieldIndex(QStringLiteral("kind"))},
                                       {kValidTo, source->fieldIndex(QStringLiteral("not_after"))},
                                       {kName, source->fieldIndex(QStringLiteral("name"))}};
        note(QStringLiteral("baseline sort"));
        double worst = 0;
        for (const auto &[column, label] : measuredSorts()) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                QList<double> times;
                for (int rep = 0; rep < baselineReps; ++rep)
                    times << timed(*view, QStringLiteral("baseline"),
                                   [&] { view->sortByColumn(columnOf.value(column), order); });
                const double m = median(times);
                worst = std::max(worst, m);
                const QString key
                    = QStringLiteral("sort_%1_%2_ms").arg(label, order == Qt::AscendingOrder ? "asc" : "desc");
                f.set(QStringLiteral("baseline_") + key, m);
                if (figures.value(key).toDouble() > 0)
                    f.set(key.chopped(3) + QStringLiteral("_speedup"), m / figures.value(key).toDouble());
            }
        }
        f.set(QStringLiteral("baseline_sort_worst_ms"), worst);

        note(QStringLiteral("baseline search and type filter"));
        QList<double> search, clear, typeFilter, typeClear, jump;
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        for (int rep = 0; rep < baselineReps; ++rep) {
            const QString fragment = fragments.value(rep, QStringLiteral("abcdef"));
            proxy->setFilterKeyColumn(columnOf.value(kName));
            search << timed(*view, QStringLiteral("baseline"), [&] { proxy->setFilterFixedString(fragment); });
            clear << timed(*view, QStringLiteral("baseline"), [&] { proxy->setFilterFixedString({}); });
            proxy->setFilterKeyColumn(columnOf.value(kType));
            typeFilter << timed(*view, QStringLiteral("baseline"),
                                [&] { proxy->setFilterRegularExpression(QStringLiteral("^0$")); });
            typeClear << timed(*view, QStringLiteral("baseline"),
                               [&] { proxy->setFilterRegularExpression(QString()); });
            pressKey(*view, Qt::Key_Home);
            view->viewport()->repaint();
            jump << timed(*view, QStringLiteral("baseline"), [&] { pressKey(*view, Qt::Key_End); });
        }
        auto pair = [&](const QString &key, const QList<double> &baseline) {
            const double b = median(baseline);
            f.set(QStringLiteral("baseline_") + key + QStringLiteral("_ms"), b);
            if (figures.value(key + QStringLiteral("_ms")).toDouble() > 0)
                f.set(key + QStringLiteral("_speedup"), b / figures.value(key + QStringLiteral("_ms")).toDouble());
        };
        f.set(QStringLiteral("open_speedup"),
              figures.value(QStringLiteral("open_ms")).toDouble() > 0
                  ? baseOpen / figures.value(QStringLiteral("open_ms")).toDouble()
                  : 0);
        pair(QStringLiteral("search"), search);
        pair(QStringLiteral("clear_search"), clear);
        pair(QStringLiteral("type_filter"), typeFilter);
        pair(QStringLiteral("type_filter_clear"), typeClear);
        pair(QStringLiteral("jump_to_end"), jump);
        if (worst > 0 && figures.value(QStringLiteral("sort_worst_ms")).toDouble() > 0)
            f.set(QStringLiteral("sort_worst_speedup"),
                  worst / figures.value(QStringLiteral("sort_worst_ms")).toDouble());

        // A typical application re-selects everything after a change. Above
        // kBaselineBlockMaxRows that takes many minutes (about 1,100 s at a
        // million rows) and no target compares against it: skipped, and said so.
        constexpr int kBaselineBlockMaxRows = 200000;
        const bool blockBaseline = rows <= kBaselineBlockMaxRows;
        note(blockBaseline ? QStringLiteral("baseline block 10,000 tokens")
                           : QStringLiteral("baseline block skipped above %1 rows").arg(kBaselineBlockMaxRows));
        auto site
            = blockBaseline ? Site::open(siteFolder) : Result<std::unique_ptr<Site>>(Error{QStringLiteral("skipped")});
        if (blockBaseline && site) {
            QStringList guids;
            const int nameColumn = columnOf.value(kName);
            for (int row = 0; row < proxy->rowCount() && guids.size() < 10000; ++row) {
                const QString name = proxy->index(row, nameColumn).data().toString();
                if (name.size() == 36)
                    guids << name;
            }
            QList<double> blockTimes, unblockTimes;
            for (int rep = 0; rep < baselineReps; ++rep) {
                // At large sizes only the block: each step re-reads every row.
                for (bool blocking : {true, false}) {
                    if (!blocking && rows > 100000)
                        continue;
                    const double ms = timed(*view, QStringLiteral("baseline"), [&] {
                        TokenService service(**site);
                        (void)(blocking ? service.block(guids, QStringLiteral("benchmark")) : service.unblock(guids));
                        source->select();
                        while (source->canFetchMore())
                            source->fetchMore();
                    });
                    (blocking ? blockTimes : unblockTimes) << ms;
                }
            }
            pair(QStringLiteral("block_10k"), blockTimes);
            if (!unblockTimes.isEmpty())
                pair(QStringLiteral("unblock_10k"), unblockTimes);
        }
        f.set(QStringLiteral("baseline_gui_max_stall_ms"), stalls().longest.value(QStringLiteral("baseline")));
        view.reset();
        proxy.reset();
        source.reset();
    }
    QSqlDatabase::removeDatabase(connection);
}
