#include "strictjson.h"

#include <QJsonArray>
#include <QSet>
#include <QVariant>

#include <cmath>
#include <forward_list>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <QVarLengthArray>

namespace tc::strictjson {

namespace {

// What the parser builds. TreeSink makes Qt JSON values (parseObject);
// ScanSink builds nothing, only checks member names for duplicates and hands
// each top-level member to a MemberVisitor (scanObject). Both run the very same
// grammar below, so they accept and refuse exactly the same texts.
struct TreeSink
{
    static constexpr bool kTree = true;
    using Value = QJsonValue;
    using String = QString;
    QSet<QString> *integerMembers = nullptr;
};

struct ScanSink
{
    static constexpr bool kTree = false;
    struct Value
    {
        MemberKind kind = MemberKind::Null;
        qint64 integer = 0;
    };
    using String = std::string;
    MemberVisitor *visitor = nullptr;
    // Strings without escapes are views of the text itself; one with escapes
    // is decoded into `decoded` (a value: reported before the next string) or,
    // for a member name, into a string of its own in `escapedNames`.
    std::string decoded;
    std::forward_list<std::string> escapedNames;
    std::string_view value; // the last string value
    // The member names of the objects being parsed, for duplicate checks.
    QVarLengthArray<std::string_view, 64> names;
};

void appendCodePoint(QString &out, char32_t cp)
{
    out.append(QString::fromUcs4(&cp, 1));
}

void appendCodePoint(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xc0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xe0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(char(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(char(0xf0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(char(0x80 | (cp & 0x3f)));
    }
}

template <class Sink>
class Parser
{
public:
    using Value = typename Sink::Value;
    using String = typename Sink::String;

    Parser(QByteArrayView text, Sink &sink) : m_p(text.data()), m_end(text.data() + text.size()), m_sink(sink) { }

    // Parses the whole text; on failure, error() says why.
    bool run(Value &value)
    {
        skipSpace();
        if (m_p == m_end || *m_p != '{')
            return fail("The JSON text is not an object.");
        if (!parseValue(value, 0))
            return false;
        skipSpace();
        if (m_p != m_end)
            return fail("The JSON object is followed by more text.");
        return true;
    }

    const char *error() const { return m_error; }

private:
    bool fail(const char *why)
    {
        if (!m_error)
            m_error = why;
        return false;
    }

    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *word)
    {
        for (const char *w = word; *w; ++w, ++m_p) {
            if (m_p == m_end || *m_p != *w)
                return fail("The JSON text has an unknown literal.");
        }
        return true;
    }

    static Value scalar(MemberKind kind, [[maybe_unused]] const QJsonValue &tree)
    {
        if constexpr (Sink::kTree)
            return tree;
        else
            return Value{kind, 0};
    }

    bool parseValue(Value &out, int depth)
    {
        skipSpace();
        if (m_p == m_end)
            return fail("The JSON text ends early.");
        switch (*m_p) {
        case '{': return parseObject(out, depth + 1);
        case '[': return parseArray(out, depth + 1);
        case '"':
            if constexpr (Sink::kTree) {
                QString s;
                if (!parseString(s))
                    return false;
                out = s;
            } else {
                if (!scanString(m_sink.value))
                    return false;
                out = Value{MemberKind::String, 0};
            }
            return true;
        case 't': out = scalar(MemberKind::Bool, true); return literal("true");
        case 'f': out = scalar(MemberKind::Bool, false); return literal("false");
        case 'n': out = scalar(MemberKind::Null, QJsonValue::Null); return literal("null");
        default: return parseNumber(out);
        }
    }

    // Scan mode: names of the open objects live in m_sink.names, one span each;
    // an object's spans start at `first` and are dropped when it closes.
    bool addScannedName(qsizetype first, std::string_view name)
    {
        for (qsizetype i = first; i < m_sink.names.size(); ++i) {
            if (m_sink.names[i] == name)
                return false;
        }
        m_sink.names.append(name);
        return true;
    }

    void closeScannedObject(qsizetype first) { m_sink.names.resize(first); }

    bool parseObject(Value &out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("The JSON text is nested too deeply.");
        ++m_p; // '{'
        [[maybe_unused]] QJsonObject object;
        [[maybe_unused]] qsizetype first = 0;
        if constexpr (!Sink::kTree)
            first = m_sink.names.size();
        auto finish = [&] {
            if constexpr (Sink::kTree) {
                out = object;
            } else {
                closeScannedObject(first);
                out = Value{MemberKind::Object, 0};
            }
            return true;
        };
        skipSpace();
        if (m_p != m_end && *m_p == '}') {
            ++m_p;
            return finish();
        }
        for (;;) {
            skipSpace();
            if (m_p == m_end || *m_p != '"')
                return fail("A JSON member name is not a string.");
            [[maybe_unused]] QString name;
            if constexpr (Sink::kTree) {
                if (!parseString(name))
                    return false;
                if (object.contains(name))
                    return fail("The JSON object has a duplicate member name.");
            } else {
                std::string_view scanned;
                if (!scanString(scanned))
                    return false;
                if (scanned.data() == m_sink.decoded.data()) { // escaped: keep a copy
                    m_sink.escapedNames.emplace_front(scanned);
                    scanned = m_sink.escapedNames.front();
                }
                if (!addScannedName(first, scanned))
                    return fail("The JSON object has a duplicate member name.");
            }
            if (++m_members > kMaxMembers)
                return fail("The JSON text has too many members.");
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return fail("A JSON member has no ':'.");
            ++m_p;
            Value value;
            m_integerLexeme = false;
            if (!parseValue(value, depth))
                return false;
            if constexpr (Sink::kTree) {
                // Qt stores 1.0 as an integer too; only the text tells them apart.
                if (depth == 1 && m_sink.integerMembers && value.isDouble() && m_integerLexeme)
                    m_sink.integerMembers->insert(name);
                object.insert(name, value);
            } else if (depth == 1 && m_sink.visitor) {
                Member member;
                member.name = m_sink.names.back();
                member.kind = value.kind;
                member.integer = value.integer;
                if (value.kind == MemberKind::String)
                    member.text = m_sink.value;
                m_sink.visitor->member(member);
            }
            skipSpace();
            if (m_p == m_end)
                return fail("The JSON text ends early.");
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                return finish();
            }
            return fail("The JSON object has a syntax error.");
        }
    }

    bool parseArray(Value &out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("The JSON text is nested too deeply.");
        ++m_p; // '['
        [[maybe_unused]] QJsonArray array;
        auto finish = [&] {
            if constexpr (Sink::kTree)
                out = array;
            else
                out = Value{MemberKind::Array, 0};
            return true;
        };
        skipSpace();
        if (m_p != m_end && *m_p == ']') {
            ++m_p;
            return finish();
        }
        for (;;) {
            Value value;
            if (!parseValue(value, depth))
                return false;
            if (++m_members > kMaxMembers)
                return fail("The JSON text has too many members.");
            if constexpr (Sink::kTree)
                array.append(value);
            skipSpace();
            if (m_p == m_end)
                return fail("The JSON text ends early.");
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == ']') {
                ++m_p;
                return finish();
            }
            return fail("The JSON array has a syntax error.");
        }
    }

    bool hex4(unsigned &v)
    {
        v = 0;
        for (int i = 0; i < 4; ++i, ++m_p) {
            if (m_p == m_end)
                return fail("A JSON escape ends early.");
            const char c = *m_p;
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= unsigned(c - 'A' + 10);
            else
                return fail("A JSON \\u escape is not hexadecimal.");
        }
        return true;
    }

    // Decodes one UTF-8 sequence starting at m_p, refusing everything that is not
    // the shortest form of a Unicode scalar value.
    bool utf8(char32_t &cp)
    {
        const auto b0 = static_cast<unsigned char>(*m_p);
        int extra;
        char32_t min;
        if (b0 < 0x80) {
            cp = b0;
            ++m_p;
            return true;
        } else if ((b0 & 0xe0) == 0xc0) {
            extra = 1, cp = b0 & 0x1f, min = 0x80;
        } else if ((b0 & 0xf0) == 0xe0) {
            extra = 2, cp = b0 & 0x0f, min = 0x800;
        } else if ((b0 & 0xf8) == 0xf0) {
            extra = 3, cp = b0 & 0x07, min = 0x10000;
        } else {
            return fail("The JSON text is not valid UTF-8.");
        }
        ++m_p;
        for (int i = 0; i < extra; ++i, ++m_p) {
            if (m_p == m_end || (static_cast<unsigned char>(*m_p) & 0xc0) != 0x80)
                return fail("The JSON text is not valid UTF-8.");
            cp = (cp << 6) | (static_cast<unsigned char>(*m_p) & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return fail("The JSON text is not valid UTF-8.");
        return true;
    }

    // Scan mode: a view of the string as written when it has no escapes (the
    // usual case: no copy), else of its decoding in m_sink.decoded. The checks
    // are parseString()'s, in the same order.
    bool scanString(std::string_view &out)
    {
        ++m_p; // opening quote
        const char *start = m_p;
        for (;;) {
            if (m_p == m_end)
                return fail("A JSON string is not terminated.");
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                out = std::string_view(start, size_t(m_p - start));
                ++m_p;
                return true;
            }
            if (c == '\\')
                break;
            if (c < 0x20)
                return fail("A JSON string contains a control character.");
            if (c < 0x80) {
                ++m_p;
                continue;
            }
            char32_t cp;
            if (!utf8(cp))
                return false;
        }
        m_sink.decoded.assign(start, size_t(m_p - start));
        if (!stringBody(m_sink.decoded))
            return false;
        out = m_sink.decoded;
        return true;
    }

    // Decodes a string into out (QString for trees, UTF-8 bytes for scans).
    bool parseString(String &out)
    {
        ++m_p; // opening quote
        out.clear();
        return stringBody(out);
    }

    // The rest of a string, from m_p to past the closing quote, appended to out.
    bool stringBody(String &out)
    {
        for (;;) {
            if (m_p == m_end)
                return fail("A JSON string is not terminated.");
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return fail("A JSON string contains a control character.");
            if (c != '\\') {
                if constexpr (Sink::kTree) {
                    char32_t cp;
                    if (!utf8(cp))
                        return false;
                    appendCodePoint(out, cp);
                } else {
                    // Valid UTF-8 is copied as written: it is the code point's only encoding.
                    const char *begin = m_p;
                    char32_t cp;
                    if (!utf8(cp))
                        return false;
                    out.append(begin, size_t(m_p - begin));
                }
                continue;
            }
            ++m_p;
            if (m_p == m_end)
                return fail("A JSON escape ends early.");
            const char e = *m_p++;
            switch (e) {
            case '"': appendCodePoint(out, U'"'); break;
            case '\\': appendCodePoint(out, U'\\'); break;
            case '/': appendCodePoint(out, U'/'); break;
            case 'b': appendCodePoint(out, U'\b'); break;
            case 'f': appendCodePoint(out, U'\f'); break;
            case 'n': appendCodePoint(out, U'\n'); break;
            case 'r': appendCodePoint(out, U'\r'); break;
            case 't': appendCodePoint(out, U'\t'); break;
            case 'u': {
                unsigned hi;
                if (!hex4(hi))
                    return false;
                if (hi >= 0xdc00 && hi <= 0xdfff)
                    return fail("A JSON string has a lone surrogate escape.");
                if (hi >= 0xd800 && hi <= 0xdbff) {
                    unsigned lo;
                    if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                        return fail("A JSON string has a lone surrogate escape.");
                    m_p += 2;
                    if (!hex4(lo))
                        return false;
                    if (lo < 0xdc00 || lo > 0xdfff)
                        return fail("A JSON string has a lone surrogate escape.");
                    const char32_t cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                    appendCodePoint(out, cp);
                } else {
                    appendCodePoint(out, char32_t(hi));
                }
                break;
            }
            default: return fail("A JSON string has an unknown escape.");
            }
        }
    }

    bool parseNumber(Value &out)
    {
        const char *start = m_p;
        bool integral = true;
        if (m_p != m_end && *m_p == '-')
            ++m_p;
        if (m_p == m_end || *m_p < '0' || *m_p > '9')
            return fail("The JSON text has an unexpected character.");
        if (*m_p == '0') {
            ++m_p;
        } else {
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p != m_end && *m_p == '.') {
            integral = false;
            ++m_p;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return fail("A JSON number has no digits after '.'.");
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            integral = false;
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return fail("A JSON number has no exponent digits.");
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        const QByteArrayView lexeme(start, m_p - start);
        if (integral && lexeme.size() <= 19) {
            bool ok = false;
            const qlonglong v = lexeme.toLongLong(&ok);
            if (ok) {
                m_integerLexeme = true;
                if constexpr (Sink::kTree)
                    out = QJsonValue(qint64(v));
                else
                    out = Value{MemberKind::Integer, qint64(v)};
                return true;
            }
        }
        // QByteArray::toDouble always reads '.' as the decimal point; strtod would
        // follow the process locale, which QCoreApplication sets from the environment.
        bool ok = false;
        const double d = lexeme.toByteArray().toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return fail("A JSON number is out of range.");
        if constexpr (Sink::kTree)
            out = QJsonValue(d);
        else
            out = Value{MemberKind::Number, 0};
        return true;
    }

    const char *m_p;
    const char *m_end;
    Sink &m_sink;
    bool m_integerLexeme = false; // the last number parsed was written as an integer
    int m_members = 0;
    const char *m_error = nullptr;
};

} // namespace

Result<QJsonObject> parseObject(QByteArrayView text)
{
    return parseObject(text, nullptr);
}

Result<QJsonObject> parseObject(QByteArrayView text, QSet<QString> *integerMembers)
{
    if (integerMembers)
        integerMembers->clear();
    TreeSink sink{integerMembers};
    Parser<TreeSink> parser(text, sink);
    QJsonValue value;
    if (!parser.run(value)) {
        if (integerMembers)
            integerMembers->clear();
        return Error{QString::fromLatin1(parser.error())};
    }
    return value.toObject();
}

Status scanObject(QByteArrayView text, MemberVisitor &visitor)
{
    ScanSink sink;
    sink.visitor = &visitor;
    Parser<ScanSink> parser(text, sink);
    ScanSink::Value value;
    if (!parser.run(value))
        return Error{QString::fromLatin1(parser.error())};
    return {};
}

bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toVariant().typeId() == QMetaType::LongLong;
}

} // namespace tc::strictjson
