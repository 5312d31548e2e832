using System.Text;

namespace BeAlert.Cap;

/// <summary>
/// Reuses the strings of short ASCII values that alerts repeat (coded values, geocode names and codes, event names,
/// times, URLs): a fixed table of the last string seen per hash slot, kept by one thread's parser session. A value found
/// there costs no allocation; a miss replaces the slot. Bounded: 512 strings of at most 64 characters.
/// </summary>
internal sealed class CapValueCache
{
    internal const int MaxLength = 64;
    private const int Slots = 512;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>The string for <paramref name="bytes"/>, from the table when it holds the same ASCII text.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength || bytes.IsEmpty)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        // FNV-1a over the bytes: values are short, and equal bytes must land in the same slot.
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        ref var slot = ref _slots[(int)(hash % Slots)];
        if (slot is { } cached && cached.Length == bytes.Length && Ascii.Equals(bytes, cached))
        {
            return cached;
        }

        var created = Encoding.UTF8.GetString(bytes);
        if (created.Length == bytes.Length)
        {
            // Only ASCII text is kept (its length in bytes and characters agree), so the comparison above is exact.
            slot = created;
        }

        return created;
    }
}
