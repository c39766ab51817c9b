#include "workerpool.h"

#include "site.h"

#include <future>

namespace tc::mp {

WorkerPool::WorkerPool(QString siteFolder, Registrar::Options options, int threads, std::size_t maxQueued)
    : m_folder(std::move(siteFolder)), m_options(std::move(options)), m_threadCount(std::max(1, threads)),
      m_maxQueued(maxQueued)
{ }

WorkerPool::~WorkerPool()
{
    stop();
}

Status WorkerPool::start()
{
    std::vector<std::promise<Status>> opened(static_cast<std::size_t>(m_threadCount));
    for (auto &p : opened)
        m_threads.emplace_back([this, &p] { run(&p); });
    Status first;
    for (auto &p : opened) {
        Status s = p.get_future().get();
        if (!s && first)
            first = s;
    }
    if (!first)
        stop();
    return first;
}

void WorkerPool::run(std::promise<Status> *opened)
{
    std::unique_ptr<Site> site;
    std::unique_ptr<Registrar> registrar;
    {
        auto s = Site::open(m_folder);
        if (!s) {
            opened->set_value(s.takeError());
        } else {
            site = std::move(s).value();
            registrar = std::make_unique<Registrar>(*site, m_options);
            opened->set_value(registrar->prepare());
        }
    }
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty())
                break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job(registrar.get());
    }
    registrar.reset();
    site.reset();
}

bool WorkerPool::submit(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_jobs.size() >= m_maxQueued)
            return false;
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
    return true;
}

void WorkerPool::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto &t : m_threads)
        if (t.joinable())
            t.join();
    m_threads.clear();
}

} // namespace tc::mp
