using System.Globalization;

namespace BeAlert.Dispatch;

/// <summary>Splits a written house number into its number and the rest (<c>12 bus 3</c> = 12 and <c>bus 3</c>).</summary>
internal static class HouseNumbers
{
    /// <summary>The largest number kept; longer digit runs are not house numbers.</summary>
    public const int MaxNumber = ushort.MaxValue;

    public static (int Number, string Suffix) Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (0, string.Empty);
        }

        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits > 5 || !int.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > MaxNumber)
        {
            return (0, span.ToString());
        }

        return (number, span[digits..].Trim().ToString());
    }
}
