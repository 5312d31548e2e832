using System.Data.Common;
using System.Globalization;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Billing;

/// <summary>
/// One ledger row: what one authority (<c>Authority</c>) pays for one channel of one campaign run by <c>Owner</c>.
/// <c>Units</c> are the billable units (SMS segments, started voice minutes, e-mails…) on the owner's row and 0 on a
/// partner's share; <c>Amount</c> is this authority's part in euro (0 for simulation and free channels);
/// <c>Overdrawn</c> says the charge took the prepaid balance below zero (the alert went out anyway).
/// </summary>
public sealed record BillingEntry(
    long Id,
    string Authority,
    Guid CampaignId,
    string Owner,
    DeliveryChannel Channel,
    long Units,
    decimal Amount,
    bool Simulation,
    bool Overdrawn,
    decimal? BalanceAfter,
    DateTimeOffset At);

/// <summary>Usage of one channel in one month (Europe/Brussels), as charged to one authority.</summary>
public sealed record MonthlyUsage(string Month, DeliveryChannel Channel, long Units, decimal Amount, long SimulatedUnits, int Campaigns);

/// <summary>What <c>GET /api/billing</c> shows an authority.</summary>
public sealed record BillingSummary(
    string Authority,
    string Currency,
    decimal Balance,
    bool Overdrawn,
    IReadOnlyList<MonthlyUsage> Usage,
    IReadOnlyList<CostShare> SharesWith,
    IReadOnlyList<CostShare> SharedBy,
    IReadOnlyList<BillingEntry> OverdrawnCharges);

/// <summary>
/// Billing: charges finished campaigns to prepaid balances (as the <see cref="ICampaignCostSink"/>), splits shared
/// costs (<see cref="CostSplit"/>), takes top-ups, and reports usage. A charge never blocks anything: when it takes a
/// balance below zero it is recorded and flagged (public warnings go out whatever the balance).
/// </summary>
public sealed partial class BillingLedger(GatewayDatabase database, TimeProvider time, ILogger<BillingLedger> logger) : ICampaignCostSink
{
    /// <summary>The months of usage reports are calendar months in Belgium.</summary>
    public static readonly TimeZoneInfo BillingZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <inheritdoc />
    public async Task RecordAsync(string authorityId, CampaignReport report, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorityId);
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var campaignId = report.CampaignId.ToString("D");
        var overdrawn = new List<(string Authority, decimal Balance)>();
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var claimed = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO billing_campaigns (campaign_id, owner, at) VALUES (@campaignId, @authorityId, @now) ON CONFLICT (campaign_id) DO NOTHING",
                new { campaignId, authorityId, now },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                LogAlreadyRecorded(logger, report.CampaignId);
                return;
            }

            var shares = report.IsSimulation ? [] : await LoadSharesAsync(connection, transaction, authorityId, cancellationToken).ConfigureAwait(false);
            foreach (var channel in report.Channels)
            {
                var total = report.IsSimulation ? 0m : channel.Cost;
                var parts = CostSplit.Split(authorityId, total, shares);
                for (var i = 0; i < parts.Count; i++)
                {
                    var (payer, amount) = parts[i];
                    var isOwner = i == 0;
                    if (!isOwner && amount == 0)
                    {
                        continue;
                    }

                    var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                        """
                        INSERT INTO billing_ledger (authority, campaign_id, owner, channel, units, amount_e4, simulation, overdrawn, at)
                        VALUES (@payer, @campaignId, @authorityId, @channel, @units, @amount, @simulation, 0, @now)
                        ON CONFLICT (campaign_id, authority, channel) DO NOTHING
                        RETURNING id
                        """,
                        new
                        {
                            payer,
                            campaignId,
                            authorityId,
                            channel = channel.Channel.ToString(),
                            units = isOwner ? channel.BillableUnits : 0L,
                            amount = Money.ToE4(amount),
                            simulation = report.IsSimulation ? 1 : 0,
                            now,
                        },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (id is null || amount == 0)
                    {
                        continue;
                    }

                    var balance = await AdjustBalanceAsync(connection, transaction, payer, -Money.ToE4(amount), now, cancellationToken).ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE billing_ledger SET balance_after_e4 = @balance, overdrawn = @overdrawn WHERE id = @id",
                        new { balance, overdrawn = balance < 0 ? 1 : 0, id },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (balance < 0)
                    {
                        overdrawn.Add((payer, Money.FromE4(balance)));
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogRecorded(logger, report.CampaignId, authorityId, report.IsSimulation ? 0m : report.TotalCost, report.IsSimulation);
        foreach (var (payer, balance) in overdrawn)
        {
            LogOverdrawn(logger, payer, balance, report.CampaignId);
        }
    }

    /// <summary>Adds prepaid credit; returns the new balance.</summary>
    public async Task<decimal> TopUpAsync(string authorityId, decimal amount, string? reference, string? keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorityId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO billing_topups (authority, amount_e4, reference, key_id, at) VALUES (@authorityId, @amount, @reference, @keyId, @now)",
            new { authorityId, amount = Money.ToE4(amount), reference, keyId, now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var balance = await AdjustBalanceAsync(connection, transaction, authorityId, Money.ToE4(amount), now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Money.FromE4(balance);
    }

    /// <summary>Replaces an authority's cost shares (empty: no sharing). The caller checks that they sum to 100.</summary>
    public async Task SetSharesAsync(string authorityId, IReadOnlyList<CostShare> shares, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorityId);
        ArgumentNullException.ThrowIfNull(shares);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM cost_shares WHERE authority = @authorityId", new { authorityId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var share in shares)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO cost_shares (authority, partner, percentage_bp) VALUES (@authorityId, @partner, @bp)",
                new { authorityId, partner = share.Partner, bp = (long)(share.Percentage * 100m) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CostShare>> GetSharesAsync(string authorityId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadSharesAsync(connection, null, authorityId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Balance, usage by month and channel since <paramref name="since"/>, shares both ways, overdrawn charges.</summary>
    public async Task<BillingSummary> GetSummaryAsync(string authorityId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var balance = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT balance_e4 FROM billing_accounts WHERE authority = @authorityId", new { authorityId }, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
        var entries = await QueryEntriesAsync(connection, authorityId, since.ToUnixTimeMilliseconds(), long.MaxValue, onlyOverdrawn: false, limit: 1_000_000, cancellationToken).ConfigureAwait(false);
        var usage = entries
            .GroupBy(e => (Month: MonthOf(e.At), e.Channel))
            .OrderByDescending(g => g.Key.Month, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Channel)
            .Select(g => new MonthlyUsage(
                g.Key.Month,
                g.Key.Channel,
                g.Where(e => !e.Simulation).Sum(e => e.Units),
                g.Sum(e => e.Amount),
                g.Where(e => e.Simulation).Sum(e => e.Units),
                g.Select(e => e.CampaignId).Distinct().Count()))
            .ToList();
        var sharesWith = await LoadSharesAsync(connection, null, authorityId, cancellationToken).ConfigureAwait(false);
        var sharedBy = (await connection.QueryAsync<ShareRow>(new CommandDefinition(
            "SELECT authority AS Partner, percentage_bp AS PercentageBp FROM cost_shares WHERE partner = @authorityId AND authority <> @authorityId ORDER BY authority",
            new { authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToShare()).ToList();
        var overdrawn = await QueryEntriesAsync(connection, authorityId, 0, long.MaxValue, onlyOverdrawn: true, limit: 100, cancellationToken).ConfigureAwait(false);
        return new BillingSummary(authorityId, Money.Currency, Money.FromE4(balance), balance < 0, usage, sharesWith, sharedBy, overdrawn);
    }

    /// <summary>Ledger rows of one authority in [from, to), oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<BillingEntry>> ListEntriesAsync(string authorityId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryEntriesAsync(connection, authorityId, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), onlyOverdrawn: false, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The calendar month (Europe/Brussels) of an instant, <c>yyyy-MM</c>.</summary>
    public static string MonthOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, BillingZone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first instant of a calendar month in Europe/Brussels.</summary>
    public static DateTimeOffset StartOfMonth(int year, int month) =>
        Scheduling.TestCalendar.ToUtc(new DateOnly(year, month, 1), TimeOnly.MinValue, BillingZone);

    private static async Task<long> AdjustBalanceAsync(DbConnection connection, DbTransaction transaction, string authorityId, long deltaE4, long now, CancellationToken cancellationToken) =>
        await connection.QuerySingleAsync<long>(new CommandDefinition(
            """
            INSERT INTO billing_accounts (authority, balance_e4, currency, updated_at) VALUES (@authorityId, @deltaE4, 'EUR', @now)
            ON CONFLICT (authority) DO UPDATE SET balance_e4 = billing_accounts.balance_e4 + @deltaE4, updated_at = @now
            RETURNING balance_e4
            """,
            new { authorityId, deltaE4, now },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    private static async Task<IReadOnlyList<CostShare>> LoadSharesAsync(DbConnection connection, DbTransaction? transaction, string authorityId, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<ShareRow>(new CommandDefinition(
            "SELECT partner AS Partner, percentage_bp AS PercentageBp FROM cost_shares WHERE authority = @authorityId ORDER BY partner",
            new { authorityId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToShare())];

    private static async Task<IReadOnlyList<BillingEntry>> QueryEntriesAsync(DbConnection connection, string authorityId, long from, long to, bool onlyOverdrawn, int limit, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            $"""
            SELECT id, authority, campaign_id AS CampaignId, owner, channel, units, amount_e4 AS AmountE4, simulation, overdrawn,
                   balance_after_e4 AS BalanceAfterE4, at
            FROM billing_ledger
            WHERE authority = @authorityId AND at >= @from AND at < @to {(onlyOverdrawn ? "AND overdrawn = 1" : string.Empty)}
            ORDER BY at, id LIMIT @limit
            """,
            new { authorityId, from, to, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEntry())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} of {Authority} recorded: EUR {Total} (simulation: {Simulation})")]
    private static partial void LogRecorded(ILogger logger, Guid campaignId, string authority, decimal total, bool simulation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} was already recorded; not charged again")]
    private static partial void LogAlreadyRecorded(ILogger logger, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prepaid balance of {Authority} is negative (EUR {Balance}) after campaign {CampaignId}: recorded and flagged, nothing was blocked")]
    private static partial void LogOverdrawn(ILogger logger, string authority, decimal balance, Guid campaignId);

    private sealed class ShareRow
    {
        public string Partner { get; set; } = string.Empty;

        public long PercentageBp { get; set; }

        public CostShare ToShare() => new(Partner, PercentageBp / 100m);
    }

    private sealed class EntryRow
    {
        public long Id { get; set; }

        public string Authority { get; set; } = string.Empty;

        public string CampaignId { get; set; } = string.Empty;

        public string Owner { get; set; } = string.Empty;

        public string Channel { get; set; } = string.Empty;

        public long Units { get; set; }

        public long AmountE4 { get; set; }

        public long Simulation { get; set; }

        public long Overdrawn { get; set; }

        public long? BalanceAfterE4 { get; set; }

        public long At { get; set; }

        public BillingEntry ToEntry() => new(
            Id,
            Authority,
            Guid.Parse(CampaignId),
            Owner,
            Enum.Parse<DeliveryChannel>(Channel),
            Units,
            Money.FromE4(AmountE4),
            Simulation != 0,
            Overdrawn != 0,
            BalanceAfterE4 is { } b ? Money.FromE4(b) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(At));
    }
}
