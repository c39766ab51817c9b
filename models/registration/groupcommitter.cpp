#include "groupcommitter.h"

#include "refusal.h"
#include "site.h"
#include "sitedatabase.h"

#include <future>

namespace tc {

GroupCommitter::GroupCommitter(QString siteFolder, Registrar::Options options, int maxBatch)
    : m_folder(std::move(siteFolder)), m_options(std::move(options)), m_maxBatch(std::size_t(std::max(1, maxBatch)))
{ }

GroupCommitter::~GroupCommitter()
{
    stop();
}

Status GroupCommitter::start()
{
    std::promise<Status> opened;
    auto result = opened.get_future();
    m_thread = std::thread([this, &opened] { run(&opened); });
    Status s = result.get();
    if (!s)
        stop();
    return s;
}

void GroupCommitter::submit(Prepared prepared, Done done)
{
    if (!prepared.apply) {
        done(std::move(prepared.answer));
        return;
    }
    Job job{std::move(prepared.apply), std::move(done)};
    if (prepared.answerAtOnce) {
        job.done(std::move(prepared.answer));
        job.done = [](const MpAnswer &) {};
    }
    bool accepted = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_jobs.push_back(std::move(job));
            accepted = true;
        }
    }
    if (accepted)
        m_wake.notify_one();
    else if (job.done)
        job.done(MpAnswer::refuse(QLatin1String(refusal::kUnavailable),
                                  QStringLiteral("The management point is stopping.")));
}

void GroupCommitter::run(std::promise<Status> *opened)
{
    auto site = Site::open(m_folder);
    if (!site) {
        opened->set_value(site.takeError());
        return;
    }
    Registrar writer(**site, m_options);
    if (auto ready = writer.prepare(); !ready) {
        opened->set_value(ready);
        return;
    }
    opened->set_value({});
    for (;;) {
        std::deque<Job> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty())
                break;
            // Everything that queued while the last batch committed, up to the limit.
            while (!m_jobs.empty() && batch.size() < m_maxBatch) {
                batch.push_back(std::move(m_jobs.front()));
                m_jobs.pop_front();
            }
        }
        commitBatch(**site, writer, batch);
    }
}

void GroupCommitter::commitBatch(Site &site, Registrar &writer, std::deque<Job> &batch)
{
    std::vector<MpAnswer> answers;
    answers.reserve(batch.size());
    {
        WriteTransaction tx(site.database());
        if (!tx.status()) {
            const MpAnswer failed = writer.failure(tx.status().takeError());
            for (Job &job : batch)
                job.done(failed);
            return;
        }
        for (Job &job : batch) {
            Savepoint change(site.database());
            if (!change.status()) {
                answers.push_back(writer.failure(change.status().takeError()));
                continue;
            }
            MpAnswer a = job.apply(writer, tx.revision());
            if (!a.refused()) {
                if (auto released = change.release(); !released)
                    a = writer.failure(released.takeError(), a.deviceId);
            }
            answers.push_back(std::move(a)); // a refused change rolls back with its savepoint
        }
        if (auto committed = tx.commit(); !committed) {
            for (MpAnswer &a : answers)
                if (!a.refused())
                    a = writer.failure(committed.takeError(), a.deviceId);
        }
    }
    m_batches.fetch_add(1);
    m_changes.fetch_add(qint64(batch.size()));
    for (std::size_t i = 0; i < batch.size(); ++i)
        batch[i].done(std::move(answers[i]));
}

void GroupCommitter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace tc
