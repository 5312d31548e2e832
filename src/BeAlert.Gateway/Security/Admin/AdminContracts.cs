using System.Text.Json;
using System.Text.Json.Serialization;
using BeAlert.Dispatch;

namespace BeAlert.Gateway.Security.Admin;

/// <summary>
/// <c>POST /api/admin/authorities</c>. <see cref="Municipalities"/>: NIS codes (strings or numbers); a province code
/// stands for all its municipalities; empty for the federal level (which covers the whole country).
/// </summary>
public sealed record CreateAuthorityRequest(
    string? Id,
    string? Name,
    string? Level,
    string? Agreement,
    [property: JsonConverter(typeof(NisCodeListConverter))] IReadOnlyList<string>? Municipalities,
    bool? Trained,
    bool? Simulation);

/// <summary><c>PATCH /api/admin/authorities/{id}</c>: only the fields given change.</summary>
public sealed record UpdateAuthorityRequest(
    string? Name,
    bool? Trained,
    bool? Simulation,
    [property: JsonConverter(typeof(NisCodeListConverter))] IReadOnlyList<string>? Municipalities);

/// <summary>
/// <c>POST /api/admin/keys</c>: an operator key needs <see cref="AuthorityId"/>; a vendor key needs
/// <see cref="Vendor"/> (municipalities and/or a polygon); an admin key needs neither.
/// </summary>
public sealed record CreateKeyRequest(string? Name, string? Role, string? AuthorityId, VendorAreasRequest? Vendor);

/// <summary>A vendor key's areas: NIS codes (province codes expand) and/or a CAP polygon <c>"lat,lon lat,lon …"</c>.</summary>
public sealed record VendorAreasRequest(
    [property: JsonConverter(typeof(NisCodeListConverter))] IReadOnlyList<string>? Municipalities,
    string? Polygon);

/// <summary>The answer to <c>POST /api/admin/keys</c>: the only response that ever carries <see cref="Key"/>.</summary>
public sealed record CreatedKeyResponse(string Id, string Key, string Name, KeyRole Role, string? AuthorityId, VendorScope? Vendor, DateTimeOffset CreatedAt);

/// <summary>An authority as the admin API shows it.</summary>
public sealed record AuthorityResponse(string Id, string Name, AuthorityLevel Level, AgreementType Agreement, bool Trained, bool Simulation, IReadOnlyList<int> Municipalities)
{
    public static AuthorityResponse From(Authority a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Name, a.Level, a.Agreement, a.IsTrained, a.Simulation, a.Municipalities);
    }
}

/// <summary>Reads a list of NIS codes given as JSON strings or numbers (the API writes them as numbers).</summary>
internal sealed class NisCodeListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected an array of NIS codes.");
        }

        var codes = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            codes.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString() ?? string.Empty,
                JsonTokenType.Number when reader.TryGetInt32(out var n) && n >= 0 => n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new JsonException("Expected a NIS code (a string or a whole number)."),
            });
        }

        return codes;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var code in value)
        {
            writer.WriteStringValue(code);
        }

        writer.WriteEndArray();
    }
}
