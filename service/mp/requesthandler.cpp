#include "requesthandler.h"

#include "metrics.h"
#include "refusal.h"
#include "strictjson.h"
#include "tokenverifier.h"
#include "wire.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <variant>

namespace tc::mp {

namespace {

constexpr std::string_view kRegistrations = "/v1/registrations";
constexpr std::string_view kRegistrationPrefix = "/v1/registrations/";

std::string pathOf(const std::string &target)
{
    return target.substr(0, target.find('?'));
}

http::Response jsonResponse(int status, const QJsonObject &body, const QString &device = {})
{
    http::Response r;
    r.status = status;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
    r.device = device.toStdString();
    return r;
}

http::Response fromAnswer(const MpAnswer &answer)
{
    if (answer.refused()) {
        http::Response r = refusalResponse(answer.code, answer.message);
        r.device = answer.deviceId.toStdString();
        return r;
    }
    const int status = answer.outcome == MpAnswer::Outcome::Created ? 201
        : answer.outcome == MpAnswer::Outcome::Accepted             ? 202
                                                                    : 200;
    return jsonResponse(status, answer.body, answer.deviceId);
}

http::Response badRequest(const QString &message)
{
    return refusalResponse(QLatin1String(refusal::kBadRequest), message);
}

bool isJson(const std::string &contentType)
{
    const std::string type = contentType.substr(0, contentType.find(';'));
    std::string lower;
    for (char c : type)
        if (c != ' ' && c != '\t')
            lower += char(std::tolower(static_cast<unsigned char>(c)));
    return lower == "application/json";
}

// The token of "Authorization: Bearer TOKEN" (RFC 6750 2.1), or empty.
QByteArray bearerOf(const std::string &authorization)
{
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() <= scheme.size())
        return {};
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i])
            return {};
    std::string token = authorization.substr(scheme.size());
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t'))
        token.pop_back();
    return QByteArray::fromStdString(token);
}

bool isHealthOrMetrics(const std::string &path)
{
    return path == "/healthz" || path == "/metrics";
}

} // namespace

int statusForCode(const QString &code)
{
    using namespace refusal;
    static const std::pair<const char *, int> kStatuses[] = {
        {kBadRequest, 400},
        {kMalformed, 400},
        {kBulkTokenRequired, 403},
        {kClientCertificateRequired, 401},
        {kClientCertificateInvalid, 401},
        {kCertificateMismatch, 401},
        {kDeviceBlocked, 403},
        {kDevicePendingApproval, 403},
        {kDeviceUnknown, 404},
        {kUsageLimitReached, 403},
        {kTooEarly, 409},
        {kTooManyRequests, 429},
        {kRequestTooLarge, 413},
        {kUnavailable, 503},
        {kNotFound, 404},
        {"blocked", 403},
        {"method-not-allowed", 405},
    };
    for (const auto &[c, status] : kStatuses)
        if (code == QLatin1String(c))
            return status;
    return 401; // every other verification reason: the token is not accepted
}

http::Response refusalResponse(int status, const std::string &code, const std::string &message)
{
    http::Response r;
    r.status = status;
    r.code = code;
    r.body = QJsonDocument(wire::refusalJson(QString::fromStdString(code), QString::fromStdString(message)))
                 .toJson(QJsonDocument::Compact)
                 .toStdString();
    if (status == 503 || status == 429)
        r.retryAfterSeconds = 1;
    return r;
}

http::Response refusalResponse(const QString &code, const QString &message)
{
    return refusalResponse(statusForCode(code), code.toStdString(), message.toStdString());
}

std::string routeOf(const std::string &target)
{
    const std::string path = pathOf(target);
    if (path == kRegistrations || path == "/v1/whoami" || path == "/v1/renewals" || isHealthOrMetrics(path))
        return path;
    if (path.size() > kRegistrationPrefix.size()
        && path.compare(0, kRegistrationPrefix.size(), kRegistrationPrefix) == 0)
        return "/v1/registrations/{deviceId}";
    return "other";
}

bool needsRegistrar(const http::Request &request, Listener)
{
    const std::string route = routeOf(request.target);
    return route != "other" && !isHealthOrMetrics(route);
}

namespace {

// A response now, or a change the registrar prepared, answered after it is committed.
using Routed = std::variant<http::Response, Prepared>;

Routed route(const http::Request &request, Listener listener, Registrar *registrar, const QDateTime &now,
             const Metrics &metrics)
{
    const std::string route = routeOf(request.target);
    const std::string &method = request.method;
    auto methodNotAllowed
        = [] { return refusalResponse(405, "method-not-allowed", "This path does not take this method."); };
    if (route == "other" || (isHealthOrMetrics(route) && listener != Listener::Intranet))
        return refusalResponse(404, refusal::kNotFound, "There is nothing at this path.");
    if (route == "/healthz") {
        if (method != "GET")
            return methodNotAllowed();
        return jsonResponse(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    }
    if (route == "/metrics") {
        if (method != "GET")
            return methodNotAllowed();
        http::Response r;
        r.contentType = "text/plain; version=0.0.4; charset=utf-8";
        r.body = metrics.render();
        return r;
    }
    if (!registrar)
        return refusalResponse(QLatin1String(refusal::kUnavailable), QStringLiteral("The service is not ready."));
    const Certificate &certificate = request.clientCertificate;

    if (route == kRegistrations) {
        if (method != "POST")
            return methodNotAllowed();
        if (!isJson(request.contentType))
            return badRequest(QStringLiteral("The request body must be JSON (Content-Type: application/json)."));
        auto parsed = strictjson::parseObject(QByteArrayView(request.body.data(), qsizetype(request.body.size())));
        if (!parsed)
            return badRequest(
                QStringLiteral("The request body is not a well-formed JSON object: %1").arg(parsed.error()));
        const QJsonValue name = parsed->value(QLatin1String("deviceName"));
        const QJsonValue token = parsed->value(QLatin1String("bulkToken"));
        if (!name.isString())
            return badRequest(QStringLiteral("The request has no deviceName text."));
        if (!token.isUndefined() && !token.isString())
            return badRequest(QStringLiteral("The bulkToken member must be a text."));
        const QByteArray bulkToken = token.toString().toUtf8();
        return registrar->prepareRegistration(listener, name.toString(), token.isString() ? &bulkToken : nullptr,
                                              certificate, now);
    }
    if (route == "/v1/registrations/{deviceId}") {
        if (method != "GET")
            return methodNotAllowed();
        const std::string id = pathOf(request.target).substr(kRegistrationPrefix.size());
        return registrar->prepareRegistrationStatus(QString::fromStdString(id), certificate, now);
    }
    const QByteArray bearer = bearerOf(request.authorization);
    if (route == "/v1/whoami") {
        if (method != "GET")
            return methodNotAllowed();
        return registrar->prepareWhoami(bearer, certificate, now);
    }
    // /v1/renewals: the body is empty or {}.
    if (method != "POST")
        return methodNotAllowed();
    if (!request.body.empty()) {
        auto parsed = strictjson::parseObject(QByteArrayView(request.body.data(), qsizetype(request.body.size())));
        if (!parsed || !parsed->isEmpty())
            return badRequest(QStringLiteral("A renewal's body is empty or {}."));
    }
    return registrar->prepareRenewal(bearer, certificate, now);
}

} // namespace

http::Response handle(const http::Request &request, Listener listener, Registrar *registrar, const QDateTime &now,
                      const Metrics &metrics)
{
    Routed routed = route(request, listener, registrar, now, metrics);
    if (auto *response = std::get_if<http::Response>(&routed))
        return std::move(*response);
    return fromAnswer(registrar->commitAlone(std::get<Prepared>(std::move(routed))));
}

void handle(const http::Request &request, Listener listener, Registrar *registrar, const QDateTime &now,
            const Metrics &metrics, const Commit &commit, const std::function<void(http::Response)> &reply)
{
    Routed routed = route(request, listener, registrar, now, metrics);
    if (auto *response = std::get_if<http::Response>(&routed)) {
        reply(std::move(*response));
        return;
    }
    commit(std::get<Prepared>(std::move(routed)), [reply](const MpAnswer &answer) { reply(fromAnswer(answer)); });
}

} // namespace tc::mp
