#include "sitejob.h"

#include "site.h"

#include <QtConcurrent/QtConcurrentRun>

namespace tc {

SiteJob::SiteJob(QObject *parent) : QObject(parent) {}

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
        // Opened here, in the worker thread, and destroyed here before returning.
        auto own = site.openAnotherConnection();
        if (!own)
            return {false, own.error()};
        auto done = work(**own, *job);
        if (!done)
            return {false, done.error()};
        return {true, *done};
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
