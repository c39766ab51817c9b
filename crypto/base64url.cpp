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

QByteArray encode(QByteArrayView data)
{
    QByteArray out;
    out.reserve((data.size() * 4 + 2) / 3);
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const unsigned v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
        out.append(kAlphabet[(v >> 18) & 63]);
        out.append(kAlphabet[(v >> 12) & 63]);
        out.append(kAlphabet[(v >> 6) & 63]);
        out.append(kAlphabet[v & 63]);
    }
    const qsizetype rest = data.size() - i;
    if (rest == 1) {
        const unsigned v = p[i] << 16;
        out.append(kAlphabet[(v >> 18) & 63]);
        out.append(kAlphabet[(v >> 12) & 63]);
    } else if (rest == 2) {
        const unsigned v = (p[i] << 16) | (p[i + 1] << 8);
        out.append(kAlphabet[(v >> 18) & 63]);
        out.append(kAlphabet[(v >> 12) & 63]);
        out.append(kAlphabet[(v >> 6) & 63]);
    }
    return out;
}

std::optional<QByteArray> decode(QByteArrayView text)
{
    const qsizetype n = text.size();
    if (n % 4 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(n * 3 / 4);
    unsigned buffer = 0;
    int bits = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const int v = kDecode[static_cast<unsigned char>(text[i])];
        if (v < 0)
            return std::nullopt;
        buffer = (buffer << 6) | unsigned(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    // Leftover bits (2 or 4) must be zero: otherwise two texts would decode alike.
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

} // namespace tc::base64url
