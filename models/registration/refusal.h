#pragma once

// The management point's refusal codes beyond the verification reasons of
// reasonCode() (DESIGN.md section 5). Stable: devices and scripts match them.

namespace tc::refusal {

inline constexpr auto kBadRequest = "bad-request";
inline constexpr auto kMalformed = "malformed";
inline constexpr auto kBulkTokenRequired = "bulk-token-required";
inline constexpr auto kClientCertificateRequired = "client-certificate-required";
inline constexpr auto kClientCertificateInvalid = "client-certificate-invalid";
inline constexpr auto kCertificateMismatch = "certificate-mismatch";
inline constexpr auto kDeviceBlocked = "device-blocked";
inline constexpr auto kDevicePendingApproval = "device-pending-approval";
inline constexpr auto kDeviceUnknown = "device-unknown";
inline constexpr auto kUsageLimitReached = "usage-limit-reached";
inline constexpr auto kTooEarly = "too-early";
inline constexpr auto kTooManyRequests = "too-many-requests";
inline constexpr auto kRequestTooLarge = "request-too-large";
inline constexpr auto kHeadersTooLarge = "request-too-large"; // answered 431
inline constexpr auto kUnavailable = "unavailable";
inline constexpr auto kNotFound = "not-found"; // no such request path

} // namespace tc::refusal
