// tokenconsole-mpbench: the management point under load. Makes a fresh site and
// many device identities (EC P-256 keys and self-signed certificates, made
// beforehand), starts the real tokenconsole-mp on loopback, and drives it from
// this process over real mutual TLS with keep-alive: registrations, whoami and
// renewals at a fixed number of concurrent devices, then many idle connections
// held open at once. Measures the service's own CPU time (/proc) per phase and
// raw RSA signatures and verifications with the site's signing key, interleaved
// in the same run. Prints a table, or one JSON object with --json. It
// measures; it never judges a time.

#include "benchstats.h"
#include "certificate.h"
#include "httpsclient.h"
#include "rawcrypto.h"
#include "site.h"
#include "sitepki.h"
#include "tokenservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <mutex>
#include <thread>

using namespace tc;

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

void progress(const QString &text)
{
    err() << "[mpbench] " << text << Qt::endl;
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// utime + stime of another process, in seconds (/proc/PID/stat fields 14 and 15).
double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // The command name (field 2) is in parentheses and may hold spaces.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

// VmRSS or VmHWM of a process, MiB.
double processMemoryMb(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto at = qsizetype(std::ceil(p * double(values.size()))) - 1;
    return values.at(std::clamp<qsizetype>(at, 0, values.size() - 1));
}

struct Device
{
    std::string certificatePem;
    std::string keyFile;
    std::string clientToken; // held in memory only, never printed
};

struct PhaseResult
{
    int ok = 0;
    int failed = 0;
    double seconds = 0;
    double serviceCpuSeconds = 0;
    QList<double> latenciesMs;
    QString firstError;

    double perSecond() const { return seconds > 0 ? ok / seconds : 0; }
};

class Bench
{
public:
    Bench(QString mpProgram, int devices, int concurrency, int whoamiPerDevice, int idle, int slow)
        : m_program(std::move(mpProgram)), m_deviceCount(devices), m_concurrency(concurrency),
          m_whoamiPerDevice(whoamiPerDevice), m_idle(idle), m_slow(slow)
    { }

    bool run(QJsonObject *figures);

private:
    bool prepare();
    bool startService();
    void stopService();
    void setClockDays(int days);
    http::ClientConfig configFor(const Device &device) const;
    // Runs work(deviceIndex, client, latencies) for every device on `concurrency` threads.
    PhaseResult phase(const std::function<bool(Device &, http::Client &, QList<double> &, std::string *)> &work);
    void rawRsa(double seconds);
    bool holdIdleConnections(QJsonObject *figures);
    // Opens n TCP connections that send the first bytes of a TLS record and then
    // nothing (clients on a slow or stalled link); their descriptors.
    std::vector<int> openSlowClients(int n) const;

    QString m_program;
    int m_deviceCount;
    int m_concurrency;
    int m_whoamiPerDevice;
    int m_idle;
    int m_slow;
    QTemporaryDir m_dir;
    QString m_site;
    std::string m_rootPem;
    std::string m_bulkToken;
    std::vector<Device> m_devices;
    QProcess m_service;
    qint64 m_pid = 0; // the service's, kept: QProcess forgets it when it cannot watch the child
    std::string m_port;
    // Raw RSA with the site's signing key, summed over the interleaved runs.
    double m_signs = 0, m_signCpu = 0, m_verifies = 0, m_verifyCpu = 0;
    std::optional<PrivateKey> m_signingKey;
};

bool Bench::prepare()
{
    if (!m_dir.isValid())
        return false;
    if (qEnvironmentVariableIsSet("MPBENCH_KEEP")) { // for a look at the service's log afterwards
        m_dir.setAutoRemove(false);
        progress(QStringLiteral("keeping %1").arg(m_dir.path()));
    }
    m_site = m_dir.filePath(QStringLiteral("site"));
    auto site = Site::create(m_site, QStringLiteral("MPB"));
    if (!site) {
        progress(site.error());
        return false;
    }
    auto certificates = (*site)->store().certificates();
    if (!certificates || certificates->isEmpty())
        return false;
    m_rootPem = certificates->first().certificate.toPem().toStdString();
    auto signer = SitePki(**site).currentSigner();
    if (!signer)
        return false;
    m_signingKey = signer->key;
    BulkTokenOptions options;
    options.description = QStringLiteral("mpbench");
    auto token = TokenService(**site).issue(24 * 60, options);
    if (!token) {
        progress(token.error());
        return false;
    }
    m_bulkToken = token->token.toStdString();

    progress(QStringLiteral("making %1 device keys and certificates").arg(m_deviceCount));
    QDir().mkpath(m_dir.filePath(QStringLiteral("devices")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_devices.resize(size_t(m_deviceCount));
    for (int i = 0; i < m_deviceCount; ++i) {
        auto key = PrivateKey::generateEcP256();
        if (!key)
            return false;
        CertificateProfile profile;
        profile.commonName = QStringLiteral("bench-%1").arg(i);
        profile.organization = QStringLiteral("Token Console device");
        profile.notBefore = now.addSecs(-3600);
        profile.notAfter = now.addYears(2);
        profile.purpose = CertificateProfile::Purpose::TlsClient;
        auto cert = pki::createSelfSigned(profile, *key);
        if (!cert) {
            progress(cert.error());
            return false;
        }
        const QString keyFile = m_dir.filePath(QStringLiteral("devices/%1.key").arg(i));
        QFile f(keyFile);
        if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || f.write(key->toPemForKeyFile()) < 0)
            return false;
        m_devices[size_t(i)].keyFile = keyFile.toStdString();
        m_devices[size_t(i)].certificatePem = cert->toPem().toStdString();
    }
    return true;
}

void Bench::setClockDays(int days)
{
    QFile f(m_dir.filePath(QStringLiteral("clock")));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(QByteArray::number(qint64(days) * 86400));
}

bool Bench::startService()
{
    setClockDays(0);
    const QString ready = m_dir.filePath(QStringLiteral("ready.json"));
    m_service.setStandardErrorFile(m_dir.filePath(QStringLiteral("mp.log")));
    m_service.start(m_program,
                    {QStringLiteral("--site"), m_site, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--intranet-listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--ready-file"),
                     ready, QStringLiteral("--test-clock-offset-file"), m_dir.filePath(QStringLiteral("clock"))});
    if (!m_service.waitForStarted(10000)) {
        progress(QStringLiteral("%1 did not start: %2").arg(m_program, m_service.errorString()));
        return false;
    }
    m_pid = m_service.processId();
    for (int i = 0; i < 600 && !QFile::exists(ready); ++i)
        QThread::msleep(50);
    QFile f(ready);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const int port = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("internet")).toInt();
    m_port = std::to_string(port);
    return port > 0;
}

void Bench::stopService()
{
    if (m_service.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_pid), SIGTERM);
    if (!m_service.waitForFinished(30000))
        m_service.kill();
}

http::ClientConfig Bench::configFor(const Device &device) const
{
    http::ClientConfig config;
    config.port = m_port;
    config.caPem = m_rootPem;
    config.certificatePem = device.certificatePem;
    config.privateKeyFile = device.keyFile;
    return config;
}

PhaseResult Bench::phase(const std::function<bool(Device &, http::Client &, QList<double> &, std::string *)> &work)
{
    PhaseResult result;
    std::atomic<int> next{0}, ok{0}, failed{0};
    std::mutex lock;
    const double cpuBefore = processCpuSeconds(m_pid);
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> threads;
    for (int t = 0; t < m_concurrency; ++t) {
        threads.emplace_back([&] {
            QList<double> latencies;
            std::string firstError;
            for (int i = next++; i < m_deviceCount; i = next++) {
                Device &device = m_devices[size_t(i)];
                http::Client client(configFor(device));
                std::string error;
                if (work(device, client, latencies, &error))
                    ++ok;
                else {
                    ++failed;
                    if (firstError.empty())
                        firstError = error;
                }
            }
            std::lock_guard guard(lock);
            result.latenciesMs += latencies;
            if (result.firstError.isEmpty() && !firstError.empty())
                result.firstError = QString::fromStdString(firstError);
        });
    }
    for (std::thread &t : threads)
        t.join();
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    result.serviceCpuSeconds = processCpuSeconds(m_pid) - cpuBefore;
    result.ok = ok;
    result.failed = failed;
    return result;
}

// One timed request; its latency in ms is appended when an answer came.
bool timedRequest(http::Client &client, const char *method, const char *target, const std::string &body,
                  const std::string &bearer, int expected, QList<double> &latencies, http::ClientResponse *response,
                  std::string *error)
{
    QElapsedTimer t;
    t.start();
    if (!client.request(method, target, body, bearer, response, error))
        return false;
    latencies << double(t.nsecsElapsed()) / 1e6;
    if (response->status != expected) {
        *error = "HTTP " + std::to_string(response->status) + ": " + response->body.substr(0, 200);
        return false;
    }
    return true;
}

std::string jsonString(const std::string &body, const char *name)
{
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
    return o.value(QLatin1String(name)).toString().toStdString();
}

void Bench::rawRsa(double seconds)
{
    bench::RawSigner signer(*m_signingKey);
    bench::RawVerifier verifier(m_signingKey->publicKey());
    const QByteArray data(400, 'x'); // about a client token's signing input
    const QByteArray signature = signer.sign(data);
    for (auto [count, cpu, isSign] : {std::tuple{&m_signs, &m_signCpu, true}, {&m_verifies, &m_verifyCpu, false}}) {
        const double start = threadCpuSeconds();
        const double budget = isSign ? seconds : seconds / 4;
        while (threadCpuSeconds() - start < budget) {
            for (int i = 0; i < 16; ++i) {
                if (isSign)
                    (void)signer.sign(data);
                else
                    (void)verifier.verify(data, signature);
            }
            *count += 16;
        }
        *cpu += threadCpuSeconds() - start;
    }
}

bool Bench::holdIdleConnections(QJsonObject *figures)
{
    // Every connection from one device: what the service holds per connection
    // does not depend on who made it.
    progress(QStringLiteral("opening %1 idle keep-alive connections").arg(m_idle));
    const Device &device = m_devices.front();
    std::vector<std::unique_ptr<http::Client>> held(static_cast<size_t>(m_idle));
    std::atomic<int> next{0}, opened{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = next++; i < m_idle; i = next++) {
                auto client = std::make_unique<http::Client>(configFor(device));
                http::ClientResponse response;
                std::string error;
                if (client->request("GET", "/v1/whoami", {}, device.clientToken, &response, &error)
                    && response.status == 200)
                    ++opened;
                held[size_t(i)] = std::move(client);
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    // With all of them open, whoami from other devices still answers.
    QList<double> latencies;
    int answered = 0;
    for (int i = 1; i < std::min(m_deviceCount, 101); ++i) {
        http::Client client(configFor(m_devices[size_t(i)]));
        http::ClientResponse response;
        std::string error;
        if (timedRequest(client, "GET", "/v1/whoami", {}, m_devices[size_t(i)].clientToken, 200, latencies, &response,
                         &error))
            ++answered;
    }
    const qint64 pid = m_pid;
    if (::kill(pid_t(pid), 0) != 0) {
        QFile log(m_dir.filePath(QStringLiteral("mp.log")));
        (void)log.open(QIODevice::ReadOnly);
        progress(QStringLiteral("the service stopped (exit %1); its last words: %2")
                     .arg(m_service.exitCode())
                     .arg(QString::fromUtf8(log.readAll().right(600))));
    }
    (*figures)[QStringLiteral("idle_connections_held")] = opened.load();
    (*figures)[QStringLiteral("idle_whoami_answered")] = answered;
    (*figures)[QStringLiteral("idle_whoami_p99_ms")] = percentile(latencies, 0.99);
    (*figures)[QStringLiteral("idle_service_rss_mb")] = processMemoryMb(pid, "VmRSS:");
    (*figures)[QStringLiteral("service_peak_rss_mb")] = processMemoryMb(pid, "VmHWM:");
    held.clear();
    return true;
}

std::vector<int> Bench::openSlowClients(int n) const
{
    std::vector<int> sockets;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(std::stoi(m_port)));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < n; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            break;
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            ::close(fd);
            break;
        }
        const char partialRecord[] = {0x16, 0x03, 0x01}; // a handshake record's header, cut short
        (void)!::send(fd, partialRecord, sizeof partialRecord, MSG_NOSIGNAL);
        sockets.push_back(fd);
    }
    return sockets;
}

bool Bench::run(QJsonObject *figures)
{
    // Many connections at once: as many descriptors as the system allows (the
    // service, started from here, inherits the limit).
    // Each client here costs four (its socket and its io_context's epoll,
    // event and timer descriptors); root may raise the hard limit too.
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    const rlim_t wanted = rlim_t(8 * (m_idle + m_concurrency) + 2 * m_slow + 1024);
    if (files.rlim_max < wanted) {
        rlimit raised{wanted, wanted};
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            files = raised;
    }
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < wanted) {
        const int fit = std::max(0, int(files.rlim_cur / 4) - m_concurrency - 256);
        if (fit < m_idle) {
            progress(QStringLiteral("only %1 file descriptors here: %2 idle connections instead of %3")
                         .arg(files.rlim_cur)
                         .arg(fit)
                         .arg(m_idle));
            m_idle = fit;
        }
    }
    if (!prepare() || !startService())
        return false;
    const qint64 pid = m_pid;
    rawRsa(0.5);

    progress(QStringLiteral("registering %1 devices, %2 at a time").arg(m_deviceCount).arg(m_concurrency));
    const std::string registration = "{\"deviceName\":\"bench\",\"bulkToken\":\"" + m_bulkToken + "\"}";
    const PhaseResult reg = phase(
        [&](Device &device, http::Client &client, QList<double> &latencies, std::string *error) {
            http::ClientResponse response;
            if (!timedRequest(client, "POST", "/v1/registrations", registration, {}, 201, latencies, &response, error))
                return false;
            device.clientToken = jsonString(response.body, "clientToken");
            return !device.clientToken.empty();
        });
    rawRsa(0.5);

    progress(QStringLiteral("whoami: %1 requests per device over one keep-alive connection").arg(m_whoamiPerDevice));
    const PhaseResult who = phase([&](Device &device, http::Client &client, QList<double> &latencies,
                                      std::string *error) {
        http::ClientResponse response;
        for (int k = 0; k < m_whoamiPerDevice; ++k) {
            if (!timedRequest(client, "GET", "/v1/whoami", {}, device.clientToken, 200, latencies, &response, error))
                return false;
        }
        return true;
    });
    rawRsa(0.5);

    // The same whoami load again while slow clients hold connections open.
    PhaseResult whoSlow;
    int slowHeld = 0;
    if (m_slow > 0) {
        progress(QStringLiteral("whoami again while %1 slow clients hold connections").arg(m_slow));
        std::vector<int> slow = openSlowClients(m_slow);
        slowHeld = int(slow.size());
        whoSlow = phase([&](Device &device, http::Client &client, QList<double> &latencies, std::string *error) {
            http::ClientResponse response;
            for (int k = 0; k < m_whoamiPerDevice; ++k) {
                if (!timedRequest(client, "GET", "/v1/whoami", {}, device.clientToken, 200, latencies, &response,
                                  error))
                    return false;
            }
            return true;
        });
        for (int fd : slow)
            ::close(fd);
        rawRsa(0.5);
    }

    progress(QStringLiteral("renewing every device's token 31 days later"));
    setClockDays(31);
    const PhaseResult renew = phase(
        [&](Device &device, http::Client &client, QList<double> &latencies, std::string *error) {
            http::ClientResponse response;
            if (!timedRequest(client, "POST", "/v1/renewals", {}, device.clientToken, 200, latencies, &response, error))
                return false;
            const std::string renewed = jsonString(response.body, "clientToken");
            if (renewed.empty())
                return false;
            device.clientToken = renewed;
            return true;
        });
    rawRsa(0.5);

    if (m_idle > 0)
        holdIdleConnections(figures);

    const double signPerCpu = m_signCpu > 0 ? m_signs / m_signCpu : 0;
    const double verifyPerCpu = m_verifyCpu > 0 ? m_verifies / m_verifyCpu : 0;
    const int whoamiRequests = who.ok * m_whoamiPerDevice;
    auto &f = *figures;
    f[QStringLiteral("devices")] = m_deviceCount;
    f[QStringLiteral("idle_connections_asked")] = m_idle;
    f[QStringLiteral("concurrency")] = m_concurrency;
    f[QStringLiteral("register_per_s")] = reg.perSecond();
    f[QStringLiteral("register_p50_ms")] = percentile(reg.latenciesMs, 0.5);
    f[QStringLiteral("register_p99_ms")] = percentile(reg.latenciesMs, 0.99);
    f[QStringLiteral("register_failed")] = reg.failed;
    f[QStringLiteral("register_service_cpu_s")] = reg.serviceCpuSeconds;
    f[QStringLiteral("whoami_per_s")] = who.seconds > 0 ? whoamiRequests / who.seconds : 0;
    f[QStringLiteral("whoami_p50_ms")] = percentile(who.latenciesMs, 0.5);
    f[QStringLiteral("whoami_p99_ms")] = percentile(who.latenciesMs, 0.99);
    f[QStringLiteral("whoami_failed")] = who.failed;
    f[QStringLiteral("whoami_service_cpu_s")] = who.serviceCpuSeconds;
    if (m_slow > 0) {
        f[QStringLiteral("slow_clients_held")] = slowHeld;
        f[QStringLiteral("whoami_with_slow_p50_ms")] = percentile(whoSlow.latenciesMs, 0.5);
        f[QStringLiteral("whoami_with_slow_p99_ms")] = percentile(whoSlow.latenciesMs, 0.99);
        f[QStringLiteral("whoami_with_slow_failed")] = whoSlow.failed;
    }
    f[QStringLiteral("renew_per_s")] = renew.perSecond();
    f[QStringLiteral("renew_p50_ms")] = percentile(renew.latenciesMs, 0.5);
    f[QStringLiteral("renew_p99_ms")] = percentile(renew.latenciesMs, 0.99);
    f[QStringLiteral("renew_failed")] = renew.failed;
    f[QStringLiteral("renew_service_cpu_s")] = renew.serviceCpuSeconds;
    f[QStringLiteral("sign_raw_per_s")] = signPerCpu;
    f[QStringLiteral("verify_raw_per_s")] = verifyPerCpu;
    f[QStringLiteral("register_efficiency_cpu")]
        = reg.serviceCpuSeconds > 0 && signPerCpu > 0 ? (reg.ok / reg.serviceCpuSeconds) / signPerCpu : 0;
    f[QStringLiteral("whoami_efficiency_cpu")]
        = who.serviceCpuSeconds > 0 && verifyPerCpu > 0 ? (whoamiRequests / who.serviceCpuSeconds) / verifyPerCpu : 0;
    f[QStringLiteral("renew_efficiency_cpu")]
        = renew.serviceCpuSeconds > 0 && signPerCpu > 0 ? (renew.ok / renew.serviceCpuSeconds) / signPerCpu : 0;
    if (!f.contains(QStringLiteral("service_peak_rss_mb")))
        f[QStringLiteral("service_peak_rss_mb")] = processMemoryMb(pid, "VmHWM:");
    for (const PhaseResult *p : {&reg, &who, static_cast<const PhaseResult *>(&whoSlow), &renew}) {
        if (!p->firstError.isEmpty())
            progress(QStringLiteral("a request failed: %1").arg(p->firstError));
    }
    stopService();
    return reg.failed == 0 && who.failed == 0 && whoSlow.failed == 0 && renew.failed == 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenconsole-mpbench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Drives the real tokenconsole-mp on loopback with many devices over mutual TLS and measures "
                       "registrations, whoami and renewals against raw RSA.\n\n"
                       "Examples:\n"
                       "  tokenconsole-mpbench                            # 10,000 devices, 64 at a time\n"
                       "  tokenconsole-mpbench --devices 500 --idle 500 --json   # a quick run, one JSON object"));
    parser.addHelpOption();
    const QCommandLineOption devicesOption(QStringLiteral("devices"), QStringLiteral("Devices (default 10000)."),
                                           QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("Devices at once (default 64)."), QStringLiteral("N"),
                                               QStringLiteral("64"));
    const QCommandLineOption whoamiOption(QStringLiteral("whoami-per-device"),
                                          QStringLiteral("whoami requests per device and connection (default 5)."),
                                          QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption idleOption(QStringLiteral("idle"),
                                        QStringLiteral("Idle keep-alive connections held at once (default 10000)."),
                                        QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption slowOption(
        QStringLiteral("slow"),
        QStringLiteral("Slow clients (a TLS record cut short, then silence) held open during a second whoami phase "
                       "(default 500; 0 skips it)."),
        QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption mpOption(QStringLiteral("mp"), QStringLiteral("The tokenconsole-mp program to run."),
                                      QStringLiteral("PATH"), QStringLiteral(TC_MP_PROGRAM));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON object of figures."));
    parser.addOptions({devicesOption, concurrencyOption, whoamiOption, idleOption, slowOption, mpOption, jsonOption});
    parser.process(app);
    auto number = [&](const QCommandLineOption &o, int min, int max) {
        bool ok = false;
        const int n = parser.value(o).toInt(&ok);
        return ok && n >= min && n <= max ? n : -1;
    };
    const int devices = number(devicesOption, 1, 1000000), concurrency = number(concurrencyOption, 1, 1024),
              whoami = number(whoamiOption, 1, 1000), idle = number(idleOption, 0, 100000),
              slow = number(slowOption, 0, 10000);
    if (devices < 0 || concurrency < 0 || whoami < 0 || idle < 0 || slow < 0) {
        err() << "tokenconsole-mpbench: --devices, --concurrency, --whoami-per-device, --idle and --slow take a number "
                 "in "
                 "range; see --help."
              << Qt::endl;
        return 2;
    }
    Bench bench(parser.value(mpOption), devices, concurrency, whoami, idle, slow);
    QJsonObject figures;
    const bool ok = bench.run(&figures);
    QTextStream out(stdout);
    if (parser.isSet(jsonOption)) {
        out << QJsonDocument(figures).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        for (auto it = figures.constBegin(); it != figures.constEnd(); ++it)
            out << QStringLiteral("%1 %2").arg(it.key(), -32).arg(it.value().toDouble(), 12, 'f', 3) << Qt::endl;
    }
    return ok ? 0 : 1;
}
