#pragma once

#include "result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QSet>

#include <string_view>

namespace tc::strictjson {

// Limits a hostile token cannot push past: nesting depth and member count.
inline constexpr int kMaxDepth = 8;
inline constexpr int kMaxMembers = 256;

// Parses exactly one JSON object (RFC 8259), more strictly than QJsonDocument:
// - duplicate member names are refused (ambiguous: parsers disagree on which wins),
// - invalid UTF-8 (overlong forms, surrogates, truncated sequences) and lone
//   surrogate escapes are refused instead of being replaced,
// - nesting deeper than kMaxDepth or more than kMaxMembers members is refused,
// - numbers written without fraction or exponent that fit in 64 bits are kept as
//   integers (QJsonValue::toVariant() gives qlonglong), all others as doubles.
//   Qt's JSON types keep no record of how a number was written: a QJsonObject
//   stores an integral double (1.0, 1e3) as an integer, so those read back as
//   integers too; 1.5 or 1e300 stay doubles.
Result<QJsonObject> parseObject(QByteArrayView text);

// The same, and also names the top-level members whose values are numbers
// written as integers (no fraction, no exponent) that fit in 64 bits: the only
// way to tell "exp":1 from "exp":1.0 once Qt has stored them. A verifier that
// requires integer claims uses this.
Result<QJsonObject> parseObject(QByteArrayView text, QSet<QString> *integerMembers);

// What scanObject() tells about a top-level member.
enum class MemberKind { String, Integer, Number, Bool, Null, Object, Array };

struct Member
{
    std::string_view name; // decoded, UTF-8
    MemberKind kind = MemberKind::Null;
    std::string_view text; // String: the decoded value, UTF-8
    qint64 integer = 0;    // Integer: written without fraction or exponent, fits in 64 bits
};

class MemberVisitor
{
public:
    // Called for each top-level member in text order; the views are valid only
    // during the call. A text that is refused later may already have reported
    // members: act on them only once scanObject() succeeded.
    virtual void member(const Member &member) = 0;

protected:
    ~MemberVisitor() = default;
};

// Checks text exactly as parseObject() does (the same grammar, limits and
// refusals, with the same sentences) without building a QJsonObject: the
// verifier's hot path, which needs a handful of top-level members.
Status scanObject(QByteArrayView text, MemberVisitor &visitor);

// True when v is a JSON number with an integral value that fits in 64 bits.
bool isInteger(const QJsonValue &v);

} // namespace tc::strictjson
