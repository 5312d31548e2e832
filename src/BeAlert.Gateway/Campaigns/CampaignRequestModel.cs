using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using NetTopologySuite.Geometries;

namespace BeAlert.Gateway.Campaigns;

/// <summary>The body of <c>POST /api/campaigns</c> and <c>/api/campaigns/estimate</c>.</summary>
public sealed class CampaignBody
{
    /// <summary>The identifier of an alert this authority posted.</summary>
    public string? AlertId { get; set; }

    /// <summary>A template of this authority (its default channels and audience apply when the body gives none).</summary>
    public string? TemplateId { get; set; }

    /// <summary>A CAP 1.2 alert, inline.</summary>
    public string? CapXml { get; set; }

    /// <summary><c>sms</c>, <c>email</c>, <c>voice</c>, <c>cellBroadcast</c>, <c>signage</c>.</summary>
    public List<string>? Channels { get; set; }

    public AudienceBody? Audience { get; set; }

    public string? Name { get; set; }

    public int? Priority { get; set; }

    public bool Simulation { get; set; }

    /// <summary>Values for a template's <c>{{placeholders}}</c>.</summary>
    public Dictionary<string, string>? Values { get; set; }
}

/// <summary>Who a campaign is for: the union of its parts.</summary>
public sealed class AudienceBody
{
    public List<int>? Municipalities { get; set; }

    public List<AreaBody>? Areas { get; set; }

    public List<long>? Groups { get; set; }

    public List<long>? Lists { get; set; }

    public bool Everyone { get; set; }

    /// <summary>Streets (whole or by house-number range) of municipalities the authority may alert.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<StreetBody>? Streets { get; set; }

    [JsonIgnore]
    public bool IsEmpty => !Everyone && (Municipalities?.Count ?? 0) == 0 && (Areas?.Count ?? 0) == 0 && (Groups?.Count ?? 0) == 0 && (Lists?.Count ?? 0) == 0 && (Streets?.Count ?? 0) == 0;
}

/// <summary>One street: the municipality's NIS code, the street name as registered, optionally a house-number range.</summary>
public sealed class StreetBody
{
    public int Nis { get; set; }

    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? From { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? To { get; set; }
}

/// <summary>One area: a CAP polygon (<c>"lat,lon lat,lon …"</c>), a CAP circle (<c>"lat,lon radiusKm"</c>) or a GeoJSON polygon.</summary>
public sealed class AreaBody
{
    public string? Polygon { get; set; }

    public string? Circle { get; set; }

    public JsonElement? Geojson { get; set; }
}

/// <summary>An audience body checked and turned into geometry; groups and lists are still ids.</summary>
internal sealed record ParsedAudience(IReadOnlyList<int> Municipalities, IReadOnlyList<Geometry> Areas, IReadOnlyList<long> Groups, IReadOnlyList<long> Lists, bool Everyone)
{
    /// <summary>Streets, checked for form only (whether each exists is the street index's call: <see cref="CampaignStreets"/>).</summary>
    public IReadOnlyList<StreetTarget> Streets { get; init; } = [];
}

/// <summary>Parsing and checking of campaign bodies: every problem is listed (for a 422 ValidationProblem).</summary>
internal static class CampaignRequestModel
{
    public const int MaxAreas = 100;
    public const int MaxMunicipalities = 600;
    public const int MaxGroupsOrLists = 100;
    public const int MaxNameLength = 200;
    public const int MaxPolygonPoints = 10_000;
    public const double MaxRadiusKm = 500;

    internal static readonly JsonSerializerOptions Json = CreateJson();

    private static readonly CapAreaLocator Locator = new();

    private static readonly Dictionary<string, DeliveryChannel> ChannelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sms"] = DeliveryChannel.Sms,
        ["email"] = DeliveryChannel.Email,
        ["voice"] = DeliveryChannel.Voice,
        ["cellBroadcast"] = DeliveryChannel.CellBroadcast,
        ["signage"] = DeliveryChannel.Signage,
    };

    /// <summary>The API name of a channel (<c>sms</c>, <c>cellBroadcast</c>, …).</summary>
    public static string NameOf(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.CellBroadcast => "cellBroadcast",
        _ => channel.ToString().ToLowerInvariant(),
    };

    public static DeliveryChannels ParseChannels(IReadOnlyList<string>? names, Dictionary<string, string[]> errors)
    {
        if (names is null || names.Count == 0)
        {
            errors["channels"] = ["At least one channel is required: sms, email, voice, cellBroadcast, signage."];
            return DeliveryChannels.None;
        }

        var set = DeliveryChannels.None;
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (name is not null && ChannelNames.TryGetValue(name, out var channel))
            {
                set |= channel.ToSet();
            }
            else
            {
                unknown.Add(name is null ? "null" : name.Length > 40 ? name[..40] + "…" : name);
            }
        }

        if (unknown.Count > 0)
        {
            errors["channels"] = [$"Unknown channel(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}: use sms, email, voice, cellBroadcast, signage."];
        }

        return set;
    }

    public static IReadOnlyList<string> ChannelNamesOf(DeliveryChannels channels) =>
        [.. Enum.GetValues<DeliveryChannel>().Where(c => channels.Includes(c)).Select(NameOf)];

    public static ParsedAudience? ParseAudience(AudienceBody? body, Dictionary<string, string[]> errors)
    {
        if (body is null || body.IsEmpty)
        {
            errors["audience"] = ["An audience is required: municipalities, streets, areas, groups, lists or everyone."];
            return null;
        }

        var municipalities = body.Municipalities ?? [];
        if (municipalities.Count > MaxMunicipalities)
        {
            errors["audience.municipalities"] = [$"At most {MaxMunicipalities} municipalities."];
        }
        else
        {
            var unknown = municipalities.Where(code => !KnownMunicipalities.Contains(code)).Distinct().ToList();
            if (unknown.Count > 0)
            {
                errors["audience.municipalities"] = [$"Unknown NIS code(s): {string.Join(", ", unknown.Take(20))}."];
            }
        }

        var groups = body.Groups ?? [];
        var lists = body.Lists ?? [];
        if (groups.Count > MaxGroupsOrLists || groups.Any(g => g <= 0))
        {
            errors["audience.groups"] = [$"At most {MaxGroupsOrLists} groups, each a positive id."];
        }

        if (lists.Count > MaxGroupsOrLists || lists.Any(l => l <= 0 || l > ContactList.MaxId))
        {
            errors["audience.lists"] = [$"At most {MaxGroupsOrLists} lists, each a positive id up to {ContactList.MaxId}."];
        }

        var areas = new List<Geometry>();
        var bodies = body.Areas ?? [];
        if (bodies.Count > MaxAreas)
        {
            errors["audience.areas"] = [$"At most {MaxAreas} areas."];
        }
        else
        {
            for (var i = 0; i < bodies.Count; i++)
            {
                var problem = ParseArea(bodies[i], out var geometry);
                if (problem is not null)
                {
                    errors[$"audience.areas[{i}]"] = [problem];
                }
                else
                {
                    areas.Add(geometry!);
                }
            }
        }

        var streets = CampaignStreets.Parse(body.Streets, KnownMunicipalities, errors);
        return new ParsedAudience([.. municipalities.Distinct()], areas, [.. groups.Distinct()], [.. lists.Distinct()], body.Everyone) { Streets = streets };
    }

    public static void CheckName(string? name, string field, Dictionary<string, string[]> errors)
    {
        if (name is not null && (name.Length > MaxNameLength || name.Any(char.IsControl)))
        {
            errors[field] = [$"A name has at most {MaxNameLength} characters and no control characters."];
        }
    }

    /// <summary>Parses a CAP document; null with the error and diagnostics when it is malformed or invalid (BE-Alert profile).</summary>
    public static CapAlert? ParseCap(string xml, string field, Dictionary<string, string[]> errors)
    {
        if (!CapParser.Default.TryParse(xml, out var document, out var error))
        {
            errors[field] = [$"The CAP document is malformed: {error!.Message}"];
            return null;
        }

        var validation = new CapValidator(CapProfile.BeAlert).Validate(document!);
        if (!validation.IsValid)
        {
            errors[field] = [.. validation.Errors.Take(20).Select(d => $"{d.Code} at {d.Path}: {d.Message}")];
            return null;
        }

        return document!.Alert;
    }

    private static readonly HashSet<int> KnownMunicipalities =
        [.. BelgianBoundaries.Default.Municipalities.Select(m => int.Parse(m.Code, CultureInfo.InvariantCulture))];

    private static string? ParseArea(AreaBody? area, out Geometry? geometry)
    {
        geometry = null;
        if (area is null)
        {
            return "An area needs one of polygon, circle or geojson.";
        }

        var given = (area.Polygon is null ? 0 : 1) + (area.Circle is null ? 0 : 1) + (area.Geojson is null ? 0 : 1);
        if (given != 1)
        {
            return "An area needs exactly one of polygon, circle or geojson.";
        }

        CapArea cap;
        if (area.Polygon is { } polygon)
        {
            var points = new List<CapPoint>();
            foreach (var token in polygon.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (points.Count > MaxPolygonPoints)
                {
                    return $"A polygon has at most {MaxPolygonPoints} points.";
                }

                if (!TryParsePoint(token, out var point))
                {
                    return $"'{Cut(token)}' is not a 'lat,lon' point (WGS 84 degrees).";
                }

                points.Add(point);
            }

            if (points.Count > 0 && points[0] != points[^1])
            {
                points.Add(points[0]);
            }

            if (points.Count < 4)
            {
                return "A polygon needs at least three distinct points: \"lat,lon lat,lon lat,lon …\".";
            }

            cap = new CapArea("campaign area") { Polygons = [new CapPolygon(points)] };
        }
        else if (area.Circle is { } circle)
        {
            var parts = circle.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !TryParsePoint(parts[0], out var center)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius)
                || !double.IsFinite(radius) || radius <= 0 || radius > MaxRadiusKm)
            {
                return $"A circle is \"lat,lon radiusKm\" with a radius above 0 and at most {MaxRadiusKm} km.";
            }

            cap = new CapArea("campaign area") { Circles = [new CapCircle(center, radius)] };
        }
        else
        {
            var json = area.Geojson!.Value;
            if (json.ValueKind != JsonValueKind.Object)
            {
                return "geojson must be a GeoJSON Polygon or MultiPolygon object.";
            }

            var read = CapGeoJson.ReadArea(JsonSerializer.SerializeToUtf8Bytes(json), "campaign area", null);
            if (read.Area is null || read.Diagnostics.Any(d => d.IsError))
            {
                return "geojson is not a usable polygon: " + string.Join("; ", read.Diagnostics.Where(d => d.IsError).Take(5).Select(d => d.Message));
            }

            cap = read.Area;
        }

        CapGeometry located;
        try
        {
            located = Locator.Locate(cap);
        }
        catch (ArgumentException e)
        {
            return "The area cannot be placed on the map: " + e.Message;
        }

        if (located.HasErrors || located.IsEmpty)
        {
            var why = string.Join("; ", located.Diagnostics.Where(d => d.IsError).Take(5).Select(d => d.Message));
            return "The area cannot be placed on the map" + (why.Length > 0 ? ": " + why : ".");
        }

        geometry = located.GetGeometry();
        return null;
    }

    private static bool TryParsePoint(string token, out CapPoint point)
    {
        point = default;
        var comma = token.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0
            || !double.TryParse(token.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(token.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return false;
        }

        point = new CapPoint(lat, lon);
        return true;
    }

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MaxDepth = 64;
        return options;
    }
}
