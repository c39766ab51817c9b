#pragma once

// An HTTPS server on Boost.Beast and Boost.Asio with OpenSSL: TLS 1.2+, a
// client certificate requested but judged by the handler (never by the
// handshake), per-connection timeouts, header and body limits, keep-alive, a
// multi-threaded io_context, and a drain that finishes what is in flight.
// It knows nothing of devices or tokens: requests go to one handler.

#include "certificate.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tc::http {

struct Request
{
    std::string method; // "GET", "POST", ...
    std::string target; // "/v1/whoami" (path and query as sent)
    std::string contentType;
    std::string authorization;
    std::string body;
    Certificate clientCertificate; // null when the client sent none
    int listener = 0;              // index into Server::Config::listeners
    std::string remote;            // "127.0.0.1:53122"
};

struct Response
{
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    int retryAfterSeconds = 0; // > 0: a Retry-After header
    // For the log line only.
    std::string code;   // refusal code, if any
    std::string device; // device id, once known
};

// One line per request for the operator (no token: none is in these fields).
struct AccessRecord
{
    std::string listenerName;
    std::string method;
    std::string path; // without the query
    int status = 0;
    std::string code;
    std::string device;
    std::string remote;
    std::chrono::microseconds duration{0};
};

class Server
{
public:
    struct Listener
    {
        std::string name;        // "internet", "intranet"
        std::string address;     // "127.0.0.1"
        unsigned short port = 0; // 0: any free port (see boundPorts())
    };

    struct Config
    {
        std::vector<Listener> listeners;
        std::string certificateFile; // the server certificate chain, PEM
        std::string privateKeyFile;  // its key, PEM (read here, never copied elsewhere)
        int threads = 2;
        std::size_t headerLimit = 16 * 1024;
        std::size_t bodyLimit = 64 * 1024;
        std::chrono::seconds handshakeTimeout{10};
        std::chrono::seconds requestTimeout{10}; // from a request's first byte to its last
        std::chrono::seconds idleTimeout{120};   // a keep-alive connection waiting for a request
        std::size_t maxConnections = 20000;
    };

    // The handler answers by calling respond exactly once, on any thread.
    using Respond = std::function<void(Response)>;
    using Handler = std::function<void(Request &&, Respond)>;
    // A refusal the server makes itself (431, 413, 400 for a request it cannot
    // parse): the body is the handler's business, so it is asked for one.
    using Refusal = std::function<Response(int status, const std::string &code, const std::string &message)>;
    using Logger = std::function<void(const AccessRecord &)>;

    Server(Config config, Handler handler, Refusal refusal, Logger logger);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    // Binds every listener; an error is one sentence (address in use, bad key).
    bool start(std::string *error);
    std::vector<unsigned short> boundPorts() const;

    // Stops accepting, closes idle connections, lets requests in flight finish
    // (closing their connections after the answer), and returns when all are
    // done or after grace. Safe from any thread but the server's own.
    void drain(std::chrono::seconds grace);
    // Runs the io threads until drain() or stop() ends them.
    void wait();

    std::size_t openConnections() const;

    struct Impl; // also seen by the connections it owns

private:
    std::unique_ptr<Impl> d;
};

} // namespace tc::http
