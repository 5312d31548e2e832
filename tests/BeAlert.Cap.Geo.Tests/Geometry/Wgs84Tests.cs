using NetTopologySuite.Geometries;

namespace BeAlert.Cap.Geo.Tests.Geometry;

public sealed class Wgs84Tests
{
    [Fact]
    public void Destination_VincentysFlindersPeakExample_ReachesBuninyong()
    {
        // The worked example of Vincenty (1975) as published by Geoscience Australia: Flinders Peak to Buninyong.
        static double Dms(int d, int m, double s) => Math.Sign(d) * (Math.Abs(d) + (m / 60.0) + (s / 3600.0));
        var (lat, lon) = Wgs84.Destination(Dms(-37, 57, 3.72030), Dms(144, 25, 29.52440), Dms(306, 52, 5.37), 54_972.271);

        Assert.Equal(Dms(-37, 39, 10.15610), lat, 1e-8);
        Assert.Equal(Dms(143, 55, 35.38390), lon, 1e-8);
    }

    [Fact]
    public void SquareMetres_Octant_IsAnEighthOfTheEllipsoid()
    {
        // Published WGS 84 surface area: 510,065,621.724 km². The octant 0..90°N, 0..90°E is an eighth of it.
        var octant = GeoServices.Factory.ToGeometry(new Envelope(0, 90, 0, 90));

        Assert.Equal(510_065_621.724 / 8, EllipsoidArea.SquareKilometres(octant), 0.01);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 51)]
    [InlineData(-80, -79)]
    public void SquareMetres_OneDegreeCell_MatchesTheIntegralOfTheAreaElement(double south, double north)
    {
        // Independent check: integrate the ellipsoid's area element M(φ)·N(φ)·cos φ dφ dλ with Simpson's rule.
        const double a = 6_378_137.0, f = 1 / 298.257223563, e2 = f * (2 - f), rad = Math.PI / 180;
        static double Element(double phi)
        {
            var w = 1 - (e2 * Math.Sin(phi) * Math.Sin(phi));
            return a * (1 - e2) / Math.Pow(w, 1.5) * (a / Math.Sqrt(w)) * Math.Cos(phi);
        }

        const int steps = 1000;
        var h = (north - south) * rad / steps;
        var sum = Element(south * rad) + Element(north * rad);
        for (var i = 1; i < steps; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Element((south * rad) + (i * h));
        }

        var expectedKm2 = sum * h / 3 * rad / 1e6;
        var cell = GeoServices.Factory.ToGeometry(new Envelope(4, 5, south, north));

        Assert.Equal(expectedKm2, EllipsoidArea.SquareKilometres(cell), 6);
    }
}
