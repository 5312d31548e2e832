using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using BeAlert.Cap.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace BeAlert.Gateway.Web.Geo;

/// <summary>
/// The base map of the web pages: Belgium's 581 municipalities (shipped boundaries, simplified to about 100 m and
/// rounded to 4 decimals) as one GeoJSON FeatureCollection with <c>nis</c>, <c>nl</c>, <c>fr</c>, <c>province</c> and
/// <c>population</c> properties; built once, served with an ETag and gzip. <c>/web/geo/locate</c> names the
/// municipality at a point (for "click on the map to add an address").
/// </summary>
public sealed class MapData
{
    public const string MunicipalitiesPath = "/web/geo/municipalities.json";
    public const string LocatePath = "/web/geo/locate";

    private readonly Lazy<(byte[] Plain, byte[] Gzip, string ETag)> _municipalities = new(Build);

    public byte[] MunicipalitiesJson => _municipalities.Value.Plain;

    internal static void Map(WebApplication app)
    {
        app.MapGet(MunicipalitiesPath, (HttpContext context, MapData data) =>
            {
                var (plain, gzip, etag) = data._municipalities.Value;
                context.Response.Headers.ETag = etag;
                context.Response.Headers.CacheControl = "public, max-age=86400";
                context.Response.Headers.Vary = "Accept-Encoding";
                if (context.Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.ContentEncoding = "gzip";
                    return Results.Bytes(gzip, "application/geo+json");
                }

                return Results.Bytes(plain, "application/geo+json");
            })
            .ExcludeFromDescription();

        app.MapGet(LocatePath, (string? lat, string? lon) =>
            {
                if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                    || !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                    || latitude is < -90 or > 90 || longitude is < -180 or > 180)
                {
                    return Results.Problem(statusCode: 400, title: "Bad coordinates", detail: "Give lat and lon as decimal degrees (WGS 84), e.g. ?lat=51.05&lon=3.72.");
                }

                var unit = BelgianBoundaries.Default.FindMunicipalityAt(latitude, longitude);
                return unit is null
                    ? Results.Problem(statusCode: 404, title: "Not in Belgium", detail: "No Belgian municipality contains this point.")
                    : Results.Ok(new { nis = unit.Code, nl = unit.NameNl, fr = unit.NameFr, de = MunicipalityNames.Get(unit, "de"), en = MunicipalityNames.Get(unit, "en"), population = unit.Population });
            })
            .WithName("LocateMunicipality")
            .WithSummary("The Belgian municipality at a point (NIS code and names).")
            .WithTags("Map");

        MunicipalityNames.Map(app);
    }

    private static (byte[] Plain, byte[] Gzip, string ETag) Build()
    {
        var boundaries = BelgianBoundaries.Default;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var unit in boundaries.Municipalities)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("properties");
                json.WriteString("nis", unit.Code);
                json.WriteString("nl", unit.NameNl);
                json.WriteString("fr", unit.NameFr);
                json.WriteString("de", MunicipalityNames.Get(unit, "de"));
                json.WriteString("en", MunicipalityNames.Get(unit, "en"));
                json.WriteString("province", ProvinceOf(boundaries, unit));
                json.WriteNumber("population", unit.Population);
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                WriteGeometry(json, TopologyPreservingSimplifier.Simplify(unit.GetGeometry(), 0.001));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var plain = buffer.ToArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
        {
            gzip.Write(plain);
        }

        var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(plain))[..16] + "\"";
        return (plain, compressed.ToArray(), etag);
    }

    private static string? ProvinceOf(BelgianBoundaries boundaries, AdministrativeUnit municipality)
    {
        var code = municipality.ParentCode;
        while (code is not null && boundaries.TryFind(code, out var parent))
        {
            if (parent.Level == AdministrativeLevel.Province)
            {
                return parent.Code;
            }

            code = parent.ParentCode;
        }

        return null;
    }

    private static void WriteGeometry(Utf8JsonWriter json, Geometry geometry)
    {
        json.WriteStartObject();
        json.WriteString("type", "MultiPolygon");
        json.WriteStartArray("coordinates");
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is not Polygon polygon || polygon.IsEmpty)
            {
                continue;
            }

            json.WriteStartArray();
            WriteRing(json, polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings)
            {
                WriteRing(json, hole);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRing(Utf8JsonWriter json, LineString ring)
    {
        json.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            json.WriteStartArray();
            json.WriteNumberValue(Math.Round(c.X, 4));
            json.WriteNumberValue(Math.Round(c.Y, 4));
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
