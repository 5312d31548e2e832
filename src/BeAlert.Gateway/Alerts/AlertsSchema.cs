using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// The alerts module's tables: <c>alerts</c> (each CAP message as received, its sequence doubling as the SSE event
/// id), <c>alert_webhooks</c> (one per vendor key) and <c>alert_webhook_deliveries</c> (every attempt) and
/// <c>alert_webhook_outbox</c> (the pushes still to make, shared by every instance).
/// </summary>
internal sealed class AlertsSchema : ISchemaPart
{
    public int Order => 100;

    public string Name => "alerts";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        // "references" is an SQL keyword: the column is refs.
        yield return $"""
            CREATE TABLE IF NOT EXISTS alerts (
                sequence {dialect.AutoIdPrimaryKey},
                identifier TEXT NOT NULL,
                sender TEXT NOT NULL,
                sent BIGINT NOT NULL,
                authority_id TEXT NOT NULL,
                key_id TEXT NULL,
                received_at BIGINT NOT NULL,
                expires BIGINT NOT NULL,
                status TEXT NOT NULL,
                msg_type TEXT NOT NULL,
                scope TEXT NOT NULL,
                municipalities TEXT NOT NULL,
                nationwide {dialect.Bool} NOT NULL,
                refs TEXT NULL,
                state TEXT NOT NULL,
                simulation {dialect.Bool} NOT NULL,
                raw {dialect.Blob} NOT NULL,
                UNIQUE (sender, identifier))
            """;
        yield return "CREATE INDEX IF NOT EXISTS alerts_identifier ON alerts (identifier)";
        yield return "CREATE INDEX IF NOT EXISTS alerts_state ON alerts (state, expires)";
        yield return "CREATE INDEX IF NOT EXISTS alerts_authority ON alerts (authority_id, sequence)";
        yield return """
            CREATE TABLE IF NOT EXISTS alert_webhooks (
                key_id TEXT PRIMARY KEY,
                url TEXT NOT NULL,
                secret TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """;
        yield return $"""
            CREATE TABLE IF NOT EXISTS alert_webhook_deliveries (
                id {dialect.AutoIdPrimaryKey},
                key_id TEXT NOT NULL,
                alert_sequence BIGINT NOT NULL,
                attempt BIGINT NOT NULL,
                at BIGINT NOT NULL,
                outcome TEXT NOT NULL,
                http_status BIGINT NULL,
                error TEXT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS alert_webhook_deliveries_key ON alert_webhook_deliveries (key_id, id)";

        // One row per (vendor key, alert): inserted once by whichever instance sees the alert first, claimed by one
        // instance at a time (claimed_until), retried at next_attempt_at — pushes and their retries survive restarts.
        yield return $"""
            CREATE TABLE IF NOT EXISTS alert_webhook_outbox (
                key_id TEXT NOT NULL,
                alert_sequence BIGINT NOT NULL,
                attempts BIGINT NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                claimed_until BIGINT NOT NULL,
                claimed_by TEXT NULL,
                done {dialect.Bool} NOT NULL,
                PRIMARY KEY (key_id, alert_sequence))
            """;
        yield return "CREATE INDEX IF NOT EXISTS alert_webhook_outbox_due ON alert_webhook_outbox (done, next_attempt_at)";
    }
}
