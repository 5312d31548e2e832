using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BeAlert.Cli.Output;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over a buffer that is copied to a <see cref="TextWriter"/> in chunks of about 16 KiB,
/// so that a report over any number of files streams out instead of being built as one string.
/// </summary>
internal sealed class JsonChunkWriter : IDisposable
{
    private const int FlushThreshold = 16 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        // Messages are French, Dutch and German; keep them readable (the output is not embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private char[] _chars = new char[FlushThreshold * 2];

    /// <param name="output">The destination.</param>
    public JsonChunkWriter(TextWriter output)
    {
        _output = output;
        Json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>The writer to write the JSON with.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Copies what is written so far to the output once enough has accumulated.</summary>
    public void DrainIfFull()
    {
        if (Json.BytesPending + _buffer.WrittenCount >= FlushThreshold)
        {
            Drain();
        }
    }

    /// <summary>Copies everything written so far, ends the line and flushes the output.</summary>
    public void Complete()
    {
        Drain();
        _output.WriteLine();
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => Json.Dispose();

    private void Drain()
    {
        Json.Flush();
        var bytes = _buffer.WrittenSpan;
        var needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (_chars.Length < needed)
        {
            _chars = new char[needed];
        }

        var count = Encoding.UTF8.GetChars(bytes, _chars);
        _output.Write(_chars, 0, count);
        _buffer.ResetWrittenCount();
    }
}
