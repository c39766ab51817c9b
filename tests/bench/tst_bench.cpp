// Runs tokenconsole-bench small so it cannot rot: every figure must be there and
// be a positive number. Times are never asserted.
#include "benchrun.h"

#include <QJsonObject>
#include <QtTest>

class TestBench : public QObject
{
    Q_OBJECT

private slots:
    void runsAndReportsEveryFigure()
    {
        const BenchRun run
            = runBenchmark(QStringLiteral(TC_BENCH),
                           {QStringLiteral("--rows"), QStringLiteral("20000"), QStringLiteral("--repetitions"),
                            QStringLiteral("1"), QStringLiteral("--json")},
                           540'000);
        QVERIFY2(run.problem.isEmpty(), qPrintable(run.problem));
        const QJsonObject &figures = run.figures;

        const QStringList required = {
            QStringLiteral("populate_rows_per_s"),
            QStringLiteral("sign_per_s"),
            QStringLiteral("sign_raw_per_s"),
            QStringLiteral("sign_efficiency"),
            QStringLiteral("verify_per_s"),
            QStringLiteral("verify_raw_per_s"),
            QStringLiteral("verify_efficiency"),
            QStringLiteral("verify_per_s_2_jobs"),
            QStringLiteral("peak_rss_mb"),
            // The list, measured in a process of its own, with the GUI thread's heartbeat.
            QStringLiteral("open_ms"),
            QStringLiteral("search_ms"),
            QStringLiteral("search_at_open_ms"),
            QStringLiteral("sort_with_selection_ms"),
            QStringLiteral("qt_floor_open_ms"),
            QStringLiteral("search_speedup"),
            QStringLiteral("block_10k_ms"),
            QStringLiteral("list_peak_rss_mb"),
            QStringLiteral("gui_max_stall_ms"),
            QStringLiteral("gui_max_stall_search_ms"),
            QStringLiteral("gui_max_stall_block_10k_ms"),
        };
        for (const QString &key : required)
            QVERIFY2(figures.contains(key), qPrintable(QStringLiteral("missing figure %1").arg(key)));
        for (auto it = figures.constBegin(); it != figures.constEnd(); ++it) {
            QVERIFY2(it.value().isDouble(), qPrintable(QStringLiteral("%1 is not a number").arg(it.key())));
            QVERIFY2(it.value().toDouble() > 0, qPrintable(QStringLiteral("%1 is not positive").arg(it.key())));
        }
        QCOMPARE(figures.value(QStringLiteral("rows")).toInt(), 20000);
        QCOMPARE(figures.value(QStringLiteral("verify_tokens")).toInt(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestBench)
#include "tst_bench.moc"
