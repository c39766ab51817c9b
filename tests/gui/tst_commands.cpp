// Every command's enable rule is its declared restrictions, and a disabled
// action's tooltip is the sentence of the first one unmet.
#include "blocktokenscommand.h"
#include "command.h"
#include "copyguidcommand.h"
#include "createtokencommand.h"
#include "propertiescommand.h"
#include "refreshcommand.h"

#include <QTest>

using namespace tc;

namespace {

CredentialRecord token(bool blocked)
{
    CredentialRecord r;
    r.kind = CredentialKind::BulkToken;
    r.state = blocked ? CredentialState::Blocked : CredentialState::Active;
    return r;
}

CredentialRecord certificate()
{
    CredentialRecord r;
    r.kind = CredentialKind::TokenSigning;
    return r;
}

// A context with no site: these checks never run a command.
class NoContext : public CommandContext
{
public:
    Site &site() override { std::abort(); }
    CredentialListModel &listModel() override { std::abort(); }
    QList<CredentialRecord> selectedRecords() const override { return selection; }
    QWidget *dialogParent() override { return nullptr; }
    void showStatusMessage(const QString &) override { }
    QList<CredentialRecord> selection;
};

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

private slots:
    void firstUnmetInOrder_data()
    {
        QTest::addColumn<int>("restrictions");
        QTest::addColumn<QList<CredentialRecord>>("selection");
        QTest::addColumn<int>("unmet");
        const int all = Command::NeedSelection | Command::AnyToken | Command::OnlyTokens | Command::AnyUnblockedToken;
        QTest::newRow("none needed") << int(Command::NoRestriction) << QList<CredentialRecord>{}
                                     << int(Command::NoRestriction);
        QTest::newRow("empty") << all << QList<CredentialRecord>{} << int(Command::NeedSelection);
        QTest::newRow("certificate") << all << QList<CredentialRecord>{certificate()} << int(Command::AnyToken);
        QTest::newRow("mixed") << all << QList<CredentialRecord>{token(false), certificate()}
                               << int(Command::OnlyTokens);
        QTest::newRow("all blocked") << all << QList<CredentialRecord>{token(true), token(true)}
                                     << int(Command::AnyUnblockedToken);
        QTest::newRow("one to block") << all << QList<CredentialRecord>{token(true), token(false)}
                                      << int(Command::NoRestriction);
        QTest::newRow("nothing to unblock")
            << int(Command::AnyBlockedToken) << QList<CredentialRecord>{token(false)} << int(Command::AnyBlockedToken);
        QTest::newRow("two for one") << int(Command::NeedSelection | Command::OnlyOneSelected)
                                     << QList<CredentialRecord>{token(false), token(false)}
                                     << int(Command::OnlyOneSelected);
    }

    void firstUnmetInOrder()
    {
        QFETCH(int, restrictions);
        QFETCH(QList<CredentialRecord>, selection);
        QFETCH(int, unmet);
        QCOMPARE(int(Command::firstUnmet(Command::Restrictions(restrictions), selection)), unmet);
    }

    void tooltipsComeFromTheRestrictions()
    {
        NoContext context;
        BlockTokensCommand block(BlockTokensCommand::Mode::Block, context);
        BlockTokensCommand unblock(BlockTokensCommand::Mode::Unblock, context);
        CopyGuidCommand copy(context);
        PropertiesCommand properties(context);
        RefreshCommand refresh(context);
        CreateTokenCommand create(context);
        const QList<Command *> commands{&block, &unblock, &copy, &properties, &refresh, &create};
        const QList<QList<CredentialRecord>> selections{{},
                                                        {certificate()},
                                                        {token(false)},
                                                        {token(true)},
                                                        {token(false), certificate()},
                                                        {token(false), token(true)}};
        for (Command *command : commands) {
            command->retranslate();
            for (const QList<CredentialRecord> &selection : selections) {
                command->updateFor(selection);
                const bool allowed = Command::firstUnmet(command->restrictions(), selection) == Command::NoRestriction;
                QCOMPARE(command->action()->isEnabled(), allowed);
                if (!allowed) {
                    QCOMPARE(command->action()->toolTip(), command->disabledReason(selection));
                    QVERIFY(command->action()->toolTip().endsWith(u'.'));
                }
            }
        }
        // the sentences administrators see
        block.updateFor({certificate()});
        QCOMPARE(block.action()->toolTip(), QStringLiteral("Site certificates cannot be blocked."));
        unblock.updateFor({token(false)});
        QCOMPARE(unblock.action()->toolTip(), QStringLiteral("The selected tokens are not blocked."));
        properties.updateFor({token(false), token(false)});
        QCOMPARE(properties.action()->toolTip(), QStringLiteral("Select a single item to see its properties."));
        QCOMPARE(refresh.restrictions(), Command::Restrictions(Command::NoRestriction));
    }
};

QTEST_MAIN(TestCommands)
#include "tst_commands.moc"
