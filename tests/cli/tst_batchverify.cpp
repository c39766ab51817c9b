// bulkregtoken verify --batch: a real site, real tokens, a real process with two
// worker threads. One JSON line per input line, in input order, each with the
// reason the single-token verify would give.
#include "bulktoken.h"
#include "jws.h"
#include "site.h"
#include "sitepki.h"
#include "tokenservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace tc;

class TestBatchVerify : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_folder;
    QByteArray m_valid, m_blocked, m_unknown;
    QString m_validGuid, m_blockedGuid;

    struct Run
    {
        int exitCode = -1;
        QList<QJsonObject> lines;
        QByteArray errors;
    };

    Run run(const QStringList &extra, const QByteArray &input)
    {
        QProcess p;
        p.start(QStringLiteral(TC_BULKREGTOKEN),
                QStringList{QStringLiteral("--site"), m_folder, QStringLiteral("verify")} + extra);
        if (!p.waitForStarted())
            return {};
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60'000))
            return {};
        Run r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.errors = p.readAllStandardError();
        const QList<QByteArray> out = p.readAllStandardOutput().split('\n');
        for (const QByteArray &line : out) {
            if (line.isEmpty())
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            r.lines << (doc.isObject() ? doc.object()
                                       : QJsonObject{{QStringLiteral("unparsable"), QString::fromUtf8(line)}});
        }
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath(QStringLiteral("site"));
        auto site = Site::create(m_folder, QStringLiteral("BAT"));
        QVERIFY2(site, site ? "" : qPrintable(site.error()));
        TokenService service(**site);
        auto issued = service.issueBatch(2, 60);
        QVERIFY2(issued, issued ? "" : qPrintable(issued.error()));
        m_valid = issued->at(0).token;
        m_validGuid = issued->at(0).guid;
        m_blocked = issued->at(1).token;
        m_blockedGuid = issued->at(1).guid;
        QVERIFY(service.block({m_blockedGuid}, QStringLiteral("test")));

        // Signed with the site's own key but never recorded: only the lookup refuses it.
        auto signer = SitePki(**site).currentSigner();
        QVERIFY(signer);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const bulktoken::Claims claims{(*site)->tenantId(), QUuid::createUuid().toString(QUuid::WithoutBraces), now,
                                       now + 3600};
        auto unknown = jws::signRs256(bulktoken::headerJson(signer->stored.certificate.x5t()),
                                      bulktoken::payloadJson(claims), signer->key);
        QVERIFY(unknown);
        m_unknown = *unknown;
    }

    void eachLineGetsItsReason_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("valid") << "valid"
                               << "valid";
        QTest::newRow("blocked") << "blocked"
                                 << "blocked";
        QTest::newRow("unknown") << "unknown"
                                 << "unknown-token";
        QTest::newRow("malformed") << "malformed"
                                   << "malformed";
        QTest::newRow("empty line") << "empty"
                                    << "malformed";
        QTest::newRow("bad signature") << "tampered"
                                       << "bad-signature";
        QTest::newRow("alg none") << "none"
                                  << "unsupported-algorithm";
        QTest::newRow("crlf line end") << "crlf"
                                       << "valid";
    }

    void eachLineGetsItsReason()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QByteArray line;
        if (kind == QLatin1String("valid"))
            line = m_valid;
        else if (kind == QLatin1String("blocked"))
            line = m_blocked;
        else if (kind == QLatin1String("unknown"))
            line = m_unknown;
        else if (kind == QLatin1String("malformed"))
            line = "not.a.token";
        else if (kind == QLatin1String("tampered")) {
            line = m_valid;
            line[line.size() - 5] = line.at(line.size() - 5) == 'A' ? 'B' : 'A';
        } else if (kind == QLatin1String("none")) {
            line = "eyJhbGciOiJub25lIn0." + m_valid.split('.').at(1) + ".";
        } else if (kind == QLatin1String("crlf")) {
            line = m_valid + '\r';
        }
        const Run r = run({QStringLiteral("--batch"), QStringLiteral("--jobs"), QStringLiteral("2")}, line + '\n');
        QCOMPARE(r.lines.size(), 1);
        QCOMPARE(r.lines.at(0).value(QStringLiteral("reason")).toString(), reason);
        QCOMPARE(r.lines.at(0).value(QStringLiteral("valid")).toBool(), reason == QLatin1String("valid"));
        QCOMPARE(r.lines.at(0).value(QStringLiteral("line")).toInt(), 1);
        QCOMPARE(r.exitCode, reason == QLatin1String("valid") ? 0 : 1);
        QVERIFY2(!r.errors.contains(m_valid.split('.').at(2)), "a token reached stderr");
    }

    // Many mixed lines across two threads: the output must follow the input order.
    void mixedLinesComeOutInOrder()
    {
        const QList<QPair<QByteArray, QString>> kinds = {
            {m_valid, QStringLiteral("valid")},           {m_blocked, QStringLiteral("blocked")},
            {"garbage", QStringLiteral("malformed")},     {QByteArray(), QStringLiteral("malformed")},
            {m_unknown, QStringLiteral("unknown-token")},
        };
        QByteArray input;
        QStringList expected;
        // Irregular pattern over more lines than one worker block, so order errors show.
        for (int i = 0; i < 1500; ++i) {
            const auto &k = kinds.at((i * 7 + i / 13) % kinds.size());
            input += k.first + '\n';
            expected << k.second;
        }
        const Run r = run({QStringLiteral("--batch"), QStringLiteral("--jobs"), QStringLiteral("2")}, input);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.lines.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const QJsonObject &o = r.lines.at(i);
            QCOMPARE(o.value(QStringLiteral("line")).toInt(), i + 1);
            QCOMPARE(o.value(QStringLiteral("reason")).toString(), expected.at(i));
            if (expected.at(i) == QLatin1String("blocked"))
                QCOMPARE(o.value(QStringLiteral("guid")).toString(), m_blockedGuid);
        }
    }

    // A line longer than any token is refused as malformed, and the next line is
    // still read as a line of its own.
    void overlongLineIsRefusedAndSkipped()
    {
        const QByteArray input = QByteArray(100'000, 'A') + '\n' + m_valid + '\n';
        const Run r = run({QStringLiteral("--batch"), QStringLiteral("--jobs"), QStringLiteral("2")}, input);
        QCOMPARE(r.lines.size(), 2);
        QCOMPARE(r.lines.at(0).value(QStringLiteral("reason")).toString(), QStringLiteral("malformed"));
        QCOMPARE(r.lines.at(1).value(QStringLiteral("reason")).toString(), QStringLiteral("valid"));
        QCOMPARE(r.lines.at(1).value(QStringLiteral("line")).toInt(), 2);
    }

    void allValidExitsZero()
    {
        const Run r = run({QStringLiteral("--batch")}, m_valid + '\n' + m_valid + '\n' + m_valid);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.lines.size(), 3);
        for (const QJsonObject &o : r.lines)
            QCOMPARE(o.value(QStringLiteral("guid")).toString(), m_validGuid);
    }

    void emptyInputGivesNoLines()
    {
        const Run r = run({QStringLiteral("--batch"), QStringLiteral("--jobs"), QStringLiteral("2")}, QByteArray());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.lines.size(), 0);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("jobs zero") << QStringList{QStringLiteral("--batch"), QStringLiteral("--jobs"),
                                                  QStringLiteral("0")};
        QTest::newRow("jobs not a number")
            << QStringList{QStringLiteral("--batch"), QStringLiteral("--jobs"), QStringLiteral("two")};
        QTest::newRow("jobs without batch") << QStringList{QStringLiteral("--jobs"), QStringLiteral("2")};
        QTest::newRow("token argument") << QStringList{QStringLiteral("--batch"), QString::fromLatin1(m_valid)};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const Run r = run(arguments, m_valid + '\n');
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.lines.size(), 0);
        QVERIFY(r.errors.startsWith("bulkregtoken: "));
    }
};

QTEST_GUILESS_MAIN(TestBatchVerify)
#include "tst_batchverify.moc"
