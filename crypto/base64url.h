#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tc::base64url {

// RFC 7515 section 2 base64url: alphabet A-Z a-z 0-9 - _, no padding.
QByteArray encode(QByteArrayView data);
// encode(data) appended to out.
void appendEncoded(QByteArray &out, QByteArrayView data);

// Strict decoding: refuses padding, '+', '/', whitespace, a length of 1 mod 4,
// and non-canonical trailing bits (bits after the last byte must be zero), so that
// every byte string has exactly one accepted encoding.
std::optional<QByteArray> decode(QByteArrayView text);

// At most this many bytes come out of decoding size characters.
constexpr qsizetype decodedSizeBound(qsizetype size)
{
    return size / 4 * 3 + 2;
}

// decode() into out, which has room for decodedSizeBound(text.size()) bytes:
// the same strictness, no allocation. Returns the decoded size, or -1 when
// text is refused (out then holds garbage).
qsizetype decodeTo(QByteArrayView text, char *out);

} // namespace tc::base64url
