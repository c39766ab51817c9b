#pragma once

#include "groupcommitter.h"
#include "httpserver.h"
#include "metrics.h"
#include "registrar.h"
#include "result.h"
#include "workerpool.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace tc::mp {

struct Options
{
    QString siteFolder;
    QString listen = QStringLiteral("127.0.0.1:8443");         // the internet listener (behind the gateway)
    QString intranetListen = QStringLiteral("127.0.0.1:8444"); // empty: none
    bool autoApprove = false;
    QStringList hostNames;      // empty: localhost and this machine's name
    QString tlsCertificateFile; // both empty: the site's own server certificate
    QString tlsKeyFile;
    int ioThreads = 2;
    int workers = 4;
    std::size_t maxQueued = 4096; // requests waiting for a worker before 429
    QString clockOffsetFile;      // for tests: seconds added to the clock, read per request
};

// Parses "ADDR:PORT" ("127.0.0.1:8443", "[::1]:8443"); false with a sentence.
bool parseListen(const QString &text, std::string *address, unsigned short *port, QString *error);

// The service: the site opened (and migrated) once, a worker pool with a
// Registrar per thread (reads, checks, signatures), one group committer that
// writes what they prepared in shared transactions, the HTTPS server with both listeners, metrics and the
// access log (one key=value line per request on stderr, never a token).
class ManagementPoint
{
public:
    explicit ManagementPoint(Options options);
    ~ManagementPoint();

    Status start();
    // Bound ports, internet first (useful with port 0).
    std::vector<unsigned short> ports() const;
    // Stop accepting, finish what is in flight, stop the workers.
    void drain(std::chrono::seconds grace);

private:
    void handle(http::Request &&request, http::Server::Respond respond);
    QDateTime now() const;
    void log(const http::AccessRecord &record);

    Options m_options;
    Metrics m_metrics;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<GroupCommitter> m_committer;
    std::unique_ptr<http::Server> m_server;
};

} // namespace tc::mp
