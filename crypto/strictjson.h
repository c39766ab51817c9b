#pragma once

#include "result.h"

#include <QByteArrayView>
#include <QJsonObject>

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
Result<QJsonObject> parseObject(QByteArrayView text);

// True when v is a JSON number written as an integer (no fraction, no exponent).
bool isInteger(const QJsonValue &v);

} // namespace tc::strictjson
