#pragma once

// A small HTTPS client on Boost.Beast for the device and the tests: TLS 1.2+,
// the server checked against a given root and host name, an optional client
// certificate, keep-alive. Synchronous: one request at a time per client.

#include <chrono>
#include <memory>
#include <string>

namespace tc::http {

struct ClientConfig
{
    std::string host = "localhost"; // checked against the server certificate
    std::string port;
    std::string caPem;          // the root the server certificate must chain to
    std::string certificatePem; // the client certificate (empty: none)
    std::string privateKeyFile; // its key, PEM (read here, never copied elsewhere)
    std::chrono::seconds timeout{30};
};

struct ClientResponse
{
    int status = 0;
    std::string body;
    int retryAfterSeconds = 0;
};

class Client
{
public:
    explicit Client(ClientConfig config);
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    // Connects (or reuses the connection) and sends one request. false and a
    // sentence in error when no answer came (refused connection, TLS failure,
    // timeout).
    bool request(const std::string &method, const std::string &target, const std::string &body,
                 const std::string &bearer, ClientResponse *response, std::string *error);

    void close();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tc::http
