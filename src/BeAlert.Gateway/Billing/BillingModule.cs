using System.Globalization;
using System.Text;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Billing;

/// <summary>Body of <c>POST /api/admin/billing/{authority}/topup</c>.</summary>
/// <param name="Amount">Euro, more than 0, at most 1,000,000, whole cents.</param>
/// <param name="Reference">Optional purchase order or invoice number (at most 100 characters).</param>
public sealed record TopUpRequest(decimal Amount, string? Reference);

/// <summary>Answer of a top-up.</summary>
public sealed record BalanceView(string Authority, decimal Balance, string Currency);

/// <summary>Body of <c>PUT /api/admin/billing/{authority}/shares</c>: the partners and percentages (sum 100), or none.</summary>
public sealed record CostSharesRequest(IReadOnlyList<CostShare>? Shares);

/// <summary>
/// Billing: the <see cref="ICampaignCostSink"/> (charges finished campaigns), prepaid top-ups, cost shares, and usage
/// reports for operators (JSON and CSV).
/// </summary>
public static class BillingModule
{
    public const decimal MaxTopUp = 1_000_000m;

    public const int MaxPartners = 100;

    public const int MaxCsvRows = 100_000;

    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaPart, BillingSchema>();
        services.AddSingleton<BillingLedger>();
        services.AddSingleton<ICampaignCostSink>(sp => sp.GetRequiredService<BillingLedger>());
        return services;
    }

    public static WebApplication MapBilling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/billing", GetOwnSummaryAsync)
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithName("GetBilling")
            .WithSummary("The operator's authority: prepaid balance, usage and cost by month and channel, cost shares, overdrawn charges.")
            .WithTags("Billing")
            .Produces<BillingSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet("/api/billing/usage.csv", GetUsageCsvAsync)
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithName("GetBillingUsageCsv")
            .WithSummary("The operator's authority's ledger as CSV (one row per campaign and channel), optionally for one month (?month=yyyy-MM).")
            .WithTags("Billing")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet("/api/admin/billing/{authority}", GetSummaryForAdminAsync)
            .RequireAuthorization(GatewayPolicies.Admin)
            .WithName("GetBillingForAuthority")
            .WithSummary("Admin: any authority's balance, usage, shares and overdrawn charges.")
            .WithTags("Billing")
            .Produces<BillingSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapPost("/api/admin/billing/{authority}/topup", TopUpAsync)
            .RequireAuthorization(GatewayPolicies.Admin)
            .WithName("TopUpBalance")
            .WithSummary("Admin: add prepaid credit (euro, whole cents) to an authority's balance.")
            .WithTags("Billing")
            .WithDescription("Body (application/json, at most 16 KiB): {\"amount\": 250.00, \"reference\": \"PO-2026-17\"}. The body is read by the handler (not declared with Accepts) so that a wrong content type gets a ProblemDetails 415.")
            .Produces<BalanceView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapPut("/api/admin/billing/{authority}/shares", SetSharesAsync)
            .RequireAuthorization(GatewayPolicies.Admin)
            .WithName("SetCostShares")
            .WithSummary("Admin: replace an authority's cost shares (partners and percentages summing to 100; empty to stop sharing).")
            .WithTags("Billing")
            .WithDescription("Body (application/json, at most 16 KiB): {\"shares\": [{\"partner\": \"gent\", \"percentage\": 60}, {\"partner\": \"province-antwerpen\", \"percentage\": 40}]}.")
            .Produces<IReadOnlyList<CostShare>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static Task<IResult> GetOwnSummaryAsync(HttpContext context, BillingLedger ledger, TimeProvider time, int? months, CancellationToken cancellationToken) =>
        SummaryAsync(context.GetCaller().Authority!.Id, ledger, time, months, cancellationToken);

    private static async Task<IResult> GetSummaryForAdminAsync(string authority, AuthorityStore authorities, BillingLedger ledger, TimeProvider time, int? months, CancellationToken cancellationToken)
    {
        if (await authorities.FindAsync(authority, cancellationToken).ConfigureAwait(false) is null)
        {
            return UnknownAuthority(authority);
        }

        return await SummaryAsync(authority, ledger, time, months, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> SummaryAsync(string authorityId, BillingLedger ledger, TimeProvider time, int? months, CancellationToken cancellationToken)
    {
        var count = months ?? 12;
        if (count is < 1 or > 120)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["months"] = ["Between 1 and 120 (default 12)."] });
        }

        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), BillingLedger.BillingZone);
        var first = new DateOnly(local.Year, local.Month, 1).AddMonths(1 - count);
        var summary = await ledger.GetSummaryAsync(authorityId, BillingLedger.StartOfMonth(first.Year, first.Month), cancellationToken).ConfigureAwait(false);
        return Results.Ok(summary);
    }

    private static async Task<IResult> GetUsageCsvAsync(HttpContext context, BillingLedger ledger, string? month, CancellationToken cancellationToken)
    {
        var authorityId = context.GetCaller().Authority!.Id;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(0);
        var to = DateTimeOffset.MaxValue;
        if (month is not null)
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) || start.Year < 2000)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["A month is written yyyy-MM, for example 2026-11."] });
            }

            from = BillingLedger.StartOfMonth(start.Year, start.Month);
            var next = start.AddMonths(1);
            to = BillingLedger.StartOfMonth(next.Year, next.Month);
        }

        var entries = await ledger.ListEntriesAsync(authorityId, from, to, MaxCsvRows + 1, cancellationToken).ConfigureAwait(false);
        var csv = new StringBuilder("at,month,campaign_id,owner,channel,units,amount_eur,simulation,overdrawn,balance_after_eur\n");
        foreach (var e in entries.Take(MaxCsvRows))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(e.At, BillingLedger.BillingZone):yyyy-MM-dd'T'HH:mm:sszzz},{BillingLedger.MonthOf(e.At)},{e.CampaignId},{Csv(e.Owner)},{e.Channel},{e.Units},{e.Amount:0.0000},{(e.Simulation ? "true" : "false")},{(e.Overdrawn ? "true" : "false")},{e.BalanceAfter:0.0000}\n");
        }

        if (entries.Count > MaxCsvRows)
        {
            context.Response.Headers["X-BeAlert-Truncated"] = $"at most {MaxCsvRows} rows; ask for one month (?month=yyyy-MM)";
        }

        return Results.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> TopUpAsync(string authority, HttpContext context, AuthorityStore authorities, BillingLedger ledger, AuditLog audit, CancellationToken cancellationToken)
    {
        var (request, error) = await BillingJson.ReadAsync<TopUpRequest>(context, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        if (request!.Amount <= 0 || request.Amount > MaxTopUp)
        {
            errors["amount"] = [$"More than 0 and at most {MaxTopUp.ToString("N0", CultureInfo.InvariantCulture)} euro."];
        }
        else if (!Money.IsWholeCents(request.Amount))
        {
            errors["amount"] = ["Whole cents: at most two decimals."];
        }

        if (request.Reference is { } reference && (reference.Length > 100 || reference.Any(char.IsControl)))
        {
            errors["reference"] = ["At most 100 characters, no control characters."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        if (await authorities.FindAsync(authority, cancellationToken).ConfigureAwait(false) is null)
        {
            return UnknownAuthority(authority);
        }

        var caller = context.GetCaller();
        var balance = await ledger.TopUpAsync(authority, request.Amount, request.Reference, caller.KeyId, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(context, "billing.topup", authority, string.Create(CultureInfo.InvariantCulture, $"+EUR {request.Amount:0.00} ref {request.Reference ?? "-"}; balance EUR {balance:0.00##}"), cancellationToken).ConfigureAwait(false);
        return Results.Ok(new BalanceView(authority, balance, Money.Currency));
    }

    private static async Task<IResult> SetSharesAsync(string authority, HttpContext context, AuthorityStore authorities, BillingLedger ledger, AuditLog audit, CancellationToken cancellationToken)
    {
        var (request, error) = await BillingJson.ReadAsync<CostSharesRequest>(context, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (await authorities.FindAsync(authority, cancellationToken).ConfigureAwait(false) is null)
        {
            return UnknownAuthority(authority);
        }

        var shares = request!.Shares ?? [];
        var errors = new List<string>();
        if (shares.Count > MaxPartners)
        {
            errors.Add($"At most {MaxPartners} partners.");
        }

        var known = (await authorities.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < shares.Count && errors.Count < 20; i++)
        {
            var share = shares[i];
            if (share is null || string.IsNullOrEmpty(share.Partner))
            {
                errors.Add($"shares[{i}]: a partner (authority id) is required.");
                continue;
            }

            if (!known.Contains(share.Partner))
            {
                errors.Add($"shares[{i}]: '{share.Partner}' is not a known authority.");
            }

            if (share.Percentage <= 0 || share.Percentage > 100 || decimal.Round(share.Percentage, 2) != share.Percentage)
            {
                errors.Add($"shares[{i}]: the percentage is more than 0, at most 100, with at most two decimals.");
            }
        }

        if (shares.Where(s => s is not null).GroupBy(s => s.Partner, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            errors.Add("A partner appears more than once.");
        }

        if (shares.Count > 0 && errors.Count == 0 && shares.Sum(s => s.Percentage) != 100m)
        {
            errors.Add($"The percentages add up to {shares.Sum(s => s.Percentage).ToString(CultureInfo.InvariantCulture)}, not 100.");
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["shares"] = [.. errors] });
        }

        await ledger.SetSharesAsync(authority, shares, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(context, "billing.shares", authority, shares.Count == 0 ? "no sharing" : string.Join(", ", shares.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Partner} {s.Percentage}%"))), cancellationToken).ConfigureAwait(false);
        return Results.Ok(await ledger.GetSharesAsync(authority, cancellationToken).ConfigureAwait(false));
    }

    private static IResult UnknownAuthority(string authority) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown authority", detail: $"No authority has the id '{authority}'.");

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 && !(value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
