using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using BeAlert.Cap.Geo;

namespace BeAlert.Gateway.Web.Geo;

/// <summary>
/// The name of a Belgian municipality as a reader of a page in nl, fr, de or en expects it. The shipped boundaries
/// have a Dutch and a French name only; the rule (sources in docs/specs.md, "Municipality names"):
/// <list type="bullet">
/// <item>nl and fr pages: the name in the page language (the official translation where there is one);</item>
/// <item>de and en pages: an established exonym of that language where the table below has one (Brüssel, Lüttich,
/// Ghent, Bruges, …), else the official local name of the language area: Flanders → Dutch, Wallonia → French, the nine
/// municipalities of the German-speaking area → German (Kelmis, not La Calamine), Brussels-Capital → "French / Dutch".</item>
/// </list>
/// One function for every page (console, public map, citizen pages) and the same data as JSON for scripts
/// (<see cref="NamesPath"/>).
/// </summary>
public static class MunicipalityNames
{
    public const string NamesPath = "/web/geo/names.json";

    /// <summary>The nine municipalities of the German language area (NIS code → official German name).</summary>
    public static readonly FrozenDictionary<int, string> German = new Dictionary<int, string>
    {
        [63001] = "Amel",
        [63012] = "Büllingen",
        [63013] = "Bütgenbach",
        [63023] = "Eupen",
        [63040] = "Kelmis",
        [63048] = "Lontzen",
        [63061] = "Raeren",
        [63067] = "Sankt Vith",
        [63087] = "Burg-Reuland",
    }.ToFrozenDictionary();

    /// <summary>Established German exonyms of large Belgian cities (NIS code → name).</summary>
    public static readonly FrozenDictionary<int, string> GermanExonyms = new Dictionary<int, string>
    {
        [21004] = "Brüssel",
        [62063] = "Lüttich",
        [24062] = "Löwen",
        [12025] = "Mecheln",
        [31005] = "Brügge",
        [35013] = "Ostende",
    }.ToFrozenDictionary();

    /// <summary>Established English exonyms of large Belgian cities (NIS code → name).</summary>
    public static readonly FrozenDictionary<int, string> EnglishExonyms = new Dictionary<int, string>
    {
        [21004] = "Brussels",
        [11002] = "Antwerp",
        [44021] = "Ghent",
        [31005] = "Bruges",
        [35013] = "Ostend",
        [33011] = "Ypres",
    }.ToFrozenDictionary();

    private static readonly string[] Languages = ["nl", "fr", "de", "en"];

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Json = new(BuildJson);

    /// <summary>The name of a municipality by NIS code for a page language; the code itself when unknown.</summary>
    public static string Get(int nis, string? language) =>
        BelgianBoundaries.Default.TryFind(nis.ToString("D5", CultureInfo.InvariantCulture), out var unit)
            ? Get(unit, language)
            : nis.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of a municipality for a page language (nl, fr, de, en; anything else as en).</summary>
    public static string Get(AdministrativeUnit unit, string? language)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var nis = int.Parse(unit.Code, CultureInfo.InvariantCulture);
        switch (language)
        {
            case "nl":
                return unit.NameNl;
            case "fr":
                return unit.NameFr;
            case "de":
                return GermanExonyms.TryGetValue(nis, out var de) ? de : Local(unit, nis);
            default:
                return EnglishExonyms.TryGetValue(nis, out var en) ? en : Local(unit, nis);
        }
    }

    /// <summary>The official name in the municipality's own language area (both for bilingual Brussels-Capital).</summary>
    public static string Local(AdministrativeUnit unit, int nis)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (German.TryGetValue(nis, out var german))
        {
            return german;
        }

        return unit.RegionCode switch
        {
            "02000" => unit.NameNl,
            "03000" => unit.NameFr,
            _ => unit.NameNl == unit.NameFr ? unit.NameNl : unit.NameFr + " / " + unit.NameNl,
        };
    }

    internal static void Map(WebApplication app) =>
        app.MapGet(NamesPath, (HttpContext context, string? lang) =>
            {
                var language = lang is "nl" or "fr" or "de" or "en" ? lang : WebLanguage.Get(context);
                context.Response.Headers.CacheControl = "public, max-age=86400";
                return Results.Bytes(Json.Value[language], "application/json");
            })
            .WithName("MunicipalityNames")
            .WithSummary("The name of every municipality (NIS code → name) for a page language (?lang=nl|fr|de|en).")
            .WithTags("Map")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");

    private static FrozenDictionary<string, byte[]> BuildJson() =>
        Languages.ToDictionary(
            l => l,
            l => JsonSerializer.SerializeToUtf8Bytes(BelgianBoundaries.Default.Municipalities.ToDictionary(m => m.Code, m => Get(m, l)))).ToFrozenDictionary();
}
