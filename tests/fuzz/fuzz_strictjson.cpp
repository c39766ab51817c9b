// strictjson::parseObject on arbitrary bytes. Besides crashes, sanitizer
// reports and stack exhaustion, it checks three properties of what it accepts:
// Qt's own (laxer) parser accepts it too and reads the same object; writing it
// out and reading it back gives the same object; and every member reported as
// written-as-integer is a number.
#include "strictjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QSet<QString> integers;
    const auto parsed = tc::strictjson::parseObject(input, &integers);
    if (!parsed) {
        if (!integers.isEmpty() || parsed.error().isEmpty())
            abort();
        return 0;
    }
    for (const QString &name : std::as_const(integers)) {
        if (!parsed->value(name).isDouble())
            abort();
    }

    QJsonParseError error;
    const QJsonDocument qt = QJsonDocument::fromJson(input, &error);
    if (error.error != QJsonParseError::NoError || !qt.isObject())
        abort(); // strict accepted what RFC 8259 (as Qt reads it) refuses
    if (qt.object() != *parsed)
        abort(); // the two readers disagree on what the text says

    const QByteArray written = QJsonDocument(*parsed).toJson(QJsonDocument::Compact);
    const auto again = tc::strictjson::parseObject(written);
    if (!again || *again != *parsed)
        abort();
    return 0;
}
