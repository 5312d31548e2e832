using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BeAlert.Cap;

namespace BeAlert.Cli.Output;

/// <summary>
/// The report of <c>bealert verify</c>. Text: one verdict line per file, then its diagnostics in the form compilers use,
/// then a summary line. JSON: one object,
/// <c>{"files":[{"path":"a.xml","status":"valid","signer":"CN=...","signatureMethod":"RSA-SHA256","diagnostics":[...]}]}</c>,
/// where status is <c>valid</c>, <c>untrusted</c>, <c>invalid</c> or <c>missing</c> (<c>null</c> with <c>ioError</c>
/// for a file that could not be read) and each diagnostic has the shape of <c>bealert validate</c>'s.
/// </summary>
internal sealed class VerifyReport : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _output;
    private readonly bool _json;
    private readonly ArrayBufferWriter<byte>? _buffer;
    private readonly Utf8JsonWriter? _writer;
    private readonly Dictionary<CapSignatureStatus, int> _counts = [];
    private int _files;

    /// <summary>Starts a report.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="json">JSON instead of text.</param>
    public VerifyReport(TextWriter output, bool json)
    {
        _output = output;
        _json = json;
        if (json)
        {
            _buffer = new ArrayBufferWriter<byte>();
            _writer = new Utf8JsonWriter(_buffer, WriterOptions);
            _writer.WriteStartObject();
            _writer.WriteStartArray("files");
        }
    }

    /// <summary>The status as written in reports.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>valid</c>, <c>untrusted</c>, <c>invalid</c> or <c>missing</c>.</returns>
    public static string StatusText(CapSignatureStatus status) => status switch
    {
        CapSignatureStatus.Valid => "valid",
        CapSignatureStatus.Untrusted => "untrusted",
        CapSignatureStatus.Missing => "missing",
        _ => "invalid",
    };

    /// <summary>Writes one file's verdict.</summary>
    /// <param name="path">The path as given.</param>
    /// <param name="result">The verdict, or <see langword="null"/> when the file could not be read.</param>
    /// <param name="ioError">Why the file could not be read.</param>
    public void WriteFile(string path, CapSignatureResult? result, string? ioError)
    {
        _files++;
        if (result is not null)
        {
            _counts[result.Status] = _counts.GetValueOrDefault(result.Status) + 1;
        }

        if (_writer is not null)
        {
            WriteJson(_writer, path, result, ioError);
            return;
        }

        if (result is null)
        {
            _output.WriteLine($"{path}: error: cannot read the file: {ioError}");
            return;
        }

        var signer = result.SignerCertificate?.Subject;
        var detail = result.Status switch
        {
            CapSignatureStatus.Valid => $": signed by {signer ?? "a pinned key"} ({result.SignatureMethod})",
            CapSignatureStatus.Untrusted when signer is not null => $": signed by {signer}, who is not trusted",
            _ => string.Empty,
        };
        _output.WriteLine($"{path}: {StatusText(result.Status)}{detail}");
        foreach (var d in result.Diagnostics)
        {
            var where = d.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{path}({d.Line},{d.Column})") : path;
            _output.WriteLine($"{where}: {JsonReport.SeverityText(d.Severity)} {d.Code} {d.Path}: {d.Message}");
        }
    }

    /// <summary>Finishes the report and flushes it.</summary>
    public void Complete()
    {
        if (_writer is not null)
        {
            _writer.WriteEndArray();
            _writer.WriteEndObject();
            _writer.Flush();
            _output.WriteLine(Encoding.UTF8.GetString(_buffer!.WrittenSpan));
        }
        else
        {
            int Count(CapSignatureStatus status) => _counts.GetValueOrDefault(status);
            var unreadable = _files - _counts.Values.Sum();
            var text = string.Create(
                CultureInfo.InvariantCulture,
                $"{_files} {(_files == 1 ? "file" : "files")}: {Count(CapSignatureStatus.Valid)} valid, {Count(CapSignatureStatus.Untrusted)} untrusted, {Count(CapSignatureStatus.Invalid)} invalid, {Count(CapSignatureStatus.Missing)} unsigned");
            _output.WriteLine(unreadable > 0 ? text + string.Create(CultureInfo.InvariantCulture, $", {unreadable} unreadable.") : text + ".");
        }

        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _writer?.Dispose();

    private static void WriteJson(Utf8JsonWriter json, string path, CapSignatureResult? result, string? ioError)
    {
        json.WriteStartObject();
        json.WriteString("path", path);
        if (result is null)
        {
            json.WriteNull("status");
            json.WriteString("ioError", ioError);
            json.WriteStartArray("diagnostics");
            json.WriteEndArray();
            json.WriteEndObject();
            return;
        }

        json.WriteString("status", StatusText(result.Status));
        json.WriteString("signer", result.SignerCertificate?.Subject);
        json.WriteString("signatureMethod", result.SignatureMethod);
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in result.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("code", diagnostic.Code);
            json.WriteString("severity", JsonReport.SeverityText(diagnostic.Severity));
            json.WriteString("message", diagnostic.Message);
            json.WriteString("path", diagnostic.Path);
            json.WriteNumber("line", diagnostic.Line);
            json.WriteNumber("column", diagnostic.Column);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
