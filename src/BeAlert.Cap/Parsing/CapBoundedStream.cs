using System.Buffers;

namespace BeAlert.Cap;

/// <summary>
/// Reads a whole stream into a pooled buffer, failing as soon as it passes a size limit, so that a hostile stream
/// never costs more than the limit. Shared by the CAP parser and the feed reader.
/// </summary>
internal static class CapBoundedStream
{
    /// <summary>
    /// The bytes of <paramref name="stream"/>, in a buffer rented from <see cref="ArrayPool{T}.Shared"/> that the caller
    /// returns; <see langword="null"/> (nothing rented) when the stream is longer than <paramref name="limit"/>, for the
    /// caller to throw its own error. No delegate: this runs once per parse.
    /// </summary>
    /// <param name="stream">The stream (read to its end, not disposed).</param>
    /// <param name="limit">The most bytes allowed.</param>
    /// <returns>The rented buffer and how many bytes it holds, or a null buffer past the limit.</returns>
    /// <exception cref="CapParseException">The stream could not be read.</exception>
    internal static (byte[]? Buffer, int Length) ReadAll(Stream stream, long limit)
    {
        int initial;
        try
        {
            if (stream.CanSeek)
            {
                var remaining = stream.Length - stream.Position;
                if (remaining > limit)
                {
                    return (null, 0);
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
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
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
