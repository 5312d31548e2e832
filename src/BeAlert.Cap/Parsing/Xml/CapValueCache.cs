using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private const int SlotBits = 9;
    private const int Slots = 1 << SlotBits;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>The string for <paramref name="bytes"/>, from the table when it holds the same ASCII text.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength || bytes.IsEmpty)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        ref var slot = ref _slots[Slot(bytes)];
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

    /// <summary>
    /// The slot of a value: a hash of its length and of its first and last 16 bytes (every byte, up to 32), read as
    /// words and mixed by multiplication, so that its cost does not grow with the value (a byte-by-byte hash cost more
    /// than a typical alert's validation). Equal bytes land in the same slot; values that differ only past their
    /// first and before their last 16 bytes may share one, which only costs a miss.
    /// </summary>
    private static int Slot(ReadOnlySpan<byte> bytes)
    {
        ulong hash;
        ref var first = ref MemoryMarshal.GetReference(bytes);
        if (bytes.Length >= sizeof(ulong))
        {
            hash = (Unsafe.ReadUnaligned<ulong>(ref first) * 0x9E37_79B9_7F4A_7C15)
                ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, bytes.Length - sizeof(ulong)));
            if (bytes.Length > 2 * sizeof(ulong))
            {
                hash ^= (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, sizeof(ulong))) * 0xC2B2_AE3D_27D4_EB4F)
                    ^ (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, bytes.Length - (2 * sizeof(ulong)))) * 0x1656_67B1_9E37_79F9);
            }
        }
        else
        {
            hash = 0;
            foreach (var b in bytes)
            {
                hash = (hash << 8) | b;
            }
        }

        hash = (hash ^ (ulong)bytes.Length) * 0x9E37_79B9_7F4A_7C15;
        return (int)(hash >> (64 - SlotBits));
    }
}
