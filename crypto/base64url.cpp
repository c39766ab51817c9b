#include "base64url.h"

#include <array>

namespace tc::base64url {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<signed char, 256> makeDecodeTable()
{
    std::array<signed char, 256> table{};
    for (auto &v : table)
        v = -1;
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
    return table;
}

constexpr auto kDecode = makeDecodeTable();

} // namespace

void appendEncoded(QByteArray &out, QByteArrayView data)
{
    const qsizetype before = out.size();
    out.resize(before + (data.size() * 4 + 2) / 3);
    char *o = out.data() + before;
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const unsigned v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
        *o++ = kAlphabet[(v >> 6) & 63];
        *o++ = kAlphabet[v & 63];
    }
    const qsizetype rest = data.size() - i;
    if (rest == 1) {
        const unsigned v = p[i] << 16;
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
    } else if (rest == 2) {
        const unsigned v = (p[i] << 16) | (p[i + 1] << 8);
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
        *o++ = kAlphabet[(v >> 6) & 63];
    }
}

QByteArray encode(QByteArrayView data)
{
    QByteArray out;
    appendEncoded(out, data);
    return out;
}

qsizetype decodeTo(QByteArrayView text, char *out)
{
    const qsizetype n = text.size();
    if (n % 4 == 1)
        return -1;
    const auto *in = reinterpret_cast<const unsigned char *>(text.data());
    auto *o = reinterpret_cast<unsigned char *>(out);
    qsizetype i = 0;
    // Four characters make three bytes; a negative table entry anywhere makes
    // the OR negative, so one test per group refuses every foreign character.
    for (; i + 4 <= n; i += 4) {
        const int a = kDecode[in[i]], b = kDecode[in[i + 1]], c = kDecode[in[i + 2]], d = kDecode[in[i + 3]];
        if ((a | b | c | d) < 0)
            return -1;
        const unsigned v = (unsigned(a) << 18) | (unsigned(b) << 12) | (unsigned(c) << 6) | unsigned(d);
        *o++ = static_cast<unsigned char>(v >> 16);
        *o++ = static_cast<unsigned char>(v >> 8);
        *o++ = static_cast<unsigned char>(v);
    }
    const qsizetype rest = n - i;
    if (rest >= 2) {
        const int a = kDecode[in[i]], b = kDecode[in[i + 1]], c = rest == 3 ? kDecode[in[i + 2]] : 0;
        if ((a | b | c) < 0)
            return -1;
        const unsigned v = (unsigned(a) << 18) | (unsigned(b) << 12) | (unsigned(c) << 6);
        // Leftover bits (4 after two characters, 2 after three) must be zero:
        // otherwise two texts would decode alike.
        if ((rest == 2 && (v & 0xffff)) || (rest == 3 && (v & 0xff)))
            return -1;
        *o++ = static_cast<unsigned char>(v >> 16);
        if (rest == 3)
            *o++ = static_cast<unsigned char>(v >> 8);
    }
    return o - reinterpret_cast<unsigned char *>(out);
}

std::optional<QByteArray> decode(QByteArrayView text)
{
    QByteArray out(decodedSizeBound(text.size()), Qt::Uninitialized);
    const qsizetype size = decodeTo(text, out.data());
    if (size < 0)
        return std::nullopt;
    out.truncate(size);
    return out;
}

} // namespace tc::base64url
