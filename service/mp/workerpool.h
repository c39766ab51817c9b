#pragma once

#include "registrar.h"
#include "result.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace tc::mp {

// Threads that each own a connection to the site database and a Registrar
// on it (Qt SQL connections belong to one thread), taking jobs from one queue.
// The io threads never wait for the database: they hand requests here.
class WorkerPool
{
public:
    using Job = std::function<void(Registrar *)>; // null registrar: the worker has no site

    WorkerPool(QString siteFolder, Registrar::Options options, int threads, std::size_t maxQueued);
    ~WorkerPool();

    // Opens the site in every worker; the first failure is the error.
    Status start();
    // false when maxQueued jobs wait already (the caller answers 429).
    bool submit(Job job);
    // Runs what is queued, then ends the threads.
    void stop();

private:
    void run(std::promise<Status> *opened);

    QString m_folder;
    Registrar::Options m_options;
    int m_threadCount;
    std::size_t m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace tc::mp
