// base64url::decode on arbitrary bytes, with the round-trip properties that make
// it strict: whatever decodes re-encodes to exactly the same text (one spelling
// per byte string), and every byte string survives encode then decode.
#include "base64url.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const auto decoded = tc::base64url::decode(input)) {
        if (tc::base64url::encode(*decoded) != input)
            abort(); // two spellings of one byte string were accepted
        if (decoded->size() != input.size() * 3 / 4)
            abort();
    } else {
        // A refusal is only ever for a reason the strict grammar names.
        bool foreign = input.size() % 4 == 1;
        for (char c : input) {
            const bool alphabet
                = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            foreign = foreign || !alphabet;
        }
        if (!foreign && input.size() % 4 == 0)
            abort(); // whole groups of the alphabet leave no bits over: they always decode
    }

    const QByteArray encoded = tc::base64url::encode(input);
    const auto back = tc::base64url::decode(encoded);
    if (!back || *back != input)
        abort();
    return 0;
}
