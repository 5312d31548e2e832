namespace BeAlert.Gateway.Billing;

/// <summary>
/// Money in the billing tables: euro amounts stored as BIGINT ten-thousandths of a euro ("e4"), exact for the tariffs
/// (EUR 0.055 is 550) and the same on SQLite and PostgreSQL. Always <see cref="decimal"/> in code, never double.
/// </summary>
public static class Money
{
    public const string Currency = "EUR";

    private const decimal Scale = 10_000m;

    /// <summary>To ten-thousandths of a euro (rounded half away from zero past the fourth decimal).</summary>
    public static long ToE4(decimal euro) => checked((long)decimal.Round(euro * Scale, 0, MidpointRounding.AwayFromZero));

    public static decimal FromE4(long e4) => e4 / Scale;

    /// <summary>Rounds toward zero to the cent.</summary>
    public static decimal TruncateToCent(decimal euro) => decimal.Round(euro, 2, MidpointRounding.ToZero);

    /// <summary>Whether an amount has at most two decimals.</summary>
    public static bool IsWholeCents(decimal euro) => decimal.Round(euro, 2) == euro;
}
