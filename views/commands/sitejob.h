#pragma once

#include "result.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <functional>

namespace tc {

class Site;

// Long work (blocking ten thousand tokens, renewing, exporting a million rows)
// runs here, off the GUI thread. Qt SQL connections belong to the thread that
// opened them, so the worker opens its own connection to the site inside the
// worker thread and closes it there; the result comes back on the GUI thread.
class SiteJob : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        bool ok = false;
        QString message;
    };
    // Runs on the worker thread with the worker's own Site; returns one sentence.
    using Work = std::function<Result<QString>(Site &site, SiteJob &job)>;

    // Starts work at once. The job deletes itself after finished().
    static SiteJob *start(const Site &site, Work work, QObject *parent = nullptr);
    // Waits for the worker, so the site it reads outlives it.
    ~SiteJob() override;

    // Worker side: report progress (thread-safe) and look for cancellation.
    void setProgress(qint64 done, qint64 total);
    bool isCanceled() const { return m_canceled.load(); }

    // GUI side.
    void cancel() { m_canceled.store(true); }
    void waitForFinished();

signals:
    void progressChanged(qint64 done, qint64 total);
    void finished(bool ok, const QString &message);

private:
    explicit SiteJob(QObject *parent);

    QFutureWatcher<Outcome> m_watcher;
    QFuture<Outcome> m_future;
    std::atomic_bool m_canceled{false};
};

} // namespace tc
