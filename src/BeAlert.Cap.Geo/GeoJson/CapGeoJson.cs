using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace BeAlert.Cap.Geo;

/// <summary>
/// Alerts as GeoJSON (RFC 7946) and GeoJSON as CAP areas.
/// <para>
/// Export: one <see cref="Feature"/> per info block (an alert without info blocks gives one feature with a null
/// geometry), whose geometry is the union of the block's areas (<see cref="CapAreaLocator"/>) and whose properties
/// are the CAP fields: <c>identifier</c>, <c>sender</c>, <c>sent</c>, <c>status</c>, <c>msgType</c>, <c>scope</c>,
/// <c>references</c>, <c>note</c>, then the block's <c>language</c>, <c>category</c> (array), <c>event</c>,
/// <c>urgency</c>, <c>severity</c>, <c>certainty</c>, <c>effective</c>, <c>onset</c>, <c>expires</c>, <c>senderName</c>,
/// <c>headline</c>, <c>description</c>, <c>instruction</c>, <c>web</c>, <c>areaDesc</c> (the areas' descriptions joined
/// by "; ") and <c>infoIndex</c> (1-based). Absent optional fields are absent properties. Times are CAP text
/// (<c>2026-03-05T10:00:00+01:00</c>). The feature id is <c>identifier#infoIndex</c>. Written with NetTopologySuite's
/// GeoJSON4STJ, exterior rings counter-clockwise as RFC 7946 §3.1.6 asks.
/// </para>
/// <para>Import: see <see cref="ReadArea(ReadOnlySpan{byte}, string, CapGeoJsonReadOptions?)"/>.</para>
/// </summary>
public static class CapGeoJson
{
    private static readonly JsonSerializerOptions SerializerOptions = CreateSerializerOptions();

    /// <summary>The features of one alert: one per info block.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="locator">Places the areas; <see langword="null"/> for <see cref="CapAreaLocator.Default"/>.</param>
    /// <param name="diagnostics">Receives the diagnostics of placing the areas, when given.</param>
    /// <returns>The features.</returns>
    public static IReadOnlyList<IFeature> ToFeatures(CapAlert alert, CapAreaLocator? locator = null, ICollection<CapDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        locator ??= CapAreaLocator.Default;
        if (alert.Infos.Count == 0)
        {
            return [new Feature(null, AlertProperties(alert, null))];
        }

        var features = new IFeature[alert.Infos.Count];
        for (var i = 0; i < alert.Infos.Count; i++)
        {
            var located = locator.Locate(alert, i);
            if (diagnostics is not null)
            {
                foreach (var diagnostic in located.Diagnostics)
                {
                    diagnostics.Add(diagnostic);
                }
            }

            var attributes = AlertProperties(alert, i + 1);
            InfoProperties(alert.Infos[i], i + 1, attributes);
            features[i] = new Feature(located.IsEmpty ? null : located.GetGeometry(), attributes);
        }

        return features;
    }

    /// <summary>A feature collection of several alerts, in order.</summary>
    /// <param name="alerts">The alerts.</param>
    /// <param name="locator">Places the areas; <see langword="null"/> for <see cref="CapAreaLocator.Default"/>.</param>
    /// <param name="diagnostics">Receives the diagnostics of placing the areas, when given.</param>
    /// <returns>The collection.</returns>
    public static FeatureCollection ToFeatureCollection(IEnumerable<CapAlert> alerts, CapAreaLocator? locator = null, ICollection<CapDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var collection = new FeatureCollection();
        foreach (var alert in alerts)
        {
            foreach (var feature in ToFeatures(alert, locator, diagnostics))
            {
                collection.Add(feature);
            }
        }

        return collection;
    }

    /// <summary>Writes a feature collection as UTF-8 GeoJSON (no indentation, exterior rings counter-clockwise).</summary>
    /// <param name="collection">The collection, for example from <see cref="ToFeatureCollection"/>.</param>
    /// <param name="destination">Where to write.</param>
    public static void Write(FeatureCollection collection, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(destination);
        JsonSerializer.Serialize(destination, collection, SerializerOptions);
    }

    /// <summary>The GeoJSON text of a feature collection.</summary>
    /// <param name="collection">The collection.</param>
    /// <returns>The GeoJSON text.</returns>
    public static string ToJson(FeatureCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return JsonSerializer.Serialize(collection, SerializerOptions);
    }

    /// <summary>
    /// Reads a GeoJSON Polygon, MultiPolygon, Feature, FeatureCollection or GeometryCollection into one CAP area whose
    /// polygons are the outer rings of every polygon found (CAP order latitude,longitude; rings closed). Untrusted input
    /// is the normal case: size, depth and count limits apply (<see cref="CapGeoJsonReadOptions"/>), and every problem
    /// is a diagnostic with a JSONPath (<c>$.features[2].geometry.coordinates[0]</c>), never an exception.
    /// Holes are dropped (CAP polygons have none) with a warning; other geometry types, out-of-range coordinates,
    /// degenerate and self-intersecting rings are errors and those polygons are left out.
    /// </summary>
    /// <param name="utf8Json">The GeoJSON, UTF-8.</param>
    /// <param name="areaDesc">The <c>areaDesc</c> of the new area.</param>
    /// <param name="options">Limits, or <see langword="null"/> for the defaults.</param>
    /// <returns>The area (null when no polygon could be read) and the diagnostics.</returns>
    public static CapGeoJsonReadResult ReadArea(ReadOnlySpan<byte> utf8Json, string areaDesc, CapGeoJsonReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(areaDesc);
        options?.Validate();
        return GeoJsonAreaReader.Read(utf8Json, areaDesc, options ?? CapGeoJsonReadOptions.Default);
    }

    /// <summary>Reads GeoJSON from a stream, at most <see cref="CapGeoJsonReadOptions.MaxBytes"/> of it; see <see cref="ReadArea(ReadOnlySpan{byte}, string, CapGeoJsonReadOptions?)"/>.</summary>
    /// <param name="utf8Json">The GeoJSON, UTF-8.</param>
    /// <param name="areaDesc">The <c>areaDesc</c> of the new area.</param>
    /// <param name="options">Limits, or <see langword="null"/> for the defaults.</param>
    /// <returns>The area (null when no polygon could be read) and the diagnostics.</returns>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static CapGeoJsonReadResult ReadArea(Stream utf8Json, string areaDesc, CapGeoJsonReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(areaDesc);
        options?.Validate();
        options ??= CapGeoJsonReadOptions.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = utf8Json.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
            {
                return GeoJsonAreaReader.TooLarge(options);
            }

            buffer.Write(chunk, 0, read);
        }

        return GeoJsonAreaReader.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), areaDesc, options);
    }

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions
        {
            // Headlines are in French, Dutch and German: keep them readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new GeoJsonConverterFactory(GeoServices.Factory, false, GeoJsonConverterFactory.DefaultIdPropertyName, RingOrientationOption.EnforceRfc9746));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static AttributesTable AlertProperties(CapAlert alert, int? infoIndex)
    {
        var attributes = new AttributesTable
        {
            { GeoJsonConverterFactory.DefaultIdPropertyName, infoIndex is { } i ? $"{alert.Identifier}#{i}" : alert.Identifier },
            { "identifier", alert.Identifier },
            { "sender", alert.Sender },
            { "sent", alert.Sent.ToString() },
            { "status", alert.Status.ToString() },
            { "msgType", alert.MsgType.ToString() },
            { "scope", alert.Scope.ToString() },
        };
        if (alert.References.Count > 0)
        {
            attributes.Add("references", string.Join(' ', alert.References));
        }

        AddIfPresent(attributes, "note", alert.Note);
        return attributes;
    }

    private static void InfoProperties(CapInfo info, int infoIndex, AttributesTable attributes)
    {
        attributes.Add("language", info.EffectiveLanguage);
        attributes.Add("category", info.Categories.Select(c => c == CapCategory.Cbrne ? "CBRNE" : c.ToString()).ToArray());
        attributes.Add("event", info.Event);
        attributes.Add("urgency", info.Urgency.ToString());
        attributes.Add("severity", info.Severity.ToString());
        attributes.Add("certainty", info.Certainty.ToString());
        AddIfPresent(attributes, "effective", info.Effective?.ToString());
        AddIfPresent(attributes, "onset", info.Onset?.ToString());
        AddIfPresent(attributes, "expires", info.Expires?.ToString());
        AddIfPresent(attributes, "senderName", info.SenderName);
        AddIfPresent(attributes, "headline", info.Headline);
        AddIfPresent(attributes, "description", info.Description);
        AddIfPresent(attributes, "instruction", info.Instruction);
        AddIfPresent(attributes, "web", info.Web);
        attributes.Add("areaDesc", string.Join("; ", info.Areas.Select(a => a.AreaDesc)));
        attributes.Add("infoIndex", infoIndex);
    }

    private static void AddIfPresent(AttributesTable attributes, string name, string? value)
    {
        if (value is not null)
        {
            attributes.Add(name, value);
        }
    }
}
