#include "sitejob.h"

#include "site.h"
#include "sitedatabase.h"

#include <QtConcurrent/QtConcurrentRun>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace tc {

SiteJob::SiteJob(QObject *parent) : QObject(parent) { }

SiteJob::~SiteJob()
{
    m_canceled.store(true);
    m_future.waitForFinished();
}

SiteJob *SiteJob::start(const Site &site, Work work, QObject *parent)
{
    auto *job = new SiteJob(parent);
    connect(&job->m_watcher, &QFutureWatcher<Outcome>::finished, job, [job] {
        const Outcome outcome = job->m_future.result();
        emit job->finished(outcome.ok, outcome.message);
        job->deleteLater();
    });
    job->m_future = QtConcurrent::run([&site, work = std::move(work), job]() -> Outcome {
        Outcome outcome;
        {
            // Opened here, in the worker thread, and destroyed here before returning.
            auto own = site.openAnotherConnection();
            if (!own)
                return {false, own.error()};
            // A job's connection lives for one job: a smaller page cache than the
            // console's own (32 MB) keeps a block of ten thousand rows from adding
            // that much to the console's memory; SQLite spills to the WAL beyond it.
            if (auto small = (*own)->database().useSmallCache(); !small)
                return {false, small.error()};
            auto done = work(**own, *job);
            outcome = done ? Outcome{true, *done} : Outcome{false, done.error()};
        }
#ifdef __GLIBC__
        // The connection's page cache (tens of MB after blocking thousands of rows)
        // was freed into this pool thread's malloc arena; give it back to the system
        // instead of keeping it resident for the console's lifetime.
        malloc_trim(0);
#endif
        return outcome;
    });
    job->m_watcher.setFuture(job->m_future);
    return job;
}

void SiteJob::setProgress(qint64 done, qint64 total)
{
    emit progressChanged(done, total);
}

void SiteJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace tc
