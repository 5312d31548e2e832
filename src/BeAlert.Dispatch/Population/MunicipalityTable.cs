using System.Globalization;
using BeAlert.Cap.Geo;

namespace BeAlert.Dispatch;

/// <summary>The municipalities of a boundary data set, numbered densely (index = position by NIS code).</summary>
internal sealed class MunicipalityTable
{
    private static readonly Lazy<MunicipalityTable> LazyDefault = new(() => new MunicipalityTable(BelgianBoundaries.Default));
    private readonly Dictionary<int, ushort> _indexByNis;

    public MunicipalityTable(BelgianBoundaries boundaries)
    {
        Boundaries = boundaries;
        Units = boundaries.Municipalities;
        Nis = [.. Units.Select(u => int.Parse(u.Code, CultureInfo.InvariantCulture))];
        Regions = [.. Units.Select(LanguageRegions.Of)];
        _indexByNis = new Dictionary<int, ushort>(Nis.Length);
        for (var i = 0; i < Nis.Length; i++)
        {
            _indexByNis[Nis[i]] = (ushort)i;
        }
    }

    public static MunicipalityTable Default => LazyDefault.Value;

    public BelgianBoundaries Boundaries { get; }

    public IReadOnlyList<AdministrativeUnit> Units { get; }

    public int[] Nis { get; }

    public LanguageRegion[] Regions { get; }

    public int Count => Nis.Length;

    public static MunicipalityTable For(BelgianBoundaries? boundaries) =>
        boundaries is null || ReferenceEquals(boundaries, BelgianBoundaries.Default) ? Default : new MunicipalityTable(boundaries);

    public bool TryGetIndex(int nis, out ushort index) => _indexByNis.TryGetValue(nis, out index);
}
