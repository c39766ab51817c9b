// tokenconsole-bench: fills a fresh temporary site with many token rows through
// the project's own store API, then measures population, signing, verification
// (single thread and in parallel) and, when the list benchmark is built in, the
// list view against a QSqlTableModel baseline. Prints a table, or one JSON
// object of figures with --json. It measures; it never judges a time.

#include "base64url.h"
#include "batchverifier.h"
#include "benchstats.h"
#include "bulktoken.h"
#include "credentialstore.h"
#include "rawcrypto.h"
#include "site.h"
#include "sitepki.h"
#include "tokenservice.h"

#include "listbench.h"
#include <QApplication>
using BenchApplication = QApplication;

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace tc;
using tc::benchstats::median;
using tc::benchstats::peakRssMb;

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

// CPU time of the calling thread: unlike wall time, not inflated when other
// processes share the cores (but blind to waiting on the disk).
double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// CPU time of the whole process (all its threads).
double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// Figures in the order they are printed, with what each one means.
struct Figures
{
    QJsonObject values;
    QStringList order;
    QHash<QString, QString> notes;

    void set(const QString &key, double value, const QString &note)
    {
        // Logged as measured, so a long run that is stopped still leaves its figures.
        QTextStream(stderr) << "[bench] " << key << " = " << value << Qt::endl;
        values.insert(key, value);
        if (!order.contains(key))
            order << key;
        notes.insert(key, note);
    }
};

// Steps are announced on stderr so a long run shows where it is.
void step(const QString &what)
{
    err() << "[bench] " << what << Qt::endl;
}

// Token metadata as a site accumulates it over two years of issuing: rows in the
// order the tokens were issued (row ids follow issue time, as in any site), each
// GUID made as TokenService makes it (time-ordered, version 7, at the token's
// issue time), validity periods spread evenly over the two years, lifetimes
// from an hour to seven days, a few creators, about 2% blocked.
class RowGenerator
{
public:
    RowGenerator(const StoredCertificate &signer, qint64 now, int rows)
        : m_signer(signer), m_now(now), m_rows(std::max(1, rows))
    { }

    CredentialRecord next()
    {
        static const QString creators[] = {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"),
                                           QStringLiteral("svc-mdm"), QStringLiteral("svc-imaging")};
        static const int lifetimes[] = {60, 480, 1440, 4320, 4320, 4320, 10080};
        constexpr qint64 kSpan = 2 * 365 * 86400;
        const qint64 nbf = m_now - kSpan + (kSpan * m_made++) / m_rows;
        const quint32 random[3] = {quint32(m_rng()), quint32(m_rng()), quint32(m_rng())};
        CredentialRecord r;
        r.kind = CredentialKind::BulkToken;
        r.name = QString::fromLatin1(bulktoken::newGuid(nbf * 1000 + qint64(m_rng() % 1000), random));
        r.lifetimeMinutes = lifetimes[m_rng() % std::size(lifetimes)];
        r.notBefore = fromUnix(nbf);
        r.notAfter = fromUnix(nbf + qint64(r.lifetimeMinutes) * 60);
        r.issuer = m_signer.certificate.commonName();
        r.signerThumbprint = m_signer.certificate.thumbprint();
        r.createdAt = r.notBefore;
        r.createdBy = creators[m_rng() % std::size(creators)];
        if (m_rng() % 50 == 0) {
            r.state = CredentialState::Blocked;
            r.blockedAt = fromUnix(nbf + 600);
            r.blockedBy = creators[0];
            r.blockReason = QStringLiteral("device lost");
        }
        return r;
    }

private:
    const StoredCertificate &m_signer;
    qint64 m_now;
    qint64 m_rows;
    qint64 m_made = 0;
    std::mt19937_64 m_rng{20261129};
};

Status populate(Site &site, int rows, Figures &figures)
{
    auto signer = SitePki(site).current(CredentialKind::TokenSigning);
    if (!signer)
        return signer.takeError();
    RowGenerator generator(*signer, QDateTime::currentSecsSinceEpoch(), rows);
    QElapsedTimer timer;
    timer.start();
    const double cpu = processCpuSeconds();
    // One transaction, rows streamed from the generator into the store's import path.
    WriteTransaction tx(site.database());
    if (!tx.status())
        return tx.status();
    int made = 0;
    auto imported = site.store().importTokens(
        rows,
        [&](CredentialRecord &r) {
            if (made == rows)
                return false;
            r = generator.next();
            ++made;
            return true;
        },
        tx.revision());
    if (!imported)
        return imported.takeError();
    if (auto committed = tx.commit(); !committed)
        return committed;
    const double seconds = std::max(1e-9, timer.nsecsElapsed() / 1e9);
    figures.set(
        QStringLiteral("populate_rows_per_s"), rows / seconds,
        QStringLiteral("token rows imported per second (generation + importTokens + commit), target >= 200000"));
    figures.set(
        QStringLiteral("populate_rows_per_cpu_s"), rows / std::max(1e-9, processCpuSeconds() - cpu),
        QStringLiteral("the same per second of process CPU time (less inflated by other load, blind to disk waits)"));
    return {};
}

// TokenService::block and unblock of 10,000 tokens that are neighbours in GUID
// order (as a selection in the name-sorted list is), scattered over the table:
// the service's share of block_10k_ms, without the view.
Status measureBlocking(Site &site, int rows, int repetitions, Figures &figures)
{
    constexpr int kCount = 10'000;
    TokenService service(site);
    QList<double> blockTimes, unblockTimes, blockCpuTimes;
    QElapsedTimer timer;
    for (int rep = 0; rep < repetitions; ++rep) {
        auto q = site.database().prepare(
            QStringLiteral("SELECT name FROM credentials WHERE kind = 0 AND state = 0 ORDER BY name LIMIT ? OFFSET ?"));
        if (!q)
            return q.takeError();
        q->addBindValue(kCount);
        q->addBindValue(qint64(rows) * (rep + 1) / (repetitions + 2));
        if (auto done = SiteDatabase::exec(*q, QStringLiteral("pick tokens to block")); !done)
            return done;
        QStringList guids;
        while (q->next())
            guids << q->value(0).toString();
        q->finish();
        if (guids.isEmpty())
            return {};
        timer.start();
        const double cpu = threadCpuSeconds();
        auto blocked = service.block(guids, QStringLiteral("benchmark"));
        blockTimes << timer.nsecsElapsed() / 1e6;
        blockCpuTimes << (threadCpuSeconds() - cpu) * 1e3;
        if (!blocked)
            return blocked.takeError();
        if (blocked->size() != guids.size())
            return Error{
                QStringLiteral("Blocking %1 active tokens changed %2.").arg(guids.size()).arg(blocked->size())};
        timer.start();
        auto unblocked = service.unblock(guids);
        unblockTimes << timer.nsecsElapsed() / 1e6;
        if (!unblocked)
            return unblocked.takeError();
        if (unblocked->size() != guids.size())
            return Error{QStringLiteral("Unblocking %1 tokens changed %2.").arg(guids.size()).arg(unblocked->size())};
    }
    figures.set(QStringLiteral("block_10k_service_ms"), median(blockTimes),
                QStringLiteral("TokenService::block of 10,000 GUID-order neighbours, committed (no view)"));
    figures.set(QStringLiteral("unblock_10k_service_ms"), median(unblockTimes),
                QStringLiteral("TokenService::unblock of the same 10,000, committed (no view)"));
    figures.set(
        QStringLiteral("block_10k_service_cpu_ms"), median(blockCpuTimes),
        QStringLiteral("block_10k_service_ms in thread CPU time (less inflated by other load, blind to fsync waits)"));
    return {};
}

// Issues the verification set through the token service in batches, timing each
// batch, with the same number of raw signatures interleaved so both see the same
// machine load. Returns the tokens; their GUIDs go to guids.
Result<QList<QByteArray>> measureSigning(Site &site, int count, int repetitions, QStringList &guids, Figures &figures)
{
    auto signer = SitePki(site).currentSigner();
    if (!signer)
        return signer.takeError();
    bench::RawSigner raw(signer->key);
    if (!raw.ok())
        return Error{QStringLiteral("The raw OpenSSL signer could not be set up.")};

    TokenService service(site);
    constexpr int kBatch = 250;
    constexpr int kRawPerBatch = 100;
    QList<QByteArray> tokens;
    tokens.reserve(count);
    QList<double> serviceRates, rawRates, serviceCpuRates, rawCpuRates;
    QElapsedTimer timer;
    // At least `repetitions` batches, even for small counts.
    const int batches = std::max(repetitions, (count + kBatch - 1) / kBatch);
    for (int b = 0; b < batches; ++b) {
        const int n = std::max(1, std::min(kBatch, count - int(tokens.size())));
        double cpu = threadCpuSeconds();
        timer.start();
        auto issued = service.issueBatch(n, kDefaultLifetimeMinutes);
        const double serviceSeconds = timer.nsecsElapsed() / 1e9;
        serviceCpuRates << n / (threadCpuSeconds() - cpu);
        if (!issued)
            return issued.takeError();
        serviceRates << n / serviceSeconds;
        for (const IssuedToken &t : *issued) {
            if (tokens.size() < count) {
                tokens << t.token;
                guids << t.guid;
            }
        }
        const QByteArray input = issued->first().token.left(issued->first().token.lastIndexOf('.'));
        cpu = threadCpuSeconds();
        timer.start();
        for (int i = 0; i < kRawPerBatch; ++i) {
            if (raw.sign(input).isEmpty())
                return Error{QStringLiteral("A raw OpenSSL signature failed.")};
        }
        rawRates << kRawPerBatch / (timer.nsecsElapsed() / 1e9);
        rawCpuRates << kRawPerBatch / (threadCpuSeconds() - cpu);
    }
    const double signPerS = median(serviceRates), rawPerS = median(rawRates);
    figures.set(QStringLiteral("sign_per_s"), signPerS,
                QStringLiteral("tokens issued per second through TokenService::issueBatch, metadata committed"));
    figures.set(QStringLiteral("sign_raw_per_s"), rawPerS,
                QStringLiteral("raw RSA-2048 SHA-256 signatures per second, same key, same run"));
    figures.set(QStringLiteral("sign_efficiency"), signPerS / rawPerS,
                QStringLiteral("sign_per_s / sign_raw_per_s, target >= 0.9"));
    figures.set(QStringLiteral("sign_efficiency_cpu"), median(serviceCpuRates) / median(rawCpuRates),
                QStringLiteral("the same ratio in thread CPU time (immune to other load, blind to fsync waits)"));
    return tokens;
}

Status measureVerification(Site &site, const QList<QByteArray> &tokens, const QStringList &blocked, int repetitions,
                           Figures &figures)
{
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const QSet<QString> blockedSet(blocked.cbegin(), blocked.cend());

    // The results must be right, or the speed means nothing.
    auto check = [&](const QList<VerifyResult> &results) -> Status {
        for (qsizetype i = 0; i < results.size(); ++i) {
            const VerifyResult &r = results.at(i);
            const VerifyReason expected = blockedSet.contains(r.guid) ? VerifyReason::Blocked : VerifyReason::Valid;
            if (r.reason != expected)
                return Error{QStringLiteral("Token %1 verified as \"%2\" instead of \"%3\".")
                                 .arg(i)
                                 .arg(reasonCode(r.reason), reasonCode(expected))};
        }
        return {};
    };

    // Raw: the same signatures over the same bytes, nothing else.
    auto signer = SitePki(site).current(CredentialKind::TokenSigning);
    if (!signer)
        return signer.takeError();
    bench::RawVerifier raw(signer->certificate.publicKey());
    if (!raw.ok())
        return Error{QStringLiteral("The raw OpenSSL verifier could not be set up.")};
    QList<QByteArray> inputs, signatures;
    for (const QByteArray &t : tokens) {
        const qsizetype dot = t.lastIndexOf('.');
        inputs << t.left(dot);
        signatures << base64url::decode(QByteArrayView(t).sliced(dot + 1)).value_or(QByteArray());
    }

    // Interleaved, as for signing: a block of tokens through the service, then
    // the same block raw, so that other load on the machine falls on both alike.
    constexpr qsizetype kInterleave = 500;
    QElapsedTimer timer;
    TokenService service(site);
    QList<double> single, singleCpu, rawRates, rawCpuRates;
    for (int rep = 0; rep < repetitions; ++rep) {
        QList<VerifyResult> results;
        results.reserve(tokens.size());
        qint64 serviceNs = 0, rawNs = 0;
        double serviceCpu = 0, rawCpu = 0;
        qsizetype good = 0;
        for (qsizetype begin = 0; begin < tokens.size(); begin += kInterleave) {
            const qsizetype end = std::min(tokens.size(), begin + kInterleave);
            double cpu = threadCpuSeconds();
            timer.start();
            for (qsizetype i = begin; i < end; ++i)
                results << service.verify(tokens.at(i), at);
            serviceNs += timer.nsecsElapsed();
            serviceCpu += threadCpuSeconds() - cpu;
            cpu = threadCpuSeconds();
            timer.start();
            for (qsizetype i = begin; i < end; ++i)
                good += raw.verify(inputs.at(i), signatures.at(i));
            rawNs += timer.nsecsElapsed();
            rawCpu += threadCpuSeconds() - cpu;
        }
        single << tokens.size() / (serviceNs / 1e9);
        singleCpu << tokens.size() / serviceCpu;
        rawRates << tokens.size() / (rawNs / 1e9);
        rawCpuRates << tokens.size() / rawCpu;
        if (auto ok = check(results); !ok)
            return ok;
        if (good != inputs.size())
            return Error{
                QStringLiteral("The raw OpenSSL verifier refused %1 good signatures.").arg(inputs.size() - good)};
    }

    auto parallel = [&](int jobs, const QString &key, const QString &note) -> Status {
        auto verifier = BatchVerifier::start(site, jobs);
        if (!verifier)
            return verifier.takeError();
        QList<double> rates;
        for (int rep = 0; rep < repetitions; ++rep) {
            timer.start();
            const QList<VerifyResult> results = (*verifier)->verify(tokens, at);
            rates << tokens.size() / (timer.nsecsElapsed() / 1e9);
            if (auto ok = check(results); !ok)
                return ok;
        }
        figures.set(key, median(rates), note);
        return {};
    };

    const double verifyPerS = median(single), rawPerS = median(rawRates);
    figures.set(QStringLiteral("verify_per_s"), verifyPerS,
                QStringLiteral("tokens verified per second, one thread, every check incl. the blocked lookup"));
    figures.set(QStringLiteral("verify_raw_per_s"), rawPerS,
                QStringLiteral("raw RSA-2048 SHA-256 verifications per second, same key, same run"));
    figures.set(QStringLiteral("verify_efficiency"), verifyPerS / rawPerS,
                QStringLiteral("verify_per_s / verify_raw_per_s, target >= 0.7"));
    figures.set(QStringLiteral("verify_efficiency_cpu"), median(singleCpu) / median(rawCpuRates),
                QStringLiteral("the same ratio in thread CPU time (immune to other load)"));
    if (auto done = parallel(1, QStringLiteral("verify_batch_per_s_1_job"),
                             QStringLiteral("BatchVerifier with one worker thread"));
        !done)
        return done;
    if (auto done = parallel(2, QStringLiteral("verify_per_s_2_jobs"),
                             QStringLiteral("BatchVerifier with two worker threads, target >= 1.7 x verify_per_s"));
        !done)
        return done;
    figures.set(QStringLiteral("verify_2_jobs_speedup"),
                figures.values.value(QStringLiteral("verify_per_s_2_jobs")).toDouble() / verifyPerS,
                QStringLiteral("verify_per_s_2_jobs / verify_per_s"));
    return {};
}

// The list is measured in a fresh process (this program with --list-only), as an
// administrator opens the console on an existing site: its peak memory is the
// console's, not population's. Its figures are merged into figures.
Status runListProcess(const QString &folder, int rows, int repetitions, bool withBaseline, QJsonObject &figures)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{QStringLiteral("--list-only"),   folder,
                     QStringLiteral("--rows"),        QString::number(rows),
                     QStringLiteral("--repetitions"), QString::number(repetitions)};
    if (!withBaseline)
        args << QStringLiteral("--no-baseline");
    child.start(QCoreApplication::applicationFilePath(), args);
    if (!child.waitForStarted() || !child.waitForFinished(-1))
        return Error{QStringLiteral("The list benchmark process could not run: %1").arg(child.errorString())};
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
        return Error{QStringLiteral("The list benchmark process failed (exit code %1).").arg(child.exitCode())};
    const QJsonDocument doc = QJsonDocument::fromJson(child.readAllStandardOutput());
    if (!doc.isObject())
        return Error{QStringLiteral("The list benchmark process printed no figures.")};
    const QJsonObject list = doc.object();
    for (auto it = list.constBegin(); it != list.constEnd(); ++it)
        figures.insert(it.key(), it.value());
    return {};
}

int run(int rows, int repetitions, int tokenCount, bool asJson, bool withList, bool withBaseline,
        const QString &keptFolder)
{
    Figures figures;
    QTemporaryDir temp;
    if (keptFolder.isEmpty() && !temp.isValid()) {
        err() << "tokenconsole-bench: no temporary folder could be made: " << temp.errorString() << Qt::endl;
        return 1;
    }
    const QString folder = keptFolder.isEmpty() ? temp.filePath(QStringLiteral("site")) : keptFolder;
    step(QStringLiteral("creating a site in %1").arg(folder));
    auto created = Site::create(folder, QStringLiteral("BEN"));
    if (!created) {
        err() << "tokenconsole-bench: " << created.error() << Qt::endl;
        return 1;
    }
    Site &site = **created;

    auto fail = [](const QString &sentence) {
        err() << "tokenconsole-bench: " << sentence << Qt::endl;
        return 1;
    };

    step(QStringLiteral("populating %1 token rows").arg(rows));
    if (auto done = populate(site, rows, figures); !done)
        return fail(done.error());

    step(QStringLiteral("issuing %1 tokens through the token service").arg(tokenCount));
    QStringList guids;
    auto tokens = measureSigning(site, tokenCount, repetitions, guids, figures);
    if (!tokens)
        return fail(tokens.error());

    // Every 20th token is blocked, through the service, as an admin would.
    QStringList blocked;
    for (qsizetype i = 0; i < guids.size(); i += 20)
        blocked << guids.at(i);
    if (auto done = TokenService(site).block(blocked, QStringLiteral("benchmark")); !done)
        return fail(done.error());

    step(QStringLiteral("verifying %1 tokens (%2 blocked)").arg(tokens->size()).arg(blocked.size()));
    if (auto done = measureVerification(site, *tokens, blocked, repetitions, figures); !done)
        return fail(done.error());
    step(QStringLiteral("blocking and unblocking 10,000 tokens"));
    if (auto done = measureBlocking(site, rows, repetitions, figures); !done)
        return fail(done.error());
    figures.set(QStringLiteral("peak_rss_mb_engine"), peakRssMb(),
                QStringLiteral("peak resident memory before the list benchmark, MiB"));

    if (withList) {
        step(QStringLiteral("list benchmarks, in a process of their own on the populated site"));
        const QJsonObject before = figures.values;
        if (auto done = runListProcess(site.folder(), rows, repetitions, withBaseline, figures.values); !done)
            return fail(done.error());
        for (auto it = figures.values.constBegin(); it != figures.values.constEnd(); ++it) {
            if (!before.contains(it.key()) && !figures.order.contains(it.key()))
                figures.order << it.key();
        }
    }
    figures.set(QStringLiteral("peak_rss_mb"), peakRssMb(),
                QStringLiteral("peak resident memory of the whole run, MiB"));
    // Other work on the machine slows every wall-clock figure; the efficiencies
    // compare against a baseline measured interleaved in the same run.
    if (double load[1]; getloadavg(load, 1) == 1)
        figures.set(QStringLiteral("load_average_1min"), std::max(load[0], 0.01),
                    QStringLiteral("machine load at the end of the run (other processes share the cores)"));
    figures.set(QStringLiteral("rows"), rows, QStringLiteral("token metadata rows populated"));
    figures.set(QStringLiteral("verify_tokens"), tokens->size(), QStringLiteral("real tokens issued and verified"));

    QTextStream out(stdout);
    if (asJson) {
        out << QJsonDocument(figures.values).toJson(QJsonDocument::Compact) << "\n";
    } else {
        for (const QString &key : std::as_const(figures.order)) {
            const double v = figures.values.value(key).toDouble();
            const QString number = std::abs(v) >= 100 ? QString::number(v, 'f', 0) : QString::number(v, 'f', 3);
            out << QStringLiteral("%1 %2  %3\n").arg(key, -28).arg(number, 14).arg(figures.notes.value(key));
        }
    }
    out.flush();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // The list is measured in an offscreen window (as the issue asks), so the
    // benchmark needs no display; an explicit QT_QPA_PLATFORM still wins.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    BenchApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenconsole-bench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fills a temporary site with token rows and measures population, signing, verification and the list view.\n\n"
        "Examples:\n"
        "  tokenconsole-bench                          # 1,000,000 rows with the QSqlTableModel baseline\n"
        "  tokenconsole-bench --no-baseline            # the same without the baseline\n"
        "  tokenconsole-bench --rows 20000 --json      # a quick run, one JSON object\n"
        "  tokenconsole-bench --no-list --tokens 5000  # engine figures only\n"
        "  tokenconsole-bench --rows 10000000 --site /var/tmp/ten-million   # keep the populated site, then\n"
        "  tokenconsole-bench --list-only /var/tmp/ten-million --no-baseline --json   # measure its list again"));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
                                        QStringLiteral("Token metadata rows (default 1000000)."), QStringLiteral("N"),
                                        QStringLiteral("1000000"));
    const QCommandLineOption repsOption(
        QStringLiteral("repetitions"),
        QStringLiteral("Repetitions of each measurement; the median is reported (default 3)."), QStringLiteral("R"),
        QStringLiteral("3"));
    const QCommandLineOption tokensOption(QStringLiteral("tokens"),
                                          QStringLiteral("Real tokens issued and verified (default 20000)."),
                                          QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON object of figures."));
    const QCommandLineOption noListOption(QStringLiteral("no-list"),
                                          QStringLiteral("Skip the list-view measurements (engine figures only)."));
    const QCommandLineOption noBaselineOption(
        QStringLiteral("no-baseline"),
        QStringLiteral("Skip the QSqlTableModel baseline of the list (and with it every *_speedup figure)."));
    const QCommandLineOption siteOption(
        QStringLiteral("site"),
        QStringLiteral("Create the benchmark's site in FOLDER (which must not exist) and keep it, instead of a "
                       "temporary folder."),
        QStringLiteral("FOLDER"));
    const QCommandLineOption listOnlyOption(
        QStringLiteral("list-only"),
        QStringLiteral("Only the list measurements, on a site populated before (see --site); prints JSON."),
        QStringLiteral("FOLDER"));
    parser.addOptions(
        {rowsOption, repsOption, tokensOption, jsonOption, noListOption, noBaselineOption, siteOption, listOnlyOption});
    parser.process(app);

    bool ok1 = false, ok2 = false, ok3 = false;
    const int rows = parser.value(rowsOption).toInt(&ok1);
    const int repetitions = parser.value(repsOption).toInt(&ok2);
    const int tokens = parser.value(tokensOption).toInt(&ok3);
    if (!ok1 || rows < 0 || !ok2 || repetitions < 1 || !ok3 || tokens < 1) {
        err() << "tokenconsole-bench: --rows must be 0 or more, --repetitions and --tokens 1 or more." << Qt::endl;
        return 2;
    }
    if (parser.isSet(listOnlyOption)) {
        QJsonObject list;
        runListBenchmarks(parser.value(listOnlyOption), rows, repetitions, !parser.isSet(noBaselineOption), list);
        QTextStream(stdout) << QJsonDocument(list).toJson(QJsonDocument::Compact) << "\n";
        return list.isEmpty() ? 1 : 0;
    }
    if (parser.isSet(siteOption) && QFileInfo::exists(parser.value(siteOption))) {
        err() << "tokenconsole-bench: " << parser.value(siteOption)
              << " exists already; --site creates a new site folder." << Qt::endl;
        return 2;
    }
    return run(rows, repetitions, tokens, parser.isSet(jsonOption), !parser.isSet(noListOption),
               !parser.isSet(noBaselineOption), parser.value(siteOption));
}
