#include "cliargs.h"

namespace tc::cli {

QStringList normalizeArguments(const QStringList &arguments)
{
    QStringList out;
    out.reserve(arguments.size());
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (i == 0) {
            out << a;
            continue;
        }
        if (a == QLatin1String("/?")) {
            out << QStringLiteral("--help");
        } else if (a.compare(QLatin1String("/new"), Qt::CaseInsensitive) == 0) {
            out << QStringLiteral("--new");
        } else if (a.compare(QLatin1String("/lifetime"), Qt::CaseInsensitive) == 0) {
            out << QStringLiteral("--lifetime");
        } else if (a.startsWith(QLatin1String("/lifetime:"), Qt::CaseInsensitive)) {
            out << QStringLiteral("--lifetime") << a.mid(10);
        } else {
            out << a;
        }
    }
    return out;
}

} // namespace tc::cli
