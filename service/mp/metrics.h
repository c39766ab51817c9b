#pragma once

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace tc::mp {

// The management point's counters and latency histograms, in the Prometheus
// text exposition format (version 0.0.4). Safe from any thread.
class Metrics
{
public:
    // One answered request: its listener, route (a fixed label, never the
    // path as sent), status, refusal code (empty when none) and duration.
    void record(const std::string &listener, const std::string &route, int status, const std::string &code,
                std::chrono::microseconds duration);
    // Connections open now, read when /metrics is rendered.
    void setOpenConnections(std::size_t count);

    std::string render() const;

private:
    static constexpr std::array<double, 12> kBuckets
        = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
    struct Histogram
    {
        std::array<unsigned long long, kBuckets.size()> counts{};
        unsigned long long count = 0;
        double sum = 0;
    };

    mutable std::mutex m_mutex;
    std::map<std::string, unsigned long long> m_requests; // label set -> count
    std::map<std::string, unsigned long long> m_refusals; // code -> count
    std::map<std::string, Histogram> m_latency;           // route -> histogram
    unsigned long long m_registrations = 0;
    unsigned long long m_renewals = 0;
    std::size_t m_openConnections = 0;
};

} // namespace tc::mp
