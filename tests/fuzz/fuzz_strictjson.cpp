// strictjson::parseObject on arbitrary bytes. Besides crashes, sanitizer
// reports and stack exhaustion, it checks three properties of what it accepts:
// Qt's own (laxer) parser accepts it too and reads the same object; writing it
// out and reading it back gives the same object; and every member reported as
// written-as-integer is a number. And scanObject(), the verifier's one-pass
// reader, agrees with parseObject() on every input: the same refusal sentence,
// or the same top-level members with the same values.
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
        const bool integers
            = a.toVariant().typeId() == QMetaType::LongLong && b.toVariant().typeId() == QMetaType::LongLong;
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

struct Collect final : tc::strictjson::MemberVisitor
{
    QList<tc::strictjson::MemberKind> kinds;
    QStringList names;
    QList<QJsonValue> strings; // String members' text, else Undefined
    QList<qint64> integers;    // Integer members' value, else 0
    void member(const tc::strictjson::Member &m) override
    {
        kinds << m.kind;
        names << QString::fromUtf8(m.name.data(), qsizetype(m.name.size()));
        strings << (m.kind == tc::strictjson::MemberKind::String
                        ? QJsonValue(QString::fromUtf8(m.text.data(), qsizetype(m.text.size())))
                        : QJsonValue(QJsonValue::Undefined));
        integers << (m.kind == tc::strictjson::MemberKind::Integer ? m.integer : 0);
    }
};

// The kind scanObject() must report for a member parseObject() read as v.
bool kindMatches(tc::strictjson::MemberKind kind, const QJsonValue &v, bool writtenAsInteger)
{
    using K = tc::strictjson::MemberKind;
    switch (kind) {
    case K::String: return v.isString();
    case K::Integer: return v.isDouble() && writtenAsInteger;
    case K::Number: return v.isDouble() && !writtenAsInteger;
    case K::Bool: return v.isBool();
    case K::Null: return v.isNull();
    case K::Object: return v.isObject();
    case K::Array: return v.isArray();
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QSet<QString> integers;
    const auto parsed = tc::strictjson::parseObject(input, &integers);
    Collect scanned;
    const tc::Status scan = tc::strictjson::scanObject(input, scanned);
    if (scan.ok() != parsed.ok())
        abort(); // the two readers of one grammar disagree on the text
    if (!parsed) {
        if (!integers.isEmpty() || parsed.error().isEmpty() || scan.error() != parsed.error())
            abort();
        return 0;
    }
    if (scanned.names.size() != parsed->size())
        abort();
    for (qsizetype i = 0; i < scanned.names.size(); ++i) {
        const QString &name = scanned.names.at(i);
        if (!parsed->contains(name))
            abort();
        const QJsonValue v = parsed->value(name);
        if (!kindMatches(scanned.kinds.at(i), v, integers.contains(name)))
            abort();
        if (v.isString() && scanned.strings.at(i).toString() != v.toString())
            abort();
        if (scanned.kinds.at(i) == tc::strictjson::MemberKind::Integer && scanned.integers.at(i) != v.toInteger())
            abort();
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
