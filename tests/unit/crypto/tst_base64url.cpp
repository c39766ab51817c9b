#include "base64url.h"

#include <QTest>

using namespace tc;

class TestBase64Url : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("f") << QByteArray("f") << QByteArray("Zg");
        QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8");
        QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
        QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg");
        QTest::newRow("high bytes") << QByteArray("\xfb\xff\xfe", 3) << QByteArray("-__-");
        QTest::newRow("rfc7515 header") << QByteArray("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}")
                                        << QByteArray("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, text);
        QCOMPARE(base64url::encode(bytes), text);
        const auto decoded = base64url::decode(text);
        QVERIFY(decoded.has_value());
        QCOMPARE(*decoded, bytes);
    }

    void allLengthsRoundTrip()
    {
        QByteArray bytes;
        for (int n = 0; n < 70; ++n) {
            const auto decoded = base64url::decode(base64url::encode(bytes));
            QVERIFY(decoded);
            QCOMPARE(*decoded, bytes);
            bytes.append(char(n * 37 + 11));
        }
    }

    void refusesNonStrict_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("padding") << QByteArray("Zg==");
        QTest::newRow("single pad") << QByteArray("Zm8=");
        QTest::newRow("plus") << QByteArray("-+_-");
        QTest::newRow("slash") << QByteArray("-/_-");
        QTest::newRow("space") << QByteArray("Zm9 v");
        QTest::newRow("newline") << QByteArray("Zm9v\n");
        QTest::newRow("length 1 mod 4") << QByteArray("Zm9vY");
        QTest::newRow("non-canonical 2 bits") << QByteArray("Zh");  // 'h' leaves low bits set
        QTest::newRow("non-canonical 4 bits") << QByteArray("Zm9"); // '9' leaves low bits set
        QTest::newRow("nul") << QByteArray("Zm\0v", 4);
        QTest::newRow("utf8") << QByteArray("Zm\xc3\xa9v");
    }
    void refusesNonStrict()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!base64url::decode(text).has_value());
    }
};

QTEST_GUILESS_MAIN(TestBase64Url)
#include "tst_base64url.moc"
