// Runs tokenconsole-mpbench small so it cannot rot: every request answered,
// every figure there, counts as asked, rates positive. Times are never asserted.
#include "benchrun.h"

#include <QJsonObject>
#include <QtTest>

class TestMpBench : public QObject
{
    Q_OBJECT

private slots:
    void runsAndReportsEveryFigure()
    {
        const BenchRun run
            = runBenchmark(QStringLiteral(TC_MPBENCH),
                           {QStringLiteral("--devices"), QStringLiteral("60"), QStringLiteral("--concurrency"),
                            QStringLiteral("8"), QStringLiteral("--idle"), QStringLiteral("40"),
                            QStringLiteral("--slow"), QStringLiteral("30"), QStringLiteral("--json")},
                           300'000);
        QVERIFY2(run.problem.isEmpty(), qPrintable(run.problem));
        const QJsonObject &figures = run.figures;
        for (const char *key : {"register_per_s", "register_p50_ms", "register_p99_ms", "register_service_cpu_s",
                                "register_efficiency_cpu", "whoami_per_s", "whoami_p50_ms", "whoami_p99_ms",
                                "whoami_service_cpu_s", "whoami_efficiency_cpu", "renew_per_s", "renew_p99_ms",
                                "renew_efficiency_cpu", "sign_raw_per_s", "verify_raw_per_s", "idle_whoami_p99_ms",
                                "idle_service_rss_mb", "service_peak_rss_mb", "whoami_with_slow_p99_ms"}) {
            const QString name = QString::fromLatin1(key);
            QVERIFY2(figures.value(name).isDouble(), qPrintable(QStringLiteral("missing figure %1").arg(name)));
            QVERIFY2(figures.value(name).toDouble() > 0, qPrintable(QStringLiteral("%1 is not positive").arg(name)));
        }
        QCOMPARE(figures.value(QStringLiteral("devices")).toInt(), 60);
        QCOMPARE(figures.value(QStringLiteral("register_failed")).toInt(), 0);
        QCOMPARE(figures.value(QStringLiteral("whoami_failed")).toInt(), 0);
        QCOMPARE(figures.value(QStringLiteral("renew_failed")).toInt(), 0);
        QCOMPARE(figures.value(QStringLiteral("idle_connections_held")).toInt(), 40);
        QCOMPARE(figures.value(QStringLiteral("slow_clients_held")).toInt(), 30);
        QCOMPARE(figures.value(QStringLiteral("whoami_with_slow_failed")).toInt(), 0);
        QCOMPARE(figures.value(QStringLiteral("idle_whoami_answered")).toInt(), 59);
    }
};

QTEST_GUILESS_MAIN(TestMpBench)
#include "tst_mpbench.moc"
