#pragma once

#include "result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QSet>

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

// True when v is a JSON number with an integral value that fits in 64 bits.
bool isInteger(const QJsonValue &v);

} // namespace tc::strictjson
