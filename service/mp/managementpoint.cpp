#include "managementpoint.h"

#include "refusal.h"
#include "requesthandler.h"
#include "site.h"
#include "sitepki.h"

#include <QFile>
#include <QHostAddress>
#include <QSysInfo>

#include <cstdio>
#include <mutex>

namespace tc::mp {

bool parseListen(const QString &text, std::string *address, unsigned short *port, QString *error)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint number = text.mid(colon + 1).toUInt(&ok);
    if (colon <= 0 || !ok || number > 65535 || QHostAddress(host).isNull()) {
        *error = QStringLiteral("The listen address %1 is not ADDRESS:PORT (e.g. 127.0.0.1:8443).").arg(text);
        return false;
    }
    *address = host.toStdString();
    *port = static_cast<unsigned short>(number);
    return true;
}

ManagementPoint::ManagementPoint(Options options) : m_options(std::move(options)) { }

ManagementPoint::~ManagementPoint()
{
    // The workers first: a job they run may still hand a change to the committer.
    if (m_pool)
        m_pool->stop();
    if (m_committer)
        m_committer->stop();
}

Status ManagementPoint::start()
{
    http::Server::Config config;
    QString error;
    http::Server::Listener internet{"internet", {}, 0};
    if (!parseListen(m_options.listen, &internet.address, &internet.port, &error))
        return Error{error, ErrorKind::InvalidInput};
    config.listeners.push_back(internet);
    if (!m_options.intranetListen.isEmpty()) {
        http::Server::Listener intranet{"intranet", {}, 0};
        if (!parseListen(m_options.intranetListen, &intranet.address, &intranet.port, &error))
            return Error{error, ErrorKind::InvalidInput};
        config.listeners.push_back(intranet);
    }
    if (m_options.tlsCertificateFile.isEmpty() != m_options.tlsKeyFile.isEmpty())
        return Error{QStringLiteral("Give both --tls-cert and --tls-key, or neither."), ErrorKind::InvalidInput};

    // Opened once here first, so a database of an older schema is migrated
    // before the workers open it.
    auto site = Site::open(m_options.siteFolder);
    if (!site)
        return site.takeError();
    if (m_options.tlsCertificateFile.isEmpty()) {
        QStringList names = m_options.hostNames;
        if (names.isEmpty()) {
            names << QStringLiteral("localhost");
            const QString machine = QSysInfo::machineHostName();
            if (!machine.isEmpty() && machine != QLatin1String("localhost"))
                names << machine;
        }
        auto credentials = SitePki(**site).serverCredentials(names);
        if (!credentials)
            return credentials.takeError();
        config.certificateFile = credentials->certificateFile.toStdString();
        config.privateKeyFile = credentials->keyFile.toStdString();
    } else {
        config.certificateFile = m_options.tlsCertificateFile.toStdString();
        config.privateKeyFile = m_options.tlsKeyFile.toStdString();
    }
    site->reset();

    Registrar::Options registrar;
    registrar.autoApprove = m_options.autoApprove;
    m_committer = std::make_unique<GroupCommitter>(m_options.siteFolder, registrar);
    if (auto started = m_committer->start(); !started)
        return started;
    m_pool = std::make_unique<WorkerPool>(m_options.siteFolder, registrar, m_options.workers, m_options.maxQueued);
    if (auto started = m_pool->start(); !started)
        return started;

    config.threads = m_options.ioThreads;
    m_server = std::make_unique<http::Server>(
        config,
        [this](http::Request &&request, http::Server::Respond respond) {
            handle(std::move(request), std::move(respond));
        },
        [](int status, const std::string &code, const std::string &message) {
            return refusalResponse(status, code, message);
        },
        [this](const http::AccessRecord &record) { log(record); });
    std::string serverError;
    if (!m_server->start(&serverError))
        return Error{QString::fromStdString(serverError), ErrorKind::Io};
    return {};
}

std::vector<unsigned short> ManagementPoint::ports() const
{
    return m_server ? m_server->boundPorts() : std::vector<unsigned short>{};
}

void ManagementPoint::drain(std::chrono::seconds grace)
{
    if (m_server)
        m_server->drain(grace);
    if (m_pool)
        m_pool->stop();
    if (m_committer)
        m_committer->stop(); // after the workers: what they prepared is committed and answered
    if (m_server)
        m_server->wait();
}

QDateTime ManagementPoint::now() const
{
    QDateTime at = QDateTime::currentDateTimeUtc();
    if (!m_options.clockOffsetFile.isEmpty()) {
        QFile file(m_options.clockOffsetFile);
        if (file.open(QIODevice::ReadOnly))
            at = at.addSecs(file.readAll().trimmed().toLongLong());
    }
    return at;
}

void ManagementPoint::handle(http::Request &&request, http::Server::Respond respond)
{
    const Listener listener = request.listener == 0 ? Listener::Internet : Listener::Intranet;
    if (m_server)
        m_metrics.setOpenConnections(m_server->openConnections());
    if (!needsRegistrar(request, listener)) {
        respond(mp::handle(request, listener, nullptr, now(), m_metrics));
        return;
    }
    auto shared = std::make_shared<http::Request>(std::move(request));
    auto reply = std::make_shared<http::Server::Respond>(std::move(respond));
    const bool queued = m_pool->submit([this, shared, reply, listener](Registrar *registrar) {
        mp::handle(
            *shared, listener, registrar, now(), m_metrics,
            [this](Prepared prepared, std::function<void(MpAnswer)> done) {
                m_committer->submit(std::move(prepared), std::move(done));
            },
            [reply](http::Response response) { (*reply)(std::move(response)); });
    });
    if (!queued)
        (*reply)(refusalResponse(QLatin1String(refusal::kTooManyRequests),
                                 QStringLiteral("The management point is busy; try again shortly.")));
}

void ManagementPoint::log(const http::AccessRecord &r)
{
    const std::string route = routeOf(r.path);
    m_metrics.record(r.listenerName, route, r.status, r.code, r.duration);
    const std::string time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    // The route, not the path as sent: nothing a client puts in a path (a
    // token, say) reaches the log. Device ids are GUIDs the server chose.
    std::string line = "time=" + time + " listener=" + r.listenerName + " method=" + (r.method.empty() ? "-" : r.method)
        + " path=" + route + " status=" + std::to_string(r.status) + " device=" + (r.device.empty() ? "-" : r.device)
        + " code=" + (r.code.empty() ? "-" : r.code)
        + " duration_ms=" + std::to_string(double(r.duration.count()) / 1000.0) + " remote=" + r.remote + '\n';
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

} // namespace tc::mp
