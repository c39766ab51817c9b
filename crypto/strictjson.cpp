#include "strictjson.h"

#include <QJsonArray>
#include <QSet>
#include <QVariant>

#include <cmath>
#include <limits>

namespace tc::strictjson {

namespace {

class Parser
{
public:
    Parser(QByteArrayView text, QSet<QString> *integerMembers)
        : m_p(text.data()), m_end(text.data() + text.size()), m_integerMembers(integerMembers)
    {
    }

    Result<QJsonObject> run()
    {
        skipSpace();
        if (m_p == m_end || *m_p != '{')
            return Error{QStringLiteral("The JSON text is not an object.")};
        QJsonValue value;
        if (!parseValue(value, 0))
            return Error{m_error};
        skipSpace();
        if (m_p != m_end)
            return Error{QStringLiteral("The JSON object is followed by more text.")};
        return value.toObject();
    }

private:
    bool fail(const char *why)
    {
        if (m_error.isEmpty())
            m_error = QString::fromLatin1(why);
        return false;
    }

    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *word, QJsonValue value, QJsonValue &out)
    {
        for (const char *w = word; *w; ++w, ++m_p) {
            if (m_p == m_end || *m_p != *w)
                return fail("The JSON text has an unknown literal.");
        }
        out = value;
        return true;
    }

    bool parseValue(QJsonValue &out, int depth)
    {
        skipSpace();
        if (m_p == m_end)
            return fail("The JSON text ends early.");
        switch (*m_p) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"': {
            QString s;
            if (!parseString(s))
                return false;
            out = s;
            return true;
        }
        case 't':
            return literal("true", true, out);
        case 'f':
            return literal("false", false, out);
        case 'n':
            return literal("null", QJsonValue::Null, out);
        default:
            return parseNumber(out);
        }
    }

    bool parseObject(QJsonValue &out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("The JSON text is nested too deeply.");
        ++m_p; // '{'
        QJsonObject object;
        skipSpace();
        if (m_p != m_end && *m_p == '}') {
            ++m_p;
            out = object;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_p == m_end || *m_p != '"')
                return fail("A JSON member name is not a string.");
            QString name;
            if (!parseString(name))
                return false;
            if (object.contains(name))
                return fail("The JSON object has a duplicate member name.");
            if (++m_members > kMaxMembers)
                return fail("The JSON text has too many members.");
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return fail("A JSON member has no ':'.");
            ++m_p;
            QJsonValue value;
            m_integerLexeme = false;
            if (!parseValue(value, depth))
                return false;
            // Qt stores 1.0 as an integer too; only the text tells them apart.
            if (depth == 1 && m_integerMembers && value.isDouble() && m_integerLexeme)
                m_integerMembers->insert(name);
            object.insert(name, value);
            skipSpace();
            if (m_p == m_end)
                return fail("The JSON text ends early.");
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                out = object;
                return true;
            }
            return fail("The JSON object has a syntax error.");
        }
    }

    bool parseArray(QJsonValue &out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("The JSON text is nested too deeply.");
        ++m_p; // '['
        QJsonArray array;
        skipSpace();
        if (m_p != m_end && *m_p == ']') {
            ++m_p;
            out = array;
            return true;
        }
        for (;;) {
            QJsonValue value;
            if (!parseValue(value, depth))
                return false;
            if (++m_members > kMaxMembers)
                return fail("The JSON text has too many members.");
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
                out = array;
                return true;
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

    bool parseString(QString &out)
    {
        ++m_p; // opening quote
        out.clear();
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
                char32_t cp;
                if (!utf8(cp))
                    return false;
                out.append(QString::fromUcs4(&cp, 1));
                continue;
            }
            ++m_p;
            if (m_p == m_end)
                return fail("A JSON escape ends early.");
            const char e = *m_p++;
            switch (e) {
            case '"': out.append(QLatin1Char('"')); break;
            case '\\': out.append(QLatin1Char('\\')); break;
            case '/': out.append(QLatin1Char('/')); break;
            case 'b': out.append(QLatin1Char('\b')); break;
            case 'f': out.append(QLatin1Char('\f')); break;
            case 'n': out.append(QLatin1Char('\n')); break;
            case 'r': out.append(QLatin1Char('\r')); break;
            case 't': out.append(QLatin1Char('\t')); break;
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
                    out.append(QString::fromUcs4(&cp, 1));
                } else {
                    out.append(QChar(char16_t(hi)));
                }
                break;
            }
            default:
                return fail("A JSON string has an unknown escape.");
            }
        }
    }

    bool parseNumber(QJsonValue &out)
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
        const QByteArray lexeme(start, m_p - start);
        if (integral && lexeme.size() <= 19) {
            bool ok = false;
            const qlonglong v = lexeme.toLongLong(&ok);
            if (ok) {
                m_integerLexeme = true;
                out = QJsonValue(qint64(v));
                return true;
            }
        }
        // QByteArray::toDouble always reads '.' as the decimal point; strtod would
        // follow the process locale, which QCoreApplication sets from the environment.
        bool ok = false;
        const double d = lexeme.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return fail("A JSON number is out of range.");
        out = QJsonValue(d);
        return true;
    }

    const char *m_p;
    const char *m_end;
    QSet<QString> *m_integerMembers;
    bool m_integerLexeme = false; // the last number parsed was written as an integer
    int m_members = 0;
    QString m_error;
};

} // namespace

Result<QJsonObject> parseObject(QByteArrayView text)
{
    return Parser(text, nullptr).run();
}

Result<QJsonObject> parseObject(QByteArrayView text, QSet<QString> *integerMembers)
{
    if (integerMembers)
        integerMembers->clear();
    auto parsed = Parser(text, integerMembers).run();
    if (!parsed && integerMembers)
        integerMembers->clear();
    return parsed;
}

bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toVariant().typeId() == QMetaType::LongLong;
}

} // namespace tc::strictjson
