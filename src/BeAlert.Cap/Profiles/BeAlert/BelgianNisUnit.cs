namespace BeAlert.Cap;

/// <summary>One row of the embedded table of Belgian NIS codes (see eng/generate-belgian-nis.py).</summary>
/// <param name="Code">The 5-digit NIS code.</param>
/// <param name="Level">The administrative level.</param>
/// <param name="Parent">The enclosing unit's code, or <see langword="null"/> for a region.</param>
/// <param name="Region">The region's code: 02000 Flemish, 03000 Walloon, 04000 Brussels-Capital.</param>
/// <param name="Languages">The languages an alert for this unit carries (nl, fr, de), in that order.</param>
/// <param name="NameNl">The Dutch name.</param>
/// <param name="NameFr">The French name.</param>
internal sealed record BelgianNisUnit(string Code, BelgianNisLevel Level, string? Parent, string Region, IReadOnlyList<string> Languages, string NameNl, string NameFr)
{
    /// <summary>The name to show in a message: the Dutch name in Flanders, the French one in Wallonia, both in Brussels when they differ.</summary>
    internal string DisplayName => Region switch
    {
        BelgianNisTable.FlemishRegion => NameNl,
        BelgianNisTable.BrusselsRegion when NameNl != NameFr => NameNl + " / " + NameFr,
        BelgianNisTable.BrusselsRegion => NameNl,
        _ => Languages.Contains("de") && Level == BelgianNisLevel.Municipality ? NameNl : NameFr,
    };
}
