using System.Text.Json;
using System.Text.Json.Serialization;
using BeAlert.Cap;

namespace BeAlert.Gateway.Alerts;

/// <summary>An alert as listed: where it stands, not its content.</summary>
public sealed record AlertSummary(
    long Sequence,
    string Identifier,
    string Sender,
    DateTimeOffset Sent,
    string Status,
    string MsgType,
    string Scope,
    AlertState State,
    bool Simulation,
    string AuthorityId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset Expires,
    IReadOnlyList<int> Municipalities,
    string? Headline,
    string Location);

/// <summary>The body of <c>201 Created</c>: the stored alert and the warnings (which do not block).</summary>
public sealed record AlertCreated(AlertSummary Alert, IReadOnlyList<DiagnosticView> Warnings);

/// <summary>One CAP diagnostic in a response body.</summary>
public sealed record DiagnosticView(string Code, CapDiagnosticSeverity Severity, string Path, int Line, int Column, string Message)
{
    internal static DiagnosticView Of(CapDiagnostic d) => new(d.Code, d.Severity, d.Path, d.Line, d.Column, d.Message);
}

/// <summary>JSON views of stored alerts: the summary and the whole CAP model (<c>GET /api/alerts/{id}.json</c>).</summary>
internal static class AlertJson
{
    /// <summary>CAP times in CAP form ("2026-11-20T09:12:00+01:00"), enums as strings, camelCase.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new CapDateTimeConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Location(string identifier) => "/api/alerts/" + Uri.EscapeDataString(identifier);

    public static AlertSummary Summary(StoredAlert a) => new(
        a.Sequence,
        a.Identifier,
        a.Sender,
        a.Alert.Sent.Value,
        a.Alert.Status.ToString(),
        a.Alert.MsgType.ToString(),
        a.Alert.Scope.ToString(),
        a.State,
        a.Simulation,
        a.AuthorityId,
        a.ReceivedAt,
        a.Expires,
        a.Municipalities,
        a.Alert.Infos.Count > 0 ? a.Alert.Infos[0].Headline : null,
        Location(a.Identifier));

    /// <summary>The projection for <c>.json</c>: the summary plus the CAP model.</summary>
    public static byte[] Full(StoredAlert a, AlertState state) =>
        JsonSerializer.SerializeToUtf8Bytes(new { summary = Summary(a.WithState(state)), alert = a.Alert }, Options);

    private sealed class CapDateTimeConverter : JsonConverter<CapDateTime>
    {
        public override CapDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            CapDateTime.TryParse(reader.GetString(), out var value) ? value : throw new JsonException("Not a CAP date-time.");

        public override void Write(Utf8JsonWriter writer, CapDateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
