namespace BeAlert.Dispatch;

/// <summary>A street of a municipality, or part of it by house number, as an audience part.</summary>
/// <param name="MunicipalityNis">The municipality's NIS code.</param>
/// <param name="Street">The street name (compared ignoring case).</param>
public sealed record StreetTarget(int MunicipalityNis, string Street)
{
    /// <summary>The lowest house number included (by its numeric part), or <see langword="null"/> for the start of the street.</summary>
    public int? FromHouseNumber { get; init; }

    /// <summary>The highest house number included (by its numeric part), or <see langword="null"/> for the end of the street.</summary>
    public int? ToHouseNumber { get; init; }
}
