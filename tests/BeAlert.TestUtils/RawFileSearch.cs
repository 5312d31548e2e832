namespace BeAlert.TestUtils;

/// <summary>
/// Byte-level searches of files a store keeps open (SQLite database, WAL, journal), for the erasure tests: what the
/// store says it erased must not be found anywhere in its files.
/// </summary>
public static class RawFileSearch
{
    /// <summary>A phone number as the dispatch plan codec stores it: its digits packed two per byte (no kind or length bytes).</summary>
    /// <param name="phone">An E.164 number, with or without the leading '+'.</param>
    /// <returns>The packed digits.</returns>
    public static byte[] PackedDigits(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = phone.TrimStart('+');
        var packed = new byte[(digits.Length + 1) / 2];
        for (var i = 0; i < digits.Length; i++)
        {
            packed[i / 2] |= (byte)((digits[i] - '0') << ((i & 1) == 0 ? 4 : 0));
        }

        return packed;
    }

    /// <summary>Where <paramref name="file"/> holds <paramref name="needle"/>, read while another process or handle may write it.</summary>
    /// <param name="file">The file.</param>
    /// <param name="needle">The bytes to look for.</param>
    /// <returns>The offset of the first occurrence and the file's length, or null when absent (or the file does not exist).</returns>
    public static (long Offset, long Length)? Find(string file, ReadOnlySpan<byte> needle)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var at = memory.GetBuffer().AsSpan(0, (int)memory.Length).IndexOf(needle);
        return at >= 0 ? (at, memory.Length) : null;
    }
}
