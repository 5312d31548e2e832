namespace BeAlert.Dispatch;

/// <summary>One address of a subscriber: where it is on the map and which municipality it belongs to.</summary>
/// <param name="Street">The street name as registered (matched case-insensitively when targeting a street).</param>
/// <param name="HouseNumber">
/// The house number as written (<c>12</c>, <c>12A</c>, <c>12 bus 3</c>); its leading digits are the number that
/// house-number ranges compare.
/// </param>
/// <param name="MunicipalityNis">The NIS code of the municipality (for example 44021 for Gent).</param>
/// <param name="Latitude">WGS 84 latitude of the address point, degrees.</param>
/// <param name="Longitude">WGS 84 longitude of the address point, degrees.</param>
public sealed record SubscriberAddress(string Street, string HouseNumber, int MunicipalityNis, double Latitude, double Longitude)
{
    /// <summary>The Belgian postcode (1000–9999), or <see langword="null"/> when not given.</summary>
    public int? Postcode { get; init; }

    /// <summary>The numeric part of <see cref="HouseNumber"/> (its leading digits), or 0 when it has none.</summary>
    public int HouseNumberValue => HouseNumbers.Split(HouseNumber).Number;
}
