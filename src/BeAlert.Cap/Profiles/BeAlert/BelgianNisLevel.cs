namespace BeAlert.Cap;

/// <summary>The administrative level of a Belgian NIS code.</summary>
internal enum BelgianNisLevel
{
    /// <summary>A municipality (gemeente, commune).</summary>
    Municipality,
    /// <summary>An administrative arrondissement.</summary>
    Arrondissement,
    /// <summary>A province.</summary>
    Province,
    /// <summary>A region (Flemish, Walloon, Brussels-Capital).</summary>
    Region,
}
