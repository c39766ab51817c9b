// strictjson::parseObject on arbitrary bytes. Besides crashes, sanitizer
// reports and stack exhaustion, it checks three properties of what it accepts:
// Qt's own (laxer) parser accepts it too and reads the same object; writing it
// out and reading it back gives the same object; and every member reported as
// written-as-integer is a number.
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QVariant>

#include <cstdint>
#include <cstdlib>

namespace {

// Equal as JSON values. Numbers compare by value: Qt keeps 2^60 written as
// 1152921504606846976e0 as an integer when it parses, but as a double when it is
// constructed from that same double, and QJsonValue::operator== tells them apart.
bool sameJson(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble()) {
        const bool integers = a.toVariant().typeId() == QMetaType::LongLong && b.toVariant().typeId() == QMetaType::LongLong;
        return integers ? a.toInteger() == b.toInteger() : a.toDouble() == b.toDouble();
    }
    if (a.type() != b.type())
        return false;
    if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameJson(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.keys() != y.keys())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (!sameJson(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    return a == b;
}

} // namespace

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
    if (!sameJson(qt.object(), *parsed))
        abort(); // the two readers disagree on what the text says

    const QByteArray written = QJsonDocument(*parsed).toJson(QJsonDocument::Compact);
    const auto again = tc::strictjson::parseObject(written);
    if (!again || !sameJson(*again, *parsed))
        abort();
    return 0;
}
