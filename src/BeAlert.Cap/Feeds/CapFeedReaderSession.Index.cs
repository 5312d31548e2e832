using System.Globalization;

namespace BeAlert.Cap;

/// <summary>CAP index elements of an entry: <c>cap:event</c>, <c>cap:urgency</c>, <c>cap:effective</c>...</summary>
internal sealed partial class CapFeedReaderSession
{
    /// <summary>The index fields of one entry while it is read, with the position of each field for later checks.</summary>
    private sealed class IndexBuilder
    {
        internal readonly Dictionary<string, (string Path, int Line, int Column)> Positions = new(StringComparer.Ordinal);
        internal readonly List<string> AreaDescs = [];
        internal readonly List<CapCategory> Categories = [];
        internal readonly List<CapPolygon> Polygons = [];
        internal readonly List<CapCircle> Circles = [];
        internal readonly List<CapNamedValue> Geocodes = [];
        internal CapFeedIndex Index = new();
        internal bool Any;
        internal int Polygon;
        internal int Circle;
        internal int Geocode;
        internal int Category;

        internal CapFeedIndex? Build() => !Any ? null : Index with
        {
            AreaDesc = AreaDescs.Count == 0 ? null : string.Join("; ", AreaDescs),
            Categories = Categories,
            Polygons = Polygons,
            Circles = Circles,
            Geocodes = Geocodes,
        };
    }

    /// <summary>Reads one CAP index element of an entry (the reader is on it; left on its end).</summary>
    private void ReadIndexElement(IndexBuilder index, string entryPath)
    {
        var name = _reader.LocalName;
        var position = ElementPosition();
        index.Any = true;
        var path = name switch
        {
            "polygon" => $"{entryPath}/polygon[{++index.Polygon}]",
            "circle" => $"{entryPath}/circle[{++index.Circle}]",
            "geocode" => $"{entryPath}/geocode[{++index.Geocode}]",
            "category" => $"{entryPath}/category[{++index.Category}]",
            _ => $"{entryPath}/{name}",
        };
        index.Positions.TryAdd(name, (path, position.Line, position.Column));
        if (name == "geocode")
        {
            ReadIndexGeocode(index, path, position);
            return;
        }

        var text = ReadText().Trim();
        var i = index.Index;
        switch (name)
        {
            case "identifier":
                index.Index = i with { Identifier = text };
                break;
            case "sender":
                index.Index = i with { Sender = text };
                break;
            case "event":
                index.Index = i with { Event = text };
                break;
            case "areaDesc":
                index.AreaDescs.Add(text);
                break;
            case "sent":
                index.Index = i with { Sent = IndexTime(text, path, position) };
                break;
            case "effective":
                index.Index = i with { Effective = IndexTime(text, path, position) };
                break;
            case "onset":
                index.Index = i with { Onset = IndexTime(text, path, position) };
                break;
            case "expires":
                index.Index = i with { Expires = IndexTime(text, path, position) };
                break;
            case "status":
                index.Index = i with { Status = IndexEnum<CapStatus>(text, path, position) };
                break;
            case "msgType":
                index.Index = i with { MsgType = IndexEnum<CapMessageType>(text, path, position) };
                break;
            case "scope":
                index.Index = i with { Scope = IndexEnum<CapScope>(text, path, position) };
                break;
            case "urgency":
                index.Index = i with { Urgency = IndexEnum<CapUrgency>(text, path, position) };
                break;
            case "severity":
                index.Index = i with { Severity = IndexEnum<CapSeverity>(text, path, position) };
                break;
            case "certainty":
                index.Index = i with { Certainty = IndexEnum<CapCertainty>(text, path, position) };
                break;
            case "category":
                if (IndexEnum<CapCategory>(text, path, position) is { } category)
                {
                    index.Categories.Add(category);
                }

                break;
            case "polygon":
                if (TryPolygon(text, out var polygon))
                {
                    index.Polygons.Add(polygon);
                }
                else
                {
                    Report(CapDiagnosticCodes.FeedIndexValueInvalid, "cap:polygon is not a space-separated list of latitude,longitude pairs.", path, position);
                }

                break;
            case "circle":
                if (TryCircle(text, out var circle))
                {
                    index.Circles.Add(circle);
                }
                else
                {
                    Report(CapDiagnosticCodes.FeedIndexValueInvalid, "cap:circle is not 'latitude,longitude radius'.", path, position);
                }

                break;
        }
    }

    private void ReadIndexGeocode(IndexBuilder index, string path, (int Line, int Column) position)
    {
        string? valueName = null;
        string? value = null;
        var depth = _reader.Depth;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (!IsCapNamespace(_reader.NamespaceURI))
                {
                    continue;
                }

                switch (_reader.LocalName)
                {
                    case "valueName":
                        valueName = ReadText().Trim();
                        break;
                    case "value":
                        value = ReadText().Trim();
                        break;
                }
            }
        }

        if (valueName is null || value is null)
        {
            Report(CapDiagnosticCodes.FeedIndexValueInvalid, "cap:geocode needs a cap:valueName and a cap:value.", path, position);
            return;
        }

        index.Geocodes.Add(new CapNamedValue(valueName, value));
    }

    private CapDateTime? IndexTime(string text, string path, (int Line, int Column) position)
    {
        var outcome = CapDateTimeText.TryParse(text, out var value);
        if (outcome == CapDateTimeText.Outcome.Valid)
        {
            return value;
        }

        var why = outcome == CapDateTimeText.Outcome.ZuluDesignator
            ? "it uses 'Z'; CAP writes UTC as -00:00"
            : "CAP date-times are YYYY-MM-DDThh:mm:ss with an explicit offset such as +01:00";
        Report(CapDiagnosticCodes.FeedIndexValueInvalid, $"cap:{path[(path.LastIndexOf('/') + 1)..]} '{text}' is not a CAP date-time: {why}.", path, position);
        return null;
    }

    private TEnum? IndexEnum<TEnum>(string text, string path, (int Line, int Column) position)
        where TEnum : struct, Enum
    {
        if (CapEnumText.TryParse<TEnum>(text, ignoreCase: false, out var value))
        {
            return value;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        name = bracket >= 0 ? name[..bracket] : name;
        Report(CapDiagnosticCodes.FeedIndexValueInvalid, $"cap:{name} '{text}' is not one of {CapEnumText.Allowed<TEnum>()}.", path, position);
        return null;
    }

    private static bool TryPolygon(string text, out CapPolygon polygon)
    {
        var points = new List<CapPoint>();
        foreach (var pair in text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryPoint(pair, out var point))
            {
                polygon = null!;
                return false;
            }

            points.Add(point);
        }

        polygon = new CapPolygon(points);
        return points.Count > 0;
    }

    private static bool TryCircle(string text, out CapCircle circle)
    {
        circle = null!;
        var parts = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !TryPoint(parts[0], out var center) || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || !double.IsFinite(radius))
        {
            return false;
        }

        circle = new CapCircle(center, radius);
        return true;
    }

    private static bool TryPoint(string pair, out CapPoint point)
    {
        point = default;
        var comma = pair.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0
            || !double.TryParse(pair.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            || !double.TryParse(pair.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            || !double.IsFinite(latitude) || !double.IsFinite(longitude))
        {
            return false;
        }

        point = new CapPoint(latitude, longitude);
        return true;
    }

    /// <summary>Warns where an index field says something else than the alert embedded in the same entry.</summary>
    private void CheckIndexAgainst(IndexBuilder builder, CapFeedIndex? index, List<CapDocument> embedded)
    {
        if (index is null || embedded.Count == 0)
        {
            return;
        }

        var alert = embedded[0].Alert;
        var info = alert.Infos.Count > 0 ? alert.Infos[0] : null;
        Compare("identifier", index.Identifier, alert.Identifier);
        Compare("sender", index.Sender, alert.Sender);
        Compare("sent", index.Sent?.UtcValue, alert.Sent.UtcValue);
        Compare("status", index.Status, alert.Status);
        Compare("msgType", index.MsgType, alert.MsgType);
        Compare("scope", index.Scope, alert.Scope);
        if (info is not null)
        {
            Compare("event", index.Event, info.Event);
            Compare("urgency", index.Urgency, info.Urgency);
            Compare("severity", index.Severity, info.Severity);
            Compare("certainty", index.Certainty, info.Certainty);
            Compare("expires", index.Expires?.UtcValue, info.Expires?.UtcValue);
        }

        void Compare<T>(string name, T? indexed, T? actual)
        {
            if (indexed is null || EqualityComparer<T?>.Default.Equals(indexed, actual) || !builder.Positions.TryGetValue(name, out var at))
            {
                return;
            }

            Report(
                CapDiagnosticCodes.FeedIndexMismatch,
                $"cap:{name} is '{Text(indexed)}' but the alert embedded in this entry says '{(actual is null ? "(nothing)" : Text(actual))}'.",
                at.Path,
                (at.Line, at.Column));
        }

        static string Text<T>(T value) => value switch
        {
            DateTimeOffset time => new CapDateTime(time).ToString(),
            Enum e => e.ToString(),
            _ => value?.ToString() ?? string.Empty,
        };
    }
}
