using System.Buffers;

namespace BeAlert.Cap;

/// <summary>
/// Reads a polygon's text, blank-separated <c>latitude,longitude</c> pairs in UTF-8, into points: one pass over the
/// text with an index (no slices, no copies). A polygon can hold tens of thousands of points, so this is the parser's
/// hottest loop. Vectorised variants were measured slower on the benchmark polygon (docs/architecture.md, "CAP parse:
/// polygons, the validator, the value cache").
/// </summary>
internal static class CapPointText
{
    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t\r\n"u8);

    /// <summary>
    /// Reads the points of <paramref name="text"/> into <paramref name="points"/> and returns how many;
    /// <paramref name="failedAt"/> is where the first pair that is not one starts (or the first pair beyond the array's
    /// room), else -1.
    /// </summary>
    internal static int ReadPoints(ReadOnlySpan<byte> text, CapPoint[] points, out int failedAt)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
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
