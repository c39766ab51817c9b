#pragma once

#include "result.h"
#include "tokenverifier.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <memory>

namespace tc {

class Site;

// Verifies many tokens at once on several threads: what a management point
// checking every device, or an audit of a token log, runs.
//
// Each worker thread opens its own connection to the site database inside that
// thread (a Qt SQL connection belongs to the thread that opened it) and builds
// its own TokenVerifier from it, so workers share nothing but the input and the
// output arrays. Results come back in input order. Every token gets every check
// of TokenVerifier, in its order, including the live blocked lookup; the signing
// certificates are reloaded at the start of a batch when the site's revision moved.
class BatchVerifier
{
public:
    // jobs <= 0 means QThread::idealThreadCount(). Fails (in one sentence) when a
    // worker cannot open the site; no thread is left running then.
    static Result<std::unique_ptr<BatchVerifier>> start(const Site &site, int jobs = 0);
    ~BatchVerifier();
    BatchVerifier(const BatchVerifier &) = delete;
    BatchVerifier &operator=(const BatchVerifier &) = delete;

    int jobs() const;

    // One result per token, in the same order. Blocks until all are done.
    QList<VerifyResult> verify(const QList<QByteArray> &tokens, const QDateTime &at);

private:
    struct Pool;
    explicit BatchVerifier(std::unique_ptr<Pool> pool);
    std::unique_ptr<Pool> m_pool;
};

} // namespace tc
