using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Output;

/// <summary>
/// Streams a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format) so that CI systems show CAP
/// diagnostics inline: one run of the tool <c>bealert</c>, one result per diagnostic with its rule id (the CAP####
/// code), level, message, the file and line/column as a physical location and the element path as a logical location.
/// Files that could not be read become tool execution notifications, and the run is then not successful. The rules
/// used are listed after the results, as SARIF allows (object members have no order).
/// </summary>
internal sealed class SarifReport : IValidationReport, IDisposable
{
    /// <summary>The SARIF version written.</summary>
    public const string SarifVersion = "2.1.0";

    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private readonly JsonChunkWriter _writer;
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<string, (int Index, CapDiagnosticSeverity Severity)> _rules = new(StringComparer.Ordinal);
    private readonly List<string> _ruleOrder = [];
    private readonly List<(string Path, string Message)> _ioErrors = [];

    /// <summary>Starts the log: writes its header and opens the results.</summary>
    /// <param name="output">The destination.</param>
    public SarifReport(TextWriter output)
    {
        _writer = new JsonChunkWriter(output);
        _json = _writer.Json;
        _json.WriteStartObject();
        _json.WriteString("$schema", SchemaUri);
        _json.WriteString("version", SarifVersion);
        _json.WriteStartArray("runs");
        _json.WriteStartObject();
        _json.WriteStartArray("results");
    }

    /// <inheritdoc />
    public void WriteFile(FileValidationResult result)
    {
        if (result.IoError is not null)
        {
            _ioErrors.Add((result.Path, result.IoError));
            return;
        }

        var uri = ArtifactUri(result.Path);
        foreach (var diagnostic in result.Diagnostics)
        {
            if (!_rules.TryGetValue(diagnostic.Code, out var rule))
            {
                rule = (_ruleOrder.Count, diagnostic.Severity);
                _rules.Add(diagnostic.Code, rule);
                _ruleOrder.Add(diagnostic.Code);
            }

            _json.WriteStartObject();
            _json.WriteString("ruleId", diagnostic.Code);
            _json.WriteNumber("ruleIndex", rule.Index);
            _json.WriteString("level", Level(diagnostic.Severity));
            WriteMessage(diagnostic.Message);
            _json.WriteStartArray("locations");
            _json.WriteStartObject();
            WritePhysicalLocation(uri, diagnostic.Line, diagnostic.Column);
            _json.WriteStartArray("logicalLocations");
            _json.WriteStartObject();
            _json.WriteString("fullyQualifiedName", diagnostic.Path);
            _json.WriteString("kind", "element");
            _json.WriteEndObject();
            _json.WriteEndArray();
            _json.WriteEndObject();
            _json.WriteEndArray();
            _json.WriteEndObject();
        }

        _writer.DrainIfFull();
    }

    /// <inheritdoc />
    public void Complete(ValidationSummary summary)
    {
        _json.WriteEndArray();

        _json.WriteStartObject("tool");
        _json.WriteStartObject("driver");
        _json.WriteString("name", "bealert");
        _json.WriteString("fullName", "bealert validate (BeAlert.Cap)");
        var version = typeof(SarifReport).Assembly.GetName().Version;
        if (version is not null)
        {
            _json.WriteString("semanticVersion", $"{version.Major}.{version.Minor}.{version.Build}");
        }

        _json.WriteStartArray("rules");
        foreach (var code in _ruleOrder)
        {
            _json.WriteStartObject();
            _json.WriteString("id", code);
            _json.WriteStartObject("defaultConfiguration");
            _json.WriteString("level", Level(_rules[code].Severity));
            _json.WriteEndObject();
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndObject();

        _json.WriteStartArray("invocations");
        _json.WriteStartObject();
        _json.WriteBoolean("executionSuccessful", _ioErrors.Count == 0);
        if (_ioErrors.Count > 0)
        {
            _json.WriteStartArray("toolExecutionNotifications");
            foreach (var (path, message) in _ioErrors)
            {
                _json.WriteStartObject();
                _json.WriteString("level", "error");
                WriteMessage("Cannot read the file: " + message);
                _json.WriteStartArray("locations");
                _json.WriteStartObject();
                WritePhysicalLocation(ArtifactUri(path), 0, 0);
                _json.WriteEndObject();
                _json.WriteEndArray();
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }

        _json.WriteEndObject();
        _json.WriteEndArray();

        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _writer.Complete();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// The file as a SARIF artifact URI: a relative path stays relative (forward slashes, each segment escaped), so that
    /// a CI system resolves it against the checkout; an absolute path becomes a <c>file://</c> URI.
    /// </summary>
    /// <param name="path">The path as shown to the user.</param>
    /// <returns>The URI text.</returns>
    public static string ArtifactUri(string path)
    {
        if (Path.IsPathFullyQualified(path))
        {
            return new Uri(path).AbsoluteUri;
        }

        var segments = path.Replace('\\', '/').Split('/');
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>The SARIF level of a severity: <c>error</c>, <c>warning</c> or <c>note</c>.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The level.</returns>
    public static string Level(CapDiagnosticSeverity severity) => severity switch
    {
        CapDiagnosticSeverity.Error => "error",
        CapDiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private void WriteMessage(string text)
    {
        _json.WriteStartObject("message");
        _json.WriteString("text", text);
        _json.WriteEndObject();
    }

    private void WritePhysicalLocation(string uri, int line, int column)
    {
        _json.WriteStartObject("physicalLocation");
        _json.WriteStartObject("artifactLocation");
        _json.WriteString("uri", uri);
        _json.WriteEndObject();
        if (line > 0)
        {
            _json.WriteStartObject("region");
            _json.WriteNumber("startLine", line);
            if (column > 0)
            {
                _json.WriteNumber("startColumn", column);
            }

            _json.WriteEndObject();
        }

        _json.WriteEndObject();
    }
}
