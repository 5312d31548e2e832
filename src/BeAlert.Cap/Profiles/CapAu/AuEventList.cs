using System.Collections.Frozen;

namespace BeAlert.Cap;

/// <summary>
/// The AUeventLIST 1.0 of CAP-AU-STD 1.0, compiled into the assembly: event code to its Tier I and Tier II event
/// names. Read once, on first use. One code ("water") appears twice in the list (Water Supply and Water quality), so a
/// code may have several accepted names.
/// </summary>
internal static class AuEventList
{
    private const string ResourceName = "BeAlert.Cap.au-event-list.tsv";

    private static readonly Lazy<FrozenDictionary<string, string[]>> Names = new(Load);

    /// <summary>The event names (Tier I and Tier II) accepted for <paramref name="code"/>, or null when the list has no such code.</summary>
    internal static IReadOnlyList<string>? EventNames(string code) => Names.Value.TryGetValue(code, out var names) ? names : null;

    /// <summary>The number of distinct codes in the list.</summary>
    internal static int Count => Names.Value.Count;

    private static FrozenDictionary<string, string[]> Load()
    {
        using var stream = typeof(AuEventList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from BeAlert.Cap.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length != 5)
            {
                throw new InvalidOperationException($"{ResourceName}: expected 5 tab-separated fields in '{line}'.");
            }

            if (!names.TryGetValue(f[3], out var list))
            {
                names[f[3]] = list = [];
            }

            list.Add(f[1]);
            if (f[2].Length > 0)
            {
                list.Add(f[2]);
            }
        }

        return names.ToFrozenDictionary(p => p.Key, p => p.Value.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }
}
