#include "metrics.h"

#include <sstream>

namespace tc::mp {

void Metrics::record(const std::string &listener, const std::string &route, int status, const std::string &code,
                     std::chrono::microseconds duration)
{
    const double seconds = double(duration.count()) / 1e6;
    std::lock_guard lock(m_mutex);
    ++m_requests["listener=\"" + listener + "\",route=\"" + route + "\",status=\"" + std::to_string(status) + "\""];
    if (!code.empty())
        ++m_refusals[code];
    if (route == "/v1/registrations" && (status == 200 || status == 201))
        ++m_registrations;
    if (route == "/v1/renewals" && status == 200)
        ++m_renewals;
    Histogram &h = m_latency[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            ++h.counts[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::setOpenConnections(std::size_t count)
{
    std::lock_guard lock(m_mutex);
    m_openConnections = count;
}

std::string Metrics::render() const
{
    std::lock_guard lock(m_mutex);
    std::ostringstream out;
    out << "# HELP tokenconsole_mp_requests_total Requests answered, by listener, route and status.\n"
           "# TYPE tokenconsole_mp_requests_total counter\n";
    for (const auto &[labels, count] : m_requests)
        out << "tokenconsole_mp_requests_total{" << labels << "} " << count << '\n';
    out << "# HELP tokenconsole_mp_refusals_total Refusals, by code.\n"
           "# TYPE tokenconsole_mp_refusals_total counter\n";
    for (const auto &[code, count] : m_refusals)
        out << "tokenconsole_mp_refusals_total{code=\"" << code << "\"} " << count << '\n';
    out << "# HELP tokenconsole_mp_registrations_total Devices that received a client token by registering.\n"
           "# TYPE tokenconsole_mp_registrations_total counter\n"
           "tokenconsole_mp_registrations_total "
        << m_registrations << '\n';
    out << "# HELP tokenconsole_mp_renewals_total Client tokens renewed.\n"
           "# TYPE tokenconsole_mp_renewals_total counter\n"
           "tokenconsole_mp_renewals_total "
        << m_renewals << '\n';
    out << "# HELP tokenconsole_mp_open_connections TLS connections open now.\n"
           "# TYPE tokenconsole_mp_open_connections gauge\n"
           "tokenconsole_mp_open_connections "
        << m_openConnections << '\n';
    out << "# HELP tokenconsole_mp_request_duration_seconds Time from a request's first byte to its answer.\n"
           "# TYPE tokenconsole_mp_request_duration_seconds histogram\n";
    for (const auto &[route, h] : m_latency) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "tokenconsole_mp_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i]
                << "\"} " << h.counts[i] << '\n';
        out << "tokenconsole_mp_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count
            << '\n';
        out << "tokenconsole_mp_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << '\n';
        out << "tokenconsole_mp_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << '\n';
    }
    return out.str();
}

} // namespace tc::mp
