#pragma once

#include "registrar.h"
#include "result.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace tc {

class Site;

// Group commit: one thread with its own connection and Registrar applies the
// changes other threads prepared, many in one transaction (each in a savepoint
// of its own, so a refused one is rolled back alone), and answers each only
// after the commit that holds it. One fsync then serves a whole batch, and the
// write lock is held for database work only: the RS256 signatures were made
// before, by whoever prepared the change.
class GroupCommitter
{
public:
    using Done = std::function<void(MpAnswer)>; // called on the committer's thread

    GroupCommitter(QString siteFolder, Registrar::Options options, int maxBatch = 256);
    ~GroupCommitter();
    GroupCommitter(const GroupCommitter &) = delete;
    GroupCommitter &operator=(const GroupCommitter &) = delete;

    // Opens the site on the committer's thread.
    Status start();
    // Answers done after the change is committed (or with the refusal that
    // rolled it back, or 503 when the commit failed). A prepared answer
    // without a change, or one that does not wait for it, is answered at once.
    void submit(Prepared prepared, Done done);
    // Commits what is queued, then ends the thread.
    void stop();

    qint64 batches() const { return m_batches.load(); }
    qint64 changes() const { return m_changes.load(); }

private:
    struct Job
    {
        Prepared::Apply apply;
        Done done;
    };
    void run(std::promise<Status> *opened);
    void commitBatch(Site &site, Registrar &writer, std::deque<Job> &batch);

    QString m_folder;
    Registrar::Options m_options;
    std::size_t m_maxBatch;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
    std::atomic<qint64> m_batches{0};
    std::atomic<qint64> m_changes{0};
};

} // namespace tc
