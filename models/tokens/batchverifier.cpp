#include "batchverifier.h"

#include "site.h"
#include "siteverifier.h"

#include <QThread>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace tc {

namespace {

// Workers take this many tokens at a time from a shared cursor: large enough
// that the cursor is not contended, small enough to balance the tail.
constexpr qsizetype kBlock = 64;

} // namespace

struct BatchVerifier::Pool
{
    const Site &origin;
    int jobs = 1;

    std::mutex mutex;
    std::condition_variable wake;     // workers wait here for a batch
    std::condition_variable finished; // the caller waits here for the workers

    // Start-up: each worker reports once whether it could open the site.
    int started = 0;
    QString startError;

    // The current batch; written by the caller under the mutex before the
    // generation moves, read by the workers after they saw it move.
    quint64 generation = 0;
    bool stopping = false;
    const QList<QByteArray> *tokens = nullptr;
    QDateTime at;
    VerifyResult *results = nullptr;
    std::atomic<qsizetype> cursor{0};
    int busy = 0;

    std::vector<std::thread> threads;

    explicit Pool(const Site &site) : origin(site) { }

    void run()
    {
        // Everything SQL lives and dies in this thread.
        std::unique_ptr<Site> site;
        std::unique_ptr<SiteVerifier> verifier; // declared after site: destroyed before it
        QString error;
        if (auto opened = origin.openAnotherConnection(); !opened) {
            error = opened.error();
        } else {
            site = std::move(opened).value();
            verifier = std::make_unique<SiteVerifier>(*site);
            if (auto ready = verifier->prepare(); !ready) {
                error = ready.error();
                verifier.reset();
            }
        }
        {
            std::lock_guard lock(mutex);
            ++started;
            if (!error.isEmpty() && startError.isEmpty())
                startError = error;
        }
        finished.notify_all();
        if (!verifier)
            return;

        quint64 seen = 0;
        for (;;) {
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [&] { return stopping || generation != seen; });
                if (stopping)
                    return;
                seen = generation;
            }
            const qsizetype n = tokens->size();
            for (qsizetype begin = cursor.fetch_add(kBlock); begin < n; begin = cursor.fetch_add(kBlock)) {
                const qsizetype count = std::min(n, begin + kBlock) - begin;
                verifier->verifyMany(std::span(tokens->constData() + begin, size_t(count)), at,
                                     std::span(results + begin, size_t(count)));
            }
            {
                std::lock_guard lock(mutex);
                if (--busy == 0)
                    finished.notify_all();
            }
        }
    }

    void stop()
    {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_all();
        for (std::thread &t : threads)
            t.join();
        threads.clear();
    }
};

BatchVerifier::BatchVerifier(std::unique_ptr<Pool> pool) : m_pool(std::move(pool)) { }

BatchVerifier::~BatchVerifier()
{
    if (m_pool)
        m_pool->stop();
}

Result<std::unique_ptr<BatchVerifier>> BatchVerifier::start(const Site &site, int jobs)
{
    auto pool = std::make_unique<Pool>(site);
    pool->jobs = jobs > 0 ? jobs : std::max(1, QThread::idealThreadCount());
    for (int i = 0; i < pool->jobs; ++i)
        pool->threads.emplace_back([p = pool.get()] { p->run(); });
    QString error;
    {
        std::unique_lock lock(pool->mutex);
        pool->finished.wait(lock, [&] { return pool->started == pool->jobs; });
        error = pool->startError;
    }
    if (!error.isEmpty()) {
        pool->stop();
        return Error{error};
    }
    return std::unique_ptr<BatchVerifier>(new BatchVerifier(std::move(pool)));
}

int BatchVerifier::jobs() const
{
    return m_pool->jobs;
}

QList<VerifyResult> BatchVerifier::verify(const QList<QByteArray> &tokens, const QDateTime &at)
{
    QList<VerifyResult> results(tokens.size());
    if (tokens.isEmpty())
        return results;
    Pool &p = *m_pool;
    {
        std::lock_guard lock(p.mutex);
        p.tokens = &tokens;
        p.at = at;
        p.results = results.data();
        p.cursor.store(0);
        p.busy = p.jobs;
        ++p.generation;
    }
    p.wake.notify_all();
    {
        std::unique_lock lock(p.mutex);
        p.finished.wait(lock, [&] { return p.busy == 0; });
        p.tokens = nullptr;
        p.results = nullptr;
    }
    return results;
}

} // namespace tc
