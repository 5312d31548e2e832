using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BeAlert.Cap;

/// <summary>
/// Writes an alert as JSON for web clients and logs: one object per CAP element, named exactly as in CAP 1.2
/// (<c>identifier</c>, <c>msgType</c>, <c>info</c>, <c>areaDesc</c>...), repeated elements as arrays, absent optional
/// elements left out. Values keep their CAP text form so nothing is lost or reinterpreted: times with their offset
/// (<c>2026-11-25T14:30:00+01:00</c>), coded values as CAP spells them, <c>polygon</c> as its
/// <c>lat,lon lat,lon ...</c> text and <c>circle</c> as <c>lat,lon radius</c>; <c>size</c>, <c>altitude</c> and
/// <c>ceiling</c> are JSON numbers. <c>addresses</c>, <c>incidents</c> and <c>references</c> are arrays of entries. An
/// XML signature is not carried: JSON is not a signed form of the alert.
/// </summary>
public static class CapJsonWriter
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>Writes <paramref name="alert"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="stream">The destination (not closed).</param>
    /// <param name="indented">Whether to indent the output.</param>
    public static void Write(CapAlert alert, Stream stream, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact);
        Write(alert, writer);
    }

    /// <summary>Writes <paramref name="alert"/> as one JSON object with <paramref name="writer"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="writer">The writer (flushed, not disposed).</param>
    public static void Write(CapAlert alert, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("identifier", alert.Identifier);
        writer.WriteString("sender", alert.Sender);
        writer.WriteString("sent", alert.Sent.ToString());
        writer.WriteString("status", CapEnumText.ToText(alert.Status));
        writer.WriteString("msgType", CapEnumText.ToText(alert.MsgType));
        Optional(writer, "source", alert.Source);
        writer.WriteString("scope", CapEnumText.ToText(alert.Scope));
        Optional(writer, "restriction", alert.Restriction);
        Strings(writer, "addresses", alert.Addresses);
        Strings(writer, "code", alert.Codes);
        Optional(writer, "note", alert.Note);
        Strings(writer, "references", [.. alert.References.Select(r => r.ToString())]);
        Strings(writer, "incidents", alert.Incidents);
        if (alert.Infos.Count > 0)
        {
            writer.WriteStartArray("info");
            foreach (var info in alert.Infos)
            {
                WriteInfo(writer, info);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The alert as a JSON string.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON.</returns>
    public static string WriteToString(CapAlert alert, bool indented = false)
    {
        using var buffer = new MemoryStream();
        Write(alert, buffer, indented);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteInfo(Utf8JsonWriter w, CapInfo info)
    {
        w.WriteStartObject();
        Optional(w, "language", info.Language);
        Strings(w, "category", [.. info.Categories.Select(CapEnumText.ToText)]);
        w.WriteString("event", info.Event);
        Strings(w, "responseType", [.. info.ResponseTypes.Select(CapEnumText.ToText)]);
        w.WriteString("urgency", CapEnumText.ToText(info.Urgency));
        w.WriteString("severity", CapEnumText.ToText(info.Severity));
        w.WriteString("certainty", CapEnumText.ToText(info.Certainty));
        Optional(w, "audience", info.Audience);
        Pairs(w, "eventCode", info.EventCodes);
        Optional(w, "effective", info.Effective?.ToString());
        Optional(w, "onset", info.Onset?.ToString());
        Optional(w, "expires", info.Expires?.ToString());
        Optional(w, "senderName", info.SenderName);
        Optional(w, "headline", info.Headline);
        Optional(w, "description", info.Description);
        Optional(w, "instruction", info.Instruction);
        Optional(w, "web", info.Web);
        Optional(w, "contact", info.Contact);
        Pairs(w, "parameter", info.Parameters);
        if (info.Resources.Count > 0)
        {
            w.WriteStartArray("resource");
            foreach (var resource in info.Resources)
            {
                w.WriteStartObject();
                w.WriteString("resourceDesc", resource.ResourceDesc);
                w.WriteString("mimeType", resource.MimeType);
                if (resource.Size is { } size)
                {
                    w.WriteNumber("size", size);
                }

                Optional(w, "uri", resource.Uri);
                Optional(w, "derefUri", resource.DerefUri);
                Optional(w, "digest", resource.Digest);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (info.Areas.Count > 0)
        {
            w.WriteStartArray("area");
            foreach (var area in info.Areas)
            {
                w.WriteStartObject();
                w.WriteString("areaDesc", area.AreaDesc);
                Strings(w, "polygon", [.. area.Polygons.Select(p => p.ToString())]);
                Strings(w, "circle", [.. area.Circles.Select(c => c.ToString())]);
                Pairs(w, "geocode", area.Geocodes);
                Decimal(w, "altitude", area.Altitude);
                Decimal(w, "ceiling", area.Ceiling);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Decimal(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } number)
        {
            // The decimal as CAP wrote it, as a JSON number (no binary rounding).
            w.WritePropertyName(name);
            w.WriteRawValue(number.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Pairs(Utf8JsonWriter w, string name, IReadOnlyList<CapNamedValue> pairs)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var pair in pairs)
        {
            w.WriteStartObject();
            w.WriteString("valueName", pair.ValueName);
            w.WriteString("value", pair.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
