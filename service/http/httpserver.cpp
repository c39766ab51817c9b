#include "httpserver.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>

#include <atomic>
#include <list>
#include <mutex>
#include <optional>
#include <thread>

namespace tc::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string endpointText(const tcp::endpoint &e)
{
    return e.address().to_string() + ':' + std::to_string(e.port());
}

std::string pathOf(const std::string &target)
{
    return target.substr(0, target.find('?'));
}

} // namespace

class Session;

struct Server::Impl
{
    Config config;
    Handler handler;
    Refusal refusal;
    Logger logger;
    asio::io_context ioc;
    asio::ssl::context tls{asio::ssl::context::tls_server};
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
    std::vector<std::thread> threads;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::atomic<std::size_t> connections{0};
    std::atomic<bool> draining{false};
    std::mutex sessionsMutex;
    std::list<std::weak_ptr<Session>> sessions;

    Impl(Config c, Handler h, Refusal r, Logger l)
        : config(std::move(c)), handler(std::move(h)), refusal(std::move(r)), logger(std::move(l)),
          ioc(std::max(1, config.threads))
    { }

    void accept(std::size_t index);
};

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(Server::Impl &server, tcp::socket socket, int listener)
        : m_server(server), m_stream(std::move(socket), server.tls), m_listener(listener)
    {
        beast::error_code ec;
        const auto remote = beast::get_lowest_layer(m_stream).socket().remote_endpoint(ec);
        if (!ec)
            m_remote = endpointText(remote);
    }

    ~Session()
    {
        forget();
        --m_server.connections;
    }

    void start(std::list<std::weak_ptr<Session>>::iterator self)
    {
        m_self = self;
        asio::dispatch(m_stream.get_executor(), [me = shared_from_this()] { me->handshake(); });
    }

    // From drain(): a connection waiting for a request gets a moment for one
    // already on its way (it is then answered, and the connection closed), and
    // is closed after that; one with a request in flight closes after its answer.
    void closeIfIdle()
    {
        asio::post(m_stream.get_executor(), [me = shared_from_this()] {
            if (me->m_state == State::Idle || me->m_state == State::Handshake)
                beast::get_lowest_layer(me->m_stream).expires_after(kDrainGrace);
        });
    }

    static constexpr std::chrono::milliseconds kDrainGrace{1000};

private:
    enum class State { Handshake, Idle, Reading, Handling, Writing, Closing };

    void handshake()
    {
        beast::get_lowest_layer(m_stream).expires_after(m_server.config.handshakeTimeout);
        m_stream.async_handshake(asio::ssl::stream_base::server,
                                 [me = shared_from_this()](beast::error_code ec) { me->onHandshake(ec); });
    }

    void onHandshake(beast::error_code ec)
    {
        if (ec)
            return forget();
        if (X509 *peer = SSL_get1_peer_certificate(m_stream.native_handle()))
            m_certificate = Certificate::adopt(ossl::X509Ptr(peer));
        waitForRequest();
    }

    void waitForRequest(bool afterAnswer = false)
    {
        if (m_server.draining && afterAnswer)
            return shutdown();
        m_state = State::Idle;
        if (m_buffer.size() > 0) // a pipelined request is already here
            return readHeader();
        beast::get_lowest_layer(m_stream).expires_after(m_server.draining
                                                            ? std::chrono::milliseconds(kDrainGrace)
                                                            : std::chrono::milliseconds(m_server.config.idleTimeout));
        m_stream.async_read_some(m_buffer.prepare(4096),
                                 [me = shared_from_this()](beast::error_code ec, std::size_t n) {
                                     if (ec)
                                         return me->forget();
                                     me->m_buffer.commit(n);
                                     me->readHeader();
                                 });
    }

    void readHeader()
    {
        m_state = State::Reading;
        m_started = std::chrono::steady_clock::now();
        m_parser.emplace();
        m_parser->header_limit(std::uint32_t(m_server.config.headerLimit));
        m_parser->body_limit(m_server.config.bodyLimit);
        beast::get_lowest_layer(m_stream).expires_after(m_server.config.requestTimeout);
        bhttp::async_read_header(m_stream, m_buffer, *m_parser,
                                 [me = shared_from_this()](beast::error_code ec, std::size_t) { me->onHeader(ec); });
    }

    void onHeader(beast::error_code ec)
    {
        if (ec)
            return onReadError(ec);
        const auto &header = m_parser->get();
        // Request smuggling shapes: a second Content-Length (even an equal
        // one), or a Transfer-Encoding other than exactly "chunked".
        const auto lengths = header.count(bhttp::field::content_length);
        const auto encodings = header.count(bhttp::field::transfer_encoding);
        if (lengths > 1 || encodings > 1 || (lengths && encodings))
            return refuse(400, "bad-request",
                          "The request has conflicting Content-Length or Transfer-Encoding headers.");
        if (encodings && !beast::iequals(header[bhttp::field::transfer_encoding], "chunked"))
            return refuse(400, "bad-request", "The request's Transfer-Encoding is not supported.");
        if (m_parser->content_length() && *m_parser->content_length() > m_server.config.bodyLimit)
            return refuse(413, "request-too-large", "The request body is larger than the limit.");
        bhttp::async_read(m_stream, m_buffer, *m_parser,
                          [me = shared_from_this()](beast::error_code ec2, std::size_t) { me->onRequest(ec2); });
    }

    void onReadError(beast::error_code ec)
    {
        if (ec == bhttp::error::header_limit)
            return refuse(431, "request-too-large", "The request headers are larger than the limit.");
        if (ec == bhttp::error::body_limit)
            return refuse(413, "request-too-large", "The request body is larger than the limit.");
        if (ec == beast::error::timeout) {
            // A client too slow to send its request: closed, and logged.
            log(m_parser ? std::string(m_parser->get().method_string()) : std::string(), {}, 408, "request-timeout",
                {});
            return forget();
        }
        if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
            || ec == asio::error::operation_aborted || ec == asio::error::connection_reset
            || ec == asio::error::bad_descriptor)
            return forget();
        return refuse(400, "bad-request", "The request is not well-formed HTTP/1.1.");
    }

    void onRequest(beast::error_code ec)
    {
        if (ec)
            return onReadError(ec);
        m_state = State::Handling;
        auto message = m_parser->release();
        m_keepAlive = message.keep_alive();
        Request request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        request.contentType = std::string(message[bhttp::field::content_type]);
        request.authorization = std::string(message[bhttp::field::authorization]);
        request.body = std::move(message.body());
        request.clientCertificate = m_certificate;
        request.listener = m_listener;
        request.remote = m_remote;
        m_method = request.method;
        m_path = pathOf(request.target);
        beast::get_lowest_layer(m_stream).expires_never();
        m_server.handler(std::move(request), [me = shared_from_this()](Response response) {
            asio::post(me->m_stream.get_executor(),
                       [me, r = std::move(response)]() mutable { me->write(std::move(r), me->m_keepAlive); });
        });
    }

    void refuse(int status, const std::string &code, const std::string &message)
    {
        if (m_parser) {
            m_method = std::string(m_parser->get().method_string());
            m_path = pathOf(std::string(m_parser->get().target()));
        }
        // The rest of the request is not read: the connection closes after the answer.
        write(m_server.refusal(status, code, message), false);
    }

    void write(Response response, bool keepAlive)
    {
        m_state = State::Writing;
        auto res = std::make_shared<bhttp::response<bhttp::string_body>>(bhttp::status(response.status), 11);
        res->set(bhttp::field::content_type, response.contentType);
        res->set(bhttp::field::cache_control, "no-store");
        if (response.retryAfterSeconds > 0)
            res->set(bhttp::field::retry_after, std::to_string(response.retryAfterSeconds));
        res->keep_alive(keepAlive && !m_server.draining);
        res->body() = std::move(response.body);
        res->prepare_payload();
        m_code = response.code;
        m_device = response.device;
        m_status = response.status;
        beast::get_lowest_layer(m_stream).expires_after(m_server.config.requestTimeout);
        bhttp::async_write(m_stream, *res, [me = shared_from_this(), res](beast::error_code ec, std::size_t) {
            me->log(me->m_method, me->m_path, me->m_status, me->m_code, me->m_device);
            if (ec || !res->keep_alive())
                return me->shutdown();
            me->m_parser.reset();
            me->waitForRequest(true);
        });
    }

    void log(const std::string &method, const std::string &path, int status, const std::string &code,
             const std::string &device)
    {
        if (!m_server.logger)
            return;
        AccessRecord r;
        r.listenerName = m_server.config.listeners.at(std::size_t(m_listener)).name;
        r.method = method;
        r.path = path;
        r.status = status;
        r.code = code;
        r.device = device;
        r.remote = m_remote;
        r.duration
            = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - m_started);
        m_server.logger(r);
    }

    void shutdown()
    {
        m_state = State::Closing;
        beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(5));
        m_stream.async_shutdown([me = shared_from_this()](beast::error_code) {
            beast::error_code ignored;
            beast::get_lowest_layer(me->m_stream).socket().close(ignored);
            me->forget();
        });
    }

    // Leaves the server's list of sessions; the last reference ends the session.
    void forget()
    {
        if (m_forgotten)
            return;
        m_forgotten = true;
        std::lock_guard lock(m_server.sessionsMutex);
        m_server.sessions.erase(m_self);
    }

    Server::Impl &m_server;
    beast::ssl_stream<beast::tcp_stream> m_stream;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    std::list<std::weak_ptr<Session>>::iterator m_self;
    Certificate m_certificate;
    int m_listener = 0;
    std::string m_remote;
    std::string m_method, m_path, m_code, m_device;
    int m_status = 0;
    bool m_keepAlive = false;
    bool m_forgotten = false;
    State m_state = State::Handshake;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

void Server::Impl::accept(std::size_t index)
{
    acceptors[index]->async_accept(asio::make_strand(ioc), [this, index](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || draining)
            return;
        if (!ec) {
            if (connections >= config.maxConnections) {
                beast::error_code ignored;
                socket.close(ignored);
            } else {
                ++connections;
                auto session = std::make_shared<Session>(*this, std::move(socket), int(index));
                std::list<std::weak_ptr<Session>>::iterator self;
                {
                    std::lock_guard lock(sessionsMutex);
                    self = sessions.insert(sessions.end(), session);
                }
                session->start(self);
            }
        }
        accept(index);
    });
}

Server::Server(Config config, Handler handler, Refusal refusal, Logger logger)
    : d(std::make_unique<Impl>(std::move(config), std::move(handler), std::move(refusal), std::move(logger)))
{ }

Server::~Server()
{
    d->ioc.stop();
    for (auto &t : d->threads)
        if (t.joinable())
            t.join();
}

namespace {
constexpr long kSessionCacheSize = 20000;
} // namespace

bool Server::start(std::string *error)
{
    try {
        auto &tls = d->tls;
        tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2
                        | asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1
                        | asio::ssl::context::single_dh_use);
        SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
        tls.use_certificate_chain_file(d->config.certificateFile);
        tls.use_private_key_file(d->config.privateKeyFile, asio::ssl::context::pem);
        // Any client certificate passes the handshake; the handler judges it,
        // so a bad one gets a JSON refusal instead of a broken connection.
        // The chain is not built at all (the certificate is self-signed; the
        // registrar checks its self-signature once per certificate); TLS still
        // proves the client holds its key (CertificateVerify).
        tls.set_verify_mode(asio::ssl::verify_peer);
        SSL_CTX_set_cert_verify_callback(
            tls.native_handle(), [](X509_STORE_CTX *, void *) { return 1; }, nullptr);
        static const unsigned char kContext[] = "tokenconsole-mp";
        SSL_CTX_set_session_id_context(tls.native_handle(), kContext, sizeof kContext - 1);
        // Resumed sessions stay in this process's cache (a TLS 1.3 ticket is then
        // only its ID): a stateless ticket is decrypted and decoded on every
        // resumption, the peer certificate's key included, which cost more
        // service CPU than a whoami's own work. Bounded: the oldest go first.
        SSL_CTX_set_options(tls.native_handle(), SSL_OP_NO_TICKET);
        SSL_CTX_set_session_cache_mode(tls.native_handle(), SSL_SESS_CACHE_SERVER);
        SSL_CTX_sess_set_cache_size(tls.native_handle(), kSessionCacheSize);
    } catch (const std::exception &e) {
        *error = std::string("The server certificate or key cannot be used: ") + e.what() + '.';
        return false;
    }
    for (const Listener &l : d->config.listeners) {
        beast::error_code ec;
        const auto address = asio::ip::make_address(l.address, ec);
        if (ec) {
            *error = "The listen address " + l.address + " is not an IP address.";
            return false;
        }
        auto acceptor = std::make_unique<tcp::acceptor>(d->ioc);
        const tcp::endpoint endpoint(address, l.port);
        acceptor->open(endpoint.protocol(), ec);
        if (!ec)
            acceptor->set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec)
            acceptor->bind(endpoint, ec);
        if (!ec)
            acceptor->listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            *error = "Cannot listen on " + endpointText(endpoint) + ": " + ec.message() + '.';
            return false;
        }
        d->acceptors.push_back(std::move(acceptor));
    }
    for (std::size_t i = 0; i < d->acceptors.size(); ++i)
        d->accept(i);
    d->work.emplace(d->ioc.get_executor());
    for (int i = 0; i < std::max(1, d->config.threads); ++i)
        d->threads.emplace_back([this] { d->ioc.run(); });
    return true;
}

std::vector<unsigned short> Server::boundPorts() const
{
    std::vector<unsigned short> ports;
    for (const auto &a : d->acceptors) {
        beast::error_code ec;
        ports.push_back(a->local_endpoint(ec).port());
    }
    return ports;
}

std::size_t Server::openConnections() const
{
    return d->connections;
}

void Server::drain(std::chrono::seconds grace)
{
    d->draining = true;
    for (auto &a : d->acceptors)
        asio::post(a->get_executor(), [acceptor = a.get()] {
            beast::error_code ignored;
            acceptor->close(ignored);
        });
    {
        std::lock_guard lock(d->sessionsMutex);
        for (auto &weak : d->sessions)
            if (auto s = weak.lock())
                s->closeIfIdle();
    }
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (d->connections > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d->work.reset();
    d->ioc.stop();
}

void Server::wait()
{
    for (auto &t : d->threads)
        if (t.joinable())
            t.join();
}

} // namespace tc::http
