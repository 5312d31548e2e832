using System.Globalization;
using System.Text;
using BeAlert.Dispatch;
using BeAlert.Gateway.Population;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// The street part of a campaign audience (<c>audience.streets: [{ nis, name, from?, to? }]</c>): checked for form, then
/// against the <see cref="StreetIndex"/> (an unknown street is a 422 naming it), and turned into the dispatch
/// library's <see cref="StreetTarget"/>s — the audience resolver does the rest, as for municipalities.
/// </summary>
internal static class CampaignStreets
{
    public const int MaxStreets = 200;
    public const int MaxNameLength = 100;
    public const int MaxHouseNumber = 65_535;

    public static IReadOnlyList<StreetTarget> Parse(IReadOnlyList<StreetBody?>? bodies, IReadOnlySet<int> knownMunicipalities, Dictionary<string, string[]> errors)
    {
        if (bodies is null || bodies.Count == 0)
        {
            return [];
        }

        if (bodies.Count > MaxStreets)
        {
            errors["audience.streets"] = [$"At most {MaxStreets} streets."];
            return [];
        }

        var streets = new List<StreetTarget>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var problem = Check(bodies[i], knownMunicipalities);
            if (problem is not null)
            {
                errors[$"audience.streets[{i}]"] = [problem];
                continue;
            }

            var body = bodies[i]!;
            var target = new StreetTarget(body.Nis, body.Name!.Trim()) { FromHouseNumber = body.From, ToHouseNumber = body.To };
            if (!streets.Exists(s => s.MunicipalityNis == target.MunicipalityNis && s.FromHouseNumber == target.FromHouseNumber
                && s.ToHouseNumber == target.ToHouseNumber && string.Equals(s.Street, target.Street, StringComparison.OrdinalIgnoreCase)))
            {
                streets.Add(target);
            }
        }

        return streets;
    }

    /// <summary>Adds a 422 entry for every street the index does not know (naming it and its municipality).</summary>
    public static void CheckKnown(IReadOnlyList<StreetTarget> streets, StreetIndex index, Dictionary<string, string[]> errors)
    {
        var unknown = streets.Where(s => index.Find(s.MunicipalityNis, s.Street) is null).ToList();
        if (unknown.Count > 0)
        {
            errors["audience.streets"] = [.. unknown.Take(20).Select(s => $"Unknown street '{s.Street}' in municipality {s.MunicipalityNis.ToString(CultureInfo.InvariantCulture)}: pick one GET /api/streets returns.")];
        }
    }

    /// <summary>"Korenmarkt (44021) 1–20; …" for the audit and the campaign's report.</summary>
    public static string Describe(IReadOnlyList<StreetTarget> streets, int max = 10)
    {
        var text = new StringBuilder();
        foreach (var s in streets.Take(max))
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(s.Street).Append(" (").Append(s.MunicipalityNis.ToString(CultureInfo.InvariantCulture)).Append(')');
            if (s.FromHouseNumber is not null || s.ToHouseNumber is not null)
            {
                text.Append(' ').Append(s.FromHouseNumber?.ToString(CultureInfo.InvariantCulture) ?? "1")
                    .Append('–').Append(s.ToHouseNumber?.ToString(CultureInfo.InvariantCulture) ?? "…");
            }
        }

        if (streets.Count > max)
        {
            text.Append(CultureInfo.InvariantCulture, $" (+{streets.Count - max})");
        }

        return text.ToString();
    }

    /// <summary>"Korenmarkt 1–20, Gent" for each street of a stored audience (JSON of <see cref="AudienceBody"/>), names in a page language.</summary>
    public static IReadOnlyList<string> Labels(string audienceJson, string language)
    {
        AudienceBody? body;
        try
        {
            body = System.Text.Json.JsonSerializer.Deserialize<AudienceBody>(audienceJson, CampaignRequestModel.Json);
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }

        return [.. (body?.Streets ?? []).Where(s => s?.Name is not null).Select(s =>
            s.Name!.Trim()
            + (s.From is not null || s.To is not null ? " " + (s.From ?? 1).ToString(CultureInfo.InvariantCulture) + "–" + (s.To?.ToString(CultureInfo.InvariantCulture) ?? "…") : string.Empty)
            + ", " + BeAlert.Gateway.Web.Geo.MunicipalityNames.Get(s.Nis, language))];
    }

    private static string? Check(StreetBody? body, IReadOnlySet<int> knownMunicipalities)
    {
        if (body is null)
        {
            return "A street is { nis, name, from?, to? }.";
        }

        if (!knownMunicipalities.Contains(body.Nis))
        {
            return $"Unknown NIS code {body.Nis.ToString(CultureInfo.InvariantCulture)}.";
        }

        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return $"A street name has 1 to {MaxNameLength} characters and no control characters.";
        }

        if (body.From is < 1 or > MaxHouseNumber || body.To is < 1 or > MaxHouseNumber)
        {
            return $"House numbers are between 1 and {MaxHouseNumber}.";
        }

        if (body.From is { } from && body.To is { } to && from > to)
        {
            return "The house-number range needs from <= to.";
        }

        return null;
    }
}
