using System.Buffers;

namespace BeAlert.Cap;

/// <summary>
/// Reads a polygon's text, blank-separated <c>latitude,longitude</c> pairs in UTF-8, into points: one pass over the
/// text with an index (no slices, no copies). A polygon can hold tens of thousands of points, so this is the parser's
/// hottest loop: where the machine has AVX-512 or AVX2, <see cref="CapPointBlocks"/> reads the well-formed stretches 64
/// bytes at a time, and this loop reads the rest and is the reference the block readers are tested against.
/// </summary>
internal static class CapPointText
{
    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t\r\n"u8);

    /// <summary>
    /// Reads the points of <paramref name="text"/> into <paramref name="points"/> and returns how many;
    /// <paramref name="failedAt"/> is where the first pair that is not one starts (or the first pair beyond the array's
    /// room), else -1.
    /// </summary>
    internal static int ReadPoints(ReadOnlySpan<byte> text, CapPoint[] points, out int failedAt) =>
        ReadPoints(text, points, CapPointBlocks.Best, out failedAt);

    /// <summary>
    /// <see cref="ReadPoints(ReadOnlySpan{byte}, CapPoint[], out int)"/> with a given block reader, or (for tests, as the
    /// reference) none.
    /// </summary>
    internal static int ReadPoints(ReadOnlySpan<byte> text, CapPoint[] points, CapPointBlockKind blocks, out int failedAt)
    {
        var count = 0;
        var i = 0;

        // Where the block reader may run again: after it stops on something it does not take, this loop reads at least
        // a block's worth of points first, so that a polygon it cannot read costs it one attempt per block.
        var blocksFrom = blocks != CapPointBlockKind.None ? 0 : int.MaxValue;
        while (true)
        {
            if (i >= blocksFrom)
            {
                i = CapPointBlocks.Read(text, i, points, ref count, blocks);
                blocksFrom = i + 64;
            }

            // Points are usually one space apart: step over blanks in place, and search past a long run.
            var blanks = 0;
            while ((uint)i < (uint)text.Length && IsBlank(text[i]))
            {
                i++;
                if (++blanks == 8)
                {
                    var next = text[i..].IndexOfAnyExcept(Blanks);
                    i = next < 0 ? text.Length : i + next;
                    break;
                }
            }

            if (i >= text.Length)
            {
                failedAt = -1;
                return count;
            }

            var start = i;
            if ((uint)count >= (uint)points.Length
                || !CapNumber.TryParseAt(text, ref i, out var latitude)
                || (uint)i >= (uint)text.Length || text[i++] != ','
                || !CapNumber.TryParseAt(text, ref i, out var longitude)
                || ((uint)i < (uint)text.Length && !IsBlank(text[i])))
            {
                failedAt = start;
                return count;
            }

            points[count++] = new CapPoint(latitude, longitude);
        }
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
