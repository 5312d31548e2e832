using System.Buffers;

namespace BeAlert.Cap;

/// <summary>
/// Reads a whole stream into a pooled buffer, failing as soon as it passes a size limit, so that a hostile stream
/// never costs more than the limit. Shared by the CAP parser and the feed reader.
/// </summary>
internal static class CapBoundedStream
{
    /// <summary>The bytes of <paramref name="stream"/>, in a buffer rented from <see cref="ArrayPool{T}.Shared"/> that the caller returns.</summary>
    /// <param name="stream">The stream (read to its end, not disposed).</param>
    /// <param name="limit">The most bytes allowed.</param>
    /// <param name="tooLarge">The error to throw past the limit.</param>
    /// <returns>The rented buffer and how many bytes it holds.</returns>
    /// <exception cref="CapParseException">Past the limit (<paramref name="tooLarge"/>), or the stream could not be read.</exception>
    internal static (byte[] Buffer, int Length) ReadAll(Stream stream, long limit, Func<CapParseException> tooLarge)
    {
        int initial;
        try
        {
            if (stream.CanSeek)
            {
                var remaining = stream.Length - stream.Position;
                if (remaining > limit)
                {
                    throw tooLarge();
                }

                initial = (int)Math.Max(remaining + 1, 256);
            }
            else
            {
                initial = 16 * 1024;
            }
        }
        catch (NotSupportedException)
        {
            initial = 16 * 1024;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Math.Min(limit + 1L, Array.MaxLength)));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = stream.Read(buffer, length, (int)Math.Min(buffer.Length - length, limit + 1 - length));
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
                if (length > limit)
                {
                    throw tooLarge();
                }
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new CapParseException(CapDiagnosticCodes.NotWellFormed, "The input stream could not be read: " + e.Message, "/", 0, 0, e);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
