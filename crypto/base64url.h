#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tc::base64url {

// RFC 7515 section 2 base64url: alphabet A-Z a-z 0-9 - _, no padding.
QByteArray encode(QByteArrayView data);

// Strict decoding: refuses padding, '+', '/', whitespace, a length of 1 mod 4,
// and non-canonical trailing bits (bits after the last byte must be zero), so that
// every byte string has exactly one accepted encoding.
std::optional<QByteArray> decode(QByteArrayView text);

} // namespace tc::base64url
