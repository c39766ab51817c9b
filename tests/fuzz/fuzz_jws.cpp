// jws::decode on arbitrary bytes. What it accepts must be exactly three strict
// base64url segments whose header is a JSON object with alg "RS256" and no crit,
// and the decoded parts must re-encode to the input byte for byte.
#include "base64url.h"
#include "jws.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const tc::jws::Decoded d = tc::jws::decode(input);
    if (d.failure != tc::jws::Failure::None) {
        if (d.detail.isEmpty() || !d.signingInput.isEmpty())
            abort();
        if (input.size() > tc::jws::kMaxCompactSize && d.failure != tc::jws::Failure::Malformed)
            abort();
        return 0;
    }
    if (input.size() > tc::jws::kMaxCompactSize)
        abort();
    if (d.header.value(QStringLiteral("alg")).toString() != QLatin1String("RS256")
        || d.header.contains(QStringLiteral("crit")))
        abort();
    if (d.signature.isEmpty() || d.payload.isEmpty())
        abort();
    const qsizetype dot2 = d.signingInput.size();
    if (input.first(dot2) != d.signingInput)
        abort();
    const QByteArray payloadSegment = tc::base64url::encode(d.payload);
    if (!d.signingInput.endsWith('.' + payloadSegment))
        abort();
    if (input.sliced(dot2) != QByteArray('.' + tc::base64url::encode(d.signature)))
        abort();
    // Not verifying is fine; crashing or throwing is not.
    (void)tc::jws::verifyRs256(d, tc::PublicKey());
    return 0;
}
