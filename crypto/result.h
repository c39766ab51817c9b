#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tc {

// What kind of failure an Error is, so that callers decide by kind, never by
// matching the sentence (a service maps kinds to HTTP statuses: InvalidInput
// 400, NotFound 404, Conflict 409, Busy 503, the rest 500).
enum class ErrorKind {
    Failed,       // none of the below
    InvalidInput, // the caller's input is refused (a lifetime of 0, a mangled GUID)
    NotFound,     // what was named does not exist
    Conflict,     // the request collides with what is stored (a unique value taken)
    Busy,         // another program held the database past the busy timeout; try again
    Corrupt,      // a damaged or foreign file or database
    Io,           // the disk or the file system failed (full, read-only, I/O error)
    Crypto,       // OpenSSL refused (a bad key or certificate)
};

// A failure with one sentence that can be shown to an administrator, and its kind.
struct Error
{
    QString message;
    ErrorKind kind = ErrorKind::Failed;
};

// The value of an operation that can fail. Crypto and storage code return these
// instead of throwing; the command boundary turns an Error into a message.
template <class T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) { }
    Result(Error error) : m_state(std::move(error)) { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &std::get<0>(m_state); }
    T *operator->() { return &std::get<0>(m_state); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }

    const QString &error() const { return std::get<1>(m_state).message; }
    ErrorKind errorKind() const { return std::get<1>(m_state).kind; }
    Error takeError() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error->message; }
    ErrorKind errorKind() const { return m_error->kind; }
    Error takeError() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace tc
