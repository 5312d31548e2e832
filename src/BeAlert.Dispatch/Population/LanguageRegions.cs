using BeAlert.Cap.Geo;

namespace BeAlert.Dispatch;

/// <summary>Which <see cref="LanguageRegion"/> each Belgian municipality belongs to.</summary>
public static class LanguageRegions
{
    /// <summary>
    /// The NIS codes of the nine municipalities of the German-speaking Community: Amel (63001), Büllingen (63012),
    /// Bütgenbach (63013), Eupen (63023), Kelmis (63040), Lontzen (63048), Raeren (63061), Sankt Vith (63067) and
    /// Burg-Reuland (63087), as Statbel's REFNIS lists them.
    /// </summary>
    public static IReadOnlyList<int> GermanSpeakingMunicipalities { get; } = [63001, 63012, 63013, 63023, 63040, 63048, 63061, 63067, 63087];

    /// <summary>The language region of a municipality.</summary>
    /// <param name="municipalityNis">A municipality's NIS code.</param>
    /// <param name="boundaries">The boundary data; <see cref="BelgianBoundaries.Default"/> when <see langword="null"/>.</param>
    /// <returns>The region, or <see cref="LanguageRegion.Unknown"/> for a code that is not a municipality.</returns>
    public static LanguageRegion Of(int municipalityNis, BelgianBoundaries? boundaries = null)
    {
        if (municipalityNis is < 10000 or > 99999)
        {
            return LanguageRegion.Unknown;
        }

        boundaries ??= BelgianBoundaries.Default;
        if (!boundaries.TryFind(municipalityNis.ToString(System.Globalization.CultureInfo.InvariantCulture), out var unit) || unit.Level != AdministrativeLevel.Municipality)
        {
            return LanguageRegion.Unknown;
        }

        return Of(unit);
    }

    /// <summary>The language region of a municipality.</summary>
    /// <param name="municipality">A municipality.</param>
    /// <returns>The region, or <see cref="LanguageRegion.Unknown"/> for a unit that is not a municipality.</returns>
    public static LanguageRegion Of(AdministrativeUnit municipality)
    {
        ArgumentNullException.ThrowIfNull(municipality);
        if (municipality.Level != AdministrativeLevel.Municipality)
        {
            return LanguageRegion.Unknown;
        }

        return municipality.RegionCode switch
        {
            "02000" => LanguageRegion.Flanders,
            "04000" => LanguageRegion.Brussels,
            "03000" => GermanSpeakingMunicipalities.Contains(int.Parse(municipality.Code, System.Globalization.CultureInfo.InvariantCulture))
                ? LanguageRegion.EastCantons
                : LanguageRegion.Wallonia,
            _ => LanguageRegion.Unknown,
        };
    }
}
