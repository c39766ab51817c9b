// tokenconsole-mp: the management point devices register with.
#include "managementpoint.h"
#include "site.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace {

int fail(const QString &sentence, int code = 1)
{
    std::fprintf(stderr, "tokenconsole-mp: %s\n", qPrintable(sentence));
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    // SIGTERM and SIGINT are taken by sigwait() below: blocked before any thread starts.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenconsole-mp"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The management point: devices register here with a bulk registration token (internet listener, behind the "
        "cloud management gateway) or on the internal network (intranet listener), and get their own client token, "
        "bound to their certificate.\n\n"
        "Examples:\n"
        "  tokenconsole-mp --site ~/site\n"
        "  tokenconsole-mp --site ~/site --listen 0.0.0.0:443 --intranet-listen 10.0.0.5:8444 --approval manual \\\n"
        "                  --hostname mp.example.com\n"
        "Devices trust the site's SMS Issuing root: bulkregtoken --site ~/site show THUMBPRINT --pem > root.pem"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption siteOption(QStringLiteral("site"), QStringLiteral("The site folder."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("The internet listener (default 127.0.0.1:8443)."),
                                          QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8443"));
    const QCommandLineOption intranetOption(
        QStringLiteral("intranet-listen"),
        QStringLiteral("The intranet listener, also serving /healthz and /metrics (default 127.0.0.1:8444; "
                       "\"none\" for none)."),
        QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8444"));
    const QCommandLineOption approvalOption(
        QStringLiteral("approval"),
        QStringLiteral("Internal-network registrations: auto (approved at once) or manual (default: an "
                       "administrator approves each)."),
        QStringLiteral("auto|manual"), QStringLiteral("manual"));
    const QCommandLineOption hostOption(
        QStringLiteral("hostname"),
        QStringLiteral("A host name for the server certificate (repeatable; default localhost and this machine)."),
        QStringLiteral("NAME"));
    const QCommandLineOption certOption(
        QStringLiteral("tls-cert"), QStringLiteral("Your own server certificate chain (PEM) instead of the site's."),
        QStringLiteral("PEM"));
    const QCommandLineOption keyOption(QStringLiteral("tls-key"), QStringLiteral("Its private key (PEM)."),
                                       QStringLiteral("PEM"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
                                           QStringLiteral("Network threads (default: the number of cores)."),
                                           QStringLiteral("N"));
    const QCommandLineOption workersOption(QStringLiteral("workers"),
                                           QStringLiteral("Database worker threads (default 4)."), QStringLiteral("N"));
    const QCommandLineOption readyOption(
        QStringLiteral("ready-file"),
        QStringLiteral("Write {\"internet\":PORT,\"intranet\":PORT} here once listening (for scripts; with port 0)."),
        QStringLiteral("FILE"));
    QCommandLineOption clockOption(QStringLiteral("test-clock-offset-file"),
                                   QStringLiteral("Testing only: seconds to add to the clock, read on every request."),
                                   QStringLiteral("FILE"));
    clockOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({siteOption, listenOption, intranetOption, approvalOption, hostOption, certOption, keyOption,
                       threadsOption, workersOption, readyOption, clockOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument %1; see --help.").arg(parser.positionalArguments().first()), 2);

    tc::mp::Options options;
    options.siteFolder = tc::Site::resolveFolder(parser.value(siteOption));
    if (!tc::Site::exists(options.siteFolder))
        return fail(tc::Site::missingSiteSentence(options.siteFolder), 2);
    options.listen = parser.value(listenOption);
    options.intranetListen
        = parser.value(intranetOption) == QLatin1String("none") ? QString() : parser.value(intranetOption);
    const QString approval = parser.value(approvalOption);
    if (approval != QLatin1String("auto") && approval != QLatin1String("manual"))
        return fail(QStringLiteral("--approval takes auto or manual, not \"%1\".").arg(approval), 2);
    options.autoApprove = approval == QLatin1String("auto");
    options.hostNames = parser.values(hostOption);
    options.tlsCertificateFile = parser.value(certOption);
    options.tlsKeyFile = parser.value(keyOption);
    auto count = [&](const QCommandLineOption &o, int fallback, int *out) {
        if (!parser.isSet(o)) {
            *out = fallback;
            return true;
        }
        bool ok = false;
        *out = parser.value(o).toInt(&ok);
        return ok && *out >= 1 && *out <= 256;
    };
    if (!count(threadsOption, std::max(2, QThread::idealThreadCount()), &options.ioThreads)
        || !count(workersOption, 4, &options.workers))
        return fail(QStringLiteral("--threads and --workers take a number from 1 to 256."), 2);
    options.clockOffsetFile = parser.value(clockOption);

    tc::mp::ManagementPoint mp(options);
    if (auto started = mp.start(); !started)
        return fail(started.error(), started.errorKind() == tc::ErrorKind::InvalidInput ? 2 : 1);
    const auto ports = mp.ports();
    std::fprintf(stderr, "tokenconsole-mp: listening internet=%s intranet=%s site=%s approval=%s\n",
                 qPrintable(options.listen.section(u':', 0, -2) + u':' + QString::number(ports.at(0))),
                 ports.size() > 1
                     ? qPrintable(options.intranetListen.section(u':', 0, -2) + u':' + QString::number(ports.at(1)))
                     : "none",
                 qPrintable(options.siteFolder), qPrintable(approval));
    if (parser.isSet(readyOption)) {
        QJsonObject ready{{QStringLiteral("internet"), ports.at(0)}};
        if (ports.size() > 1)
            ready[QStringLiteral("intranet")] = ports.at(1);
        QSaveFile file(parser.value(readyOption));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(ready).toJson(QJsonDocument::Compact)) < 0
            || !file.commit())
            return fail(QStringLiteral("The ready file %1 cannot be written.").arg(parser.value(readyOption)));
    }

    int signal = 0;
    sigwait(&stopSignals, &signal);
    std::fprintf(stderr, "tokenconsole-mp: %s received: draining\n", signal == SIGTERM ? "SIGTERM" : "SIGINT");
    mp.drain(std::chrono::seconds(10));
    std::fprintf(stderr, "tokenconsole-mp: stopped\n");
    return 0;
}
