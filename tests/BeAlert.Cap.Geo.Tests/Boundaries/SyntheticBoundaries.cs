using NetTopologySuite.Geometries;

namespace BeAlert.Cap.Geo.Tests.Boundaries;

/// <summary>
/// A small made-up country for rules that the real data cannot pin down exactly: a 2 × 2 grid of unit squares
/// (degrees) near the equator, A B on the bottom row, C D on the top row; A and D meet at one corner only.
/// </summary>
internal static class SyntheticBoundaries
{
    internal static BelgianBoundaries Create()
    {
        var f = GeoServices.Factory;
        Polygon Square(double x, double y) => (Polygon)f.ToGeometry(new Envelope(x, x + 1, y, y + 1));
        BoundaryDataReader.RawUnit Municipality(string code, double x, double y, long population) =>
            new(AdministrativeLevel.Municipality, code, "11000", "02000", "M" + code, "M" + code, population, Square(x, y));
        return new BelgianBoundaries(
        [
            new(AdministrativeLevel.Country, "01000", null, null, "Land", "Pays", 0, null),
            new(AdministrativeLevel.Region, "02000", "01000", "02000", "Gewest", "Région", 0, null),
            new(AdministrativeLevel.Province, "10000", "02000", "02000", "Provincie", "Province", 0, null),
            new(AdministrativeLevel.Arrondissement, "11000", "10000", "02000", "Arrondissement", "Arrondissement", 0, null),
            Municipality("11001", 0, 0, 100), // A
            Municipality("11002", 1, 0, 200), // B
            Municipality("11003", 0, 1, 300), // C
            Municipality("11004", 1, 1, 400), // D
        ]);
    }
}
