#include "httpsclient.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>

#include <optional>

namespace tc::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Client::Impl
{
    ClientConfig config;
    asio::io_context ioc;
    asio::ssl::context tls{asio::ssl::context::tls_client};
    std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
    beast::flat_buffer buffer;
    std::string setupError;

    bool connect(std::string *error)
    {
        stream.emplace(ioc, tls);
        buffer.clear();
        beast::error_code ec;
        tcp::resolver resolver(ioc);
        const auto endpoints = resolver.resolve(config.host, config.port, ec);
        if (ec) {
            *error = "Cannot resolve " + config.host + ": " + ec.message() + '.';
            return false;
        }
        if (!SSL_set_tlsext_host_name(stream->native_handle(), config.host.c_str())
            || !SSL_set1_host(stream->native_handle(), config.host.c_str())) {
            *error = "The host name " + config.host + " cannot be used for TLS.";
            return false;
        }
        auto &socket = beast::get_lowest_layer(*stream);
        socket.expires_after(config.timeout);
        socket.connect(endpoints, ec);
        if (!ec)
            stream->handshake(asio::ssl::stream_base::client, ec);
        if (ec) {
            *error = "Cannot connect to https://" + config.host + ':' + config.port + ": " + ec.message() + '.';
            stream.reset();
            return false;
        }
        return true;
    }
};

Client::Client(ClientConfig config) : d(std::make_unique<Impl>())
{
    d->config = std::move(config);
    try {
        d->tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2
                           | asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1
                           | asio::ssl::context::no_tlsv1_1);
        d->tls.set_verify_mode(asio::ssl::verify_peer);
        d->tls.add_certificate_authority(asio::buffer(d->config.caPem));
        if (!d->config.certificatePem.empty()) {
            d->tls.use_certificate(asio::buffer(d->config.certificatePem), asio::ssl::context::pem);
            d->tls.use_private_key_file(d->config.privateKeyFile, asio::ssl::context::pem);
        }
    } catch (const std::exception &e) {
        d->setupError = std::string("The TLS certificates cannot be used: ") + e.what() + '.';
    }
}

Client::~Client() = default;

void Client::close()
{
    if (d->stream) {
        beast::error_code ignored;
        beast::get_lowest_layer(*d->stream).socket().close(ignored);
        d->stream.reset();
    }
}

bool Client::request(const std::string &method, const std::string &target, const std::string &body,
                     const std::string &bearer, ClientResponse *response, std::string *error)
{
    if (!d->setupError.empty()) {
        *error = d->setupError;
        return false;
    }
    // A kept-alive connection the server closed meanwhile is retried once on a new one.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = d->stream.has_value();
        if (!d->stream && !d->connect(error))
            return false;
        bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
        req.set(bhttp::field::host, d->config.host);
        req.set(bhttp::field::user_agent, "tokenconsole-device");
        if (!bearer.empty())
            req.set(bhttp::field::authorization, "Bearer " + bearer);
        if (!body.empty() || method == "POST") {
            req.set(bhttp::field::content_type, "application/json");
            req.body() = body;
        }
        req.keep_alive(true);
        req.prepare_payload();
        beast::error_code ec;
        beast::get_lowest_layer(*d->stream).expires_after(d->config.timeout);
        bhttp::write(*d->stream, req, ec);
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(1024 * 1024);
        if (!ec)
            bhttp::read(*d->stream, d->buffer, parser, ec);
        if (ec) {
            close();
            if (reused && attempt == 0)
                continue;
            *error = "No answer from https://" + d->config.host + ':' + d->config.port + ": " + ec.message() + '.';
            return false;
        }
        auto res = parser.release();
        response->status = int(res.result_int());
        response->body = std::move(res.body());
        const auto retry = res[bhttp::field::retry_after];
        response->retryAfterSeconds = retry.empty() ? 0 : std::atoi(std::string(retry).c_str());
        if (!res.keep_alive())
            close();
        return true;
    }
    return false;
}

} // namespace tc::http
