#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tc {

// A failure with one sentence that can be shown to an administrator.
struct Error
{
    QString message;
};

// The value of an operation that can fail. Crypto and storage code return these
// instead of throwing; the command boundary turns an Error into a message.
template <class T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

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
    Error takeError() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error->message; }
    Error takeError() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace tc
