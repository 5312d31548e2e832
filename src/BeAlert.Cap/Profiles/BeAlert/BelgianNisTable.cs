using System.Collections.Frozen;

namespace BeAlert.Cap;

/// <summary>
/// The Belgian NIS (REFNIS 2019) codes of municipalities, arrondissements, provinces and regions, compiled into the
/// assembly from Statbel data (CC0) by eng/generate-belgian-nis.py. Read once, on first use; a lookup is a dictionary
/// lookup.
/// </summary>
internal static class BelgianNisTable
{
    internal const string FlemishRegion = "02000";
    internal const string WalloonRegion = "03000";
    internal const string BrusselsRegion = "04000";

    private const string ResourceName = "BeAlert.Cap.belgian-nis.tsv";

    private static readonly Lazy<FrozenDictionary<string, BelgianNisUnit>> Units = new(Load);

    /// <summary>Every unit, by code.</summary>
    internal static IReadOnlyDictionary<string, BelgianNisUnit> All => Units.Value;

    /// <summary>Looks a code up exactly as written (no trimming).</summary>
    internal static bool TryGet(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BelgianNisUnit? unit) =>
        Units.Value.TryGetValue(code, out unit);

    private static FrozenDictionary<string, BelgianNisUnit> Load()
    {
        using var stream = typeof(BelgianNisTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from BeAlert.Cap.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var units = new Dictionary<string, BelgianNisUnit>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length != 7)
            {
                throw new InvalidOperationException($"{ResourceName}: expected 7 tab-separated fields in '{line}'.");
            }

            var level = f[1] switch
            {
                "M" => BelgianNisLevel.Municipality,
                "A" => BelgianNisLevel.Arrondissement,
                "P" => BelgianNisLevel.Province,
                "R" => BelgianNisLevel.Region,
                _ => throw new InvalidOperationException($"{ResourceName}: unknown level '{f[1]}' for {f[0]}."),
            };
            units.Add(f[0], new BelgianNisUnit(f[0], level, f[2].Length == 0 ? null : f[2], f[3], f[4].Split(' '), f[5], f[6]));
        }

        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
