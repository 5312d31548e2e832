using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Output;

/// <summary>
/// Streams one JSON object to the output:
/// <c>{"files":[{"path":"a.xml","valid":false,"capVersion":"1.2","diagnostics":[{"code":"CAP0303","severity":"error",
/// "message":"...","path":"/alert","line":3,"column":5}]}]}</c>.
/// <c>capVersion</c> is <c>null</c> for a document that could not be read; a file that could not be opened also
/// carries <c>"ioError":"..."</c>. The JSON is written in chunks of about 16 KiB, never as one string.
/// </summary>
internal sealed class JsonReport : IValidationReport, IDisposable
{
    private readonly JsonChunkWriter _writer;
    private readonly Utf8JsonWriter _json;

    /// <summary>Starts the report: writes <c>{"files":[</c>.</summary>
    /// <param name="output">The destination.</param>
    public JsonReport(TextWriter output)
    {
        _writer = new JsonChunkWriter(output);
        _json = _writer.Json;
        _json.WriteStartObject();
        _json.WriteStartArray("files");
    }

    /// <inheritdoc />
    public void WriteFile(FileValidationResult result)
    {
        _json.WriteStartObject();
        _json.WriteString("path", result.Path);
        _json.WriteBoolean("valid", result.IsValid);
        if (result.Version is { } version)
        {
            _json.WriteString("capVersion", VersionText(version));
        }
        else
        {
            _json.WriteNull("capVersion");
        }

        if (result.IoError is not null)
        {
            _json.WriteString("ioError", result.IoError);
        }

        _json.WriteStartArray("diagnostics");
        foreach (var diagnostic in result.Diagnostics)
        {
            _json.WriteStartObject();
            _json.WriteString("code", diagnostic.Code);
            _json.WriteString("severity", SeverityText(diagnostic.Severity));
            _json.WriteString("message", diagnostic.Message);
            _json.WriteString("path", diagnostic.Path);
            _json.WriteNumber("line", diagnostic.Line);
            _json.WriteNumber("column", diagnostic.Column);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _writer.DrainIfFull();
    }

    /// <inheritdoc />
    public void Complete(ValidationSummary summary)
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _writer.Complete();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <summary>The CAP version as written in the JSON (<c>1.0</c>, <c>1.1</c>, <c>1.2</c>).</summary>
    /// <param name="version">The version.</param>
    /// <returns>The text.</returns>
    public static string VersionText(CapVersion version) => version switch
    {
        CapVersion.Cap10 => "1.0",
        CapVersion.Cap11 => "1.1",
        CapVersion.Cap12 => "1.2",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown CAP version."),
    };

    /// <summary>The severity as written in reports (<c>error</c>, <c>warning</c>, <c>info</c>).</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The text.</returns>
    public static string SeverityText(CapDiagnosticSeverity severity) => severity switch
    {
        CapDiagnosticSeverity.Error => "error",
        CapDiagnosticSeverity.Warning => "warning",
        CapDiagnosticSeverity.Info => "info",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };
}
