namespace BeAlert.Gateway.Billing;

/// <summary>One partner's part of an authority's costs, in percent (two decimals at most).</summary>
public sealed record CostShare(string Partner, decimal Percentage);

/// <summary>
/// Splits a charge between the authority that ran a campaign and the partners it shares costs with (for example
/// several communes of one police zone). Each partner gets its percentage of the total rounded toward zero to the
/// cent; the owner gets the rest, so the parts always add up to the total exactly, no part is negative, and each
/// partner pays at most one cent less than its exact share. The owner may list itself as a partner; its parts merge.
/// </summary>
public static class CostSplit
{
    public static IReadOnlyList<(string Authority, decimal Amount)> Split(string owner, decimal total, IReadOnlyList<CostShare> shares)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var parts = new List<(string Authority, decimal Amount)>();
        var given = 0m;
        foreach (var share in shares)
        {
            if (string.Equals(share.Partner, owner, StringComparison.Ordinal))
            {
                continue;
            }

            var amount = Money.TruncateToCent(total * share.Percentage / 100m);
            given += amount;
            parts.Add((share.Partner, amount));
        }

        parts.Insert(0, (owner, total - given));
        return parts;
    }
}
