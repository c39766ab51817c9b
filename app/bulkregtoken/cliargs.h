#pragma once

#include <QStringList>

namespace tc::cli {

// Turns the original tool's switches into QCommandLineParser's form:
// "/new" -> "--new", "/lifetime N" or "/lifetime:N" -> "--lifetime N", "/?" -> "--help".
// Matching is case-insensitive, as on Windows; other arguments (paths such as
// "/tmp/site") are left alone.
QStringList normalizeArguments(const QStringList &arguments);

} // namespace tc::cli
