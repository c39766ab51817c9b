#pragma once

#include "httpserver.h"
#include "registrar.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <string>

namespace tc::mp {

class Metrics;

// The HTTP status of each refusal code (DESIGN.md section 5).
int statusForCode(const QString &code);

// A refusal as the management point sends it: {"error","message"} with its status.
http::Response refusalResponse(int status, const std::string &code, const std::string &message);
http::Response refusalResponse(const QString &code, const QString &message);

// The route label of a path for logs and metrics: a fixed text, never the
// path as sent ("/v1/registrations/{deviceId}", or "other").
std::string routeOf(const std::string &target);

// Whether a request needs the registrar (a worker thread with a database
// connection) or is answered at once (health, metrics, refusals of its shape).
bool needsRegistrar(const http::Request &request, Listener listener);

// Answers one request without sockets: parses and checks its shape (method,
// path, content type, strict UTF-8 JSON), then asks the registrar. This is
// what the fuzzer drives. registrar may be null when needsRegistrar() is false.
http::Response handle(const http::Request &request, Listener listener, Registrar *registrar, const QDateTime &now,
                      const Metrics &metrics);

// Where a prepared change goes to be committed; done is called with its answer.
using Commit = std::function<void(Prepared, std::function<void(MpAnswer)>)>;
// The same, answering through reply: at once, or after commit() committed the
// change the request came to (on the committer's thread).
void handle(const http::Request &request, Listener listener, Registrar *registrar, const QDateTime &now,
            const Metrics &metrics, const Commit &commit, const std::function<void(http::Response)> &reply);

} // namespace tc::mp
