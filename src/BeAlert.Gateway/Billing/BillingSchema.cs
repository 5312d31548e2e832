using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Billing;

/// <summary>
/// The billing tables. Money is BIGINT ten-thousandths of a euro (<see cref="Money"/>), times BIGINT Unix ms.
/// <c>billing_campaigns</c> makes recording a campaign idempotent as a whole (claimed first, in the same transaction);
/// the unique (campaign, authority, channel) on the ledger is the second line of defence.
/// </summary>
internal sealed class BillingSchema : ISchemaPart
{
    public int Order => 130;

    public string Name => "billing";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return """
            CREATE TABLE IF NOT EXISTS billing_accounts (
                authority TEXT PRIMARY KEY,
                balance_e4 BIGINT NOT NULL,
                currency TEXT NOT NULL,
                updated_at BIGINT NOT NULL)
            """;
        yield return """
            CREATE TABLE IF NOT EXISTS billing_campaigns (
                campaign_id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                at BIGINT NOT NULL)
            """;
        yield return $"""
            CREATE TABLE IF NOT EXISTS billing_ledger (
                id {dialect.AutoIdPrimaryKey},
                authority TEXT NOT NULL,
                campaign_id TEXT NOT NULL,
                owner TEXT NOT NULL,
                channel TEXT NOT NULL,
                units BIGINT NOT NULL,
                amount_e4 BIGINT NOT NULL,
                simulation {dialect.Bool} NOT NULL,
                overdrawn {dialect.Bool} NOT NULL,
                balance_after_e4 BIGINT NULL,
                at BIGINT NOT NULL,
                UNIQUE (campaign_id, authority, channel))
            """;
        yield return "CREATE INDEX IF NOT EXISTS billing_ledger_authority ON billing_ledger (authority, at)";
        yield return """
            CREATE TABLE IF NOT EXISTS cost_shares (
                authority TEXT NOT NULL,
                partner TEXT NOT NULL,
                percentage_bp BIGINT NOT NULL,
                PRIMARY KEY (authority, partner))
            """;
        yield return $"""
            CREATE TABLE IF NOT EXISTS billing_topups (
                id {dialect.AutoIdPrimaryKey},
                authority TEXT NOT NULL,
                amount_e4 BIGINT NOT NULL,
                reference TEXT NULL,
                key_id TEXT NULL,
                at BIGINT NOT NULL)
            """;
    }
}
