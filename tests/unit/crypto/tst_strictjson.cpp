// The strict JSON parser the verifier reads token headers and payloads with.
#include "strictjson.h"

#include <QJsonArray>
#include <QTest>
#include <QVariant>

#include <limits>

using namespace tc;

class TestStrictJson : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();

    void escapesDecoded();

    void refuses_data();
    void refuses();

    void tooManyMembers();

    void integerVersusDouble_data();
    void integerVersusDouble();

    void integersKeepAll64Bits();
    void integerMembersAsWritten();
    void nonNumbersAreNotIntegers();

    void scanReportsTopLevelMembers();
    void scanNamesAreScopedPerObject();
};

// moc's tokenizer misreads some raw string literals; it only needs the declarations.
#ifndef Q_MOC_RUN

namespace {

// Records what scanObject() reports, as "name=kind:value" lines.
struct Recorder final : strictjson::MemberVisitor
{
    QStringList seen;
    void member(const strictjson::Member &m) override
    {
        static const char *const kKinds[] = {"string", "integer", "number", "bool", "null", "object", "array"};
        QString line = QString::fromUtf8(m.name.data(), qsizetype(m.name.size())) + QLatin1Char('=')
            + QLatin1String(kKinds[int(m.kind)]);
        if (m.kind == strictjson::MemberKind::String)
            line += QLatin1Char(':') + QString::fromUtf8(m.text.data(), qsizetype(m.text.size()));
        if (m.kind == strictjson::MemberKind::Integer)
            line += QLatin1Char(':') + QString::number(m.integer);
        seen << line;
    }
};

} // namespace

void TestStrictJson::accepts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("members");
    QTest::newRow("empty object") << QByteArray("{}") << 0;
    QTest::newRow("whitespace") << QByteArray(" \t\r\n{ \"a\" : 1 }\n") << 1;
    QTest::newRow("all types") << QByteArray(
        R"({"s":"x","n":1,"d":1.5,"t":true,"f":false,"z":null,"a":[1,"2"],"o":{}})")
                               << 8;
    QTest::newRow("escapes") << QByteArray(R"({"e":"\"\\\/\b\f\n\r\t\u00e9\ud83d\udd11"})") << 1;
    QTest::newRow("utf8") << QByteArray("{\"k\":\"J\xc3\xbcrgen \xe2\x82\xac \xf0\x9f\x94\x91\"}") << 1;
    QTest::newRow("depth 8") << QByteArray(R"({"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}})") << 1;
}

void TestStrictJson::accepts()
{
    QFETCH(QByteArray, text);
    QFETCH(int, members);
    auto parsed = strictjson::parseObject(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error()));
    QCOMPARE(parsed->size(), members);
    Recorder scanned;
    QVERIFY(strictjson::scanObject(text, scanned).ok());
    QCOMPARE(scanned.seen.size(), members);
}

void TestStrictJson::escapesDecoded()
{
    auto parsed = strictjson::parseObject(R"({"e":"\"\\\/\b\f\n\r\t\u00e9\ud83d\udd11"})");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->value(QStringLiteral("e")).toString(),
             QStringLiteral("\"\\/\b\f\n\r\t\u00e9") + QString::fromUtf8("\xf0\x9f\x94\x91"));
}

void TestStrictJson::refuses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("array at top") << QByteArray("[1]");
    QTest::newRow("string at top") << QByteArray(R"("x")");
    QTest::newRow("number at top") << QByteArray("1");
    QTest::newRow("duplicate name") << QByteArray(R"({"a":1,"a":2})");
    QTest::newRow("duplicate nested") << QByteArray(R"({"o":{"b":1,"b":1}})");
    QTest::newRow("duplicate by escape") << QByteArray(R"({"a":1,"\u0061":2})");
    QTest::newRow("trailing text") << QByteArray(R"({"a":1} x)");
    QTest::newRow("two objects") << QByteArray("{}{}");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("single quotes") << QByteArray("{'a':1}");
    QTest::newRow("unquoted name") << QByteArray("{a:1}");
    QTest::newRow("comment") << QByteArray("{/*x*/}");
    QTest::newRow("NaN") << QByteArray(R"({"a":NaN})");
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})");
    QTest::newRow("plus sign") << QByteArray(R"({"a":+1})");
    QTest::newRow("bare dot") << QByteArray(R"({"a":1.})");
    QTest::newRow("huge exponent") << QByteArray(R"({"a":1e999})");
    QTest::newRow("control char") << QByteArray("{\"a\":\"x\ty\"}");
    QTest::newRow("unknown escape") << QByteArray(R"({"a":"\x41"})");
    QTest::newRow("lone high surrogate") << QByteArray(R"({"a":"\ud83d"})");
    QTest::newRow("lone low surrogate") << QByteArray(R"({"a":"\udd11"})");
    QTest::newRow("bad utf8 byte") << QByteArray("{\"a\":\"\xff\"}");
    QTest::newRow("overlong utf8") << QByteArray("{\"a\":\"\xc0\xaf\"}");
    QTest::newRow("utf8 surrogate") << QByteArray("{\"a\":\"\xed\xa0\x80\"}");
    QTest::newRow("truncated utf8") << QByteArray("{\"a\":\"\xe2\x82\"}");
    QTest::newRow("above U+10FFFF") << QByteArray("{\"a\":\"\xf4\x90\x80\x80\"}");
    QTest::newRow("unterminated") << QByteArray(R"({"a":"x)");
    QTest::newRow("nul in name") << QByteArray("{\"a\0\":1}", 9);
    QTest::newRow("depth 9") << QByteArray(R"({"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}}})");
    QTest::newRow("deep arrays") << QByteArray("{\"a\":" + QByteArray(100, '[') + QByteArray(100, ']') + "}");
}

void TestStrictJson::refuses()
{
    QFETCH(QByteArray, text);
    auto parsed = strictjson::parseObject(text);
    QVERIFY(!parsed.ok());
    QVERIFY(!parsed.error().isEmpty());
    QVERIFY(parsed.error().endsWith(QLatin1Char('.')));
    // The scanner shares the grammar: the same refusal, in the same words.
    Recorder scanned;
    const Status scan = strictjson::scanObject(text, scanned);
    QVERIFY(!scan.ok());
    QCOMPARE(scan.error(), parsed.error());
}

void TestStrictJson::tooManyMembers()
{
    QByteArray ok = "{";
    for (int i = 0; i < strictjson::kMaxMembers; ++i)
        ok += (i ? ",\"m" : "\"m") + QByteArray::number(i) + "\":0";
    QVERIFY(strictjson::parseObject(ok + "}").ok());
    QVERIFY(!strictjson::parseObject(ok + ",\"extra\":0}").ok());
    Recorder scanned;
    QVERIFY(strictjson::scanObject(ok + "}", scanned).ok());
    QCOMPARE(scanned.seen.size(), strictjson::kMaxMembers);
    QVERIFY(!strictjson::scanObject(ok + ",\"extra\":0}", scanned).ok());
}

void TestStrictJson::integerVersusDouble_data()
{
    QTest::addColumn<QByteArray>("number");
    QTest::addColumn<bool>("integer");
    QTest::addColumn<double>("value");
    QTest::newRow("zero") << QByteArray("0") << true << 0.0;
    QTest::newRow("negative") << QByteArray("-5") << true << -5.0;
    QTest::newRow("unix time") << QByteArray("1796255776") << true << 1796255776.0;
    QTest::newRow("2^53+1") << QByteArray("9007199254740993") << true << 9007199254740992.0;
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << true << 9223372036854775807.0;
    QTest::newRow("beyond int64") << QByteArray("9223372036854775808") << false << 9223372036854775808.0;
    QTest::newRow("fraction") << QByteArray("1.5") << false << 1.5;
    QTest::newRow("fractional exponent") << QByteArray("15e-1") << false << 1.5;
    QTest::newRow("huge exponent") << QByteArray("1e300") << false << 1e300;
    // QJsonObject stores integral doubles as integers (documented in strictjson.h).
    QTest::newRow("integral fraction") << QByteArray("1.0") << true << 1.0;
    QTest::newRow("integral exponent") << QByteArray("1e3") << true << 1000.0;
    QTest::newRow("negative zero") << QByteArray("-0") << true << 0.0;
}

void TestStrictJson::integerVersusDouble()
{
    QFETCH(QByteArray, number);
    QFETCH(bool, integer);
    QFETCH(double, value);
    auto parsed = strictjson::parseObject("{\"n\":" + number + "}");
    QVERIFY(parsed.ok());
    const QJsonValue v = parsed->value(QStringLiteral("n"));
    QVERIFY(v.isDouble());
    QCOMPARE(strictjson::isInteger(v), integer);
    QCOMPARE(v.toDouble(), value);
}

void TestStrictJson::integersKeepAll64Bits()
{
    // Beyond 2^53 a double loses digits; the parser keeps the exact integer.
    auto parsed = strictjson::parseObject(R"({"a":9007199254740993,"b":-9223372036854775808})");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->value(QStringLiteral("a")).toInteger(), Q_INT64_C(9007199254740993));
    QCOMPARE(parsed->value(QStringLiteral("b")).toInteger(), std::numeric_limits<qint64>::min());
}

void TestStrictJson::integerMembersAsWritten()
{
    // Only the overload with integerMembers can tell "exp":1 from "exp":1.0.
    QSet<QString> integers;
    auto parsed = strictjson::parseObject(
        R"({"a":1,"b":1.0,"c":1e3,"d":"1","e":9223372036854775808,"f":-7,"o":{"x":1},"l":[1]})", &integers);
    QVERIFY(parsed.ok());
    QCOMPARE(integers, (QSet<QString>{QStringLiteral("a"), QStringLiteral("f")}));
    QVERIFY(strictjson::isInteger(parsed->value(QStringLiteral("b")))); // while the value alone cannot
    QVERIFY(!strictjson::parseObject(R"({"a":1,"a":2})", &integers).ok());
}

void TestStrictJson::nonNumbersAreNotIntegers()
{
    auto parsed = strictjson::parseObject(R"({"s":"1","b":true,"z":null,"a":[1]})");
    QVERIFY(parsed.ok());
    for (const QString &k : parsed->keys())
        QVERIFY2(!strictjson::isInteger(parsed->value(k)), qPrintable(k));
}

void TestStrictJson::scanReportsTopLevelMembers()
{
    Recorder r;
    const QByteArray text = R"({"s":"J\u00fcrgen \ud83d\udd11","u":")" + QByteArray("\xe2\x82\xac")
        + R"(","\u0061lg":"RS256","i":-7,"big":9223372036854775808,"one":1.0,"e":1e3,"t":true,"z":null,)"
          R"("o":{"x":1,"y":"hidden"},"l":[1,"2"]})";
    QVERIFY(strictjson::scanObject(text, r).ok());
    const QStringList expected{
        QStringLiteral("s=string:J\u00fcrgen ") + QString::fromUtf8("\xf0\x9f\x94\x91"),
        QStringLiteral("u=string:\u20ac"),
        QStringLiteral("alg=string:RS256"),
        QStringLiteral("i=integer:-7"),
        QStringLiteral("big=number"),
        QStringLiteral("one=number"), // written with a fraction: not an integer claim
        QStringLiteral("e=number"),
        QStringLiteral("t=bool"),
        QStringLiteral("z=null"),
        QStringLiteral("o=object"),
        QStringLiteral("l=array"),
    };
    QCOMPARE(r.seen, expected);
}

void TestStrictJson::scanNamesAreScopedPerObject()
{
    // The same name in different objects is no duplicate; within one it is,
    // also after a nested object closed.
    for (const char *ok : {R"({"a":{"a":1}})", R"({"o":{"a":1},"p":{"a":1}})", R"({"a":{"b":1},"b":2})",
                           R"({"l":[{"a":1},{"a":2}],"a":3})"}) {
        Recorder r;
        QVERIFY2(strictjson::scanObject(ok, r).ok(), ok);
        QVERIFY2(strictjson::parseObject(ok).ok(), ok);
    }
    for (const char *bad : {R"({"a":{"b":1},"a":2})", R"({"o":{"b":{"c":1},"b":1}})", R"({"l":[{"a":1,"a":2}]})"}) {
        Recorder r;
        QVERIFY2(!strictjson::scanObject(bad, r).ok(), bad);
        QVERIFY2(!strictjson::parseObject(bad).ok(), bad);
    }
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestStrictJson)
#include "tst_strictjson.moc"
