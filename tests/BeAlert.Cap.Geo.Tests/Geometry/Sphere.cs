namespace BeAlert.Cap.Geo.Tests.Geometry;

/// <summary>
/// Great-circle formulas on a sphere of mean radius 6,371.0088 km: an independent, simpler model than the ellipsoid
/// the package uses. They agree with it to about 0.5 %, which is what the tests that use them allow.
/// </summary>
internal static class Sphere
{
    private const double RadiusKm = 6371.0088;
    private const double Rad = Math.PI / 180;

    /// <summary>Haversine distance, km.</summary>
    internal static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = (lat2 - lat1) * Rad;
        var dLon = (lon2 - lon1) * Rad;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1 * Rad) * Math.Cos(lat2 * Rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * RadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The point reached from (lat, lon) going <paramref name="km"/> along a great circle at <paramref name="bearing"/> degrees.</summary>
    internal static (double Lat, double Lon) Destination(double lat, double lon, double bearing, double km)
    {
        var d = km / RadiusKm;
        var b = bearing * Rad;
        var lat1 = lat * Rad;
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(d)) + (Math.Cos(lat1) * Math.Sin(d) * Math.Cos(b)));
        var lon2 = (lon * Rad) + Math.Atan2(Math.Sin(b) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - (Math.Sin(lat1) * Math.Sin(lat2)));
        var lonDeg = lon2 / Rad;
        lonDeg = ((lonDeg + 540) % 360) - 180;
        return (lat2 / Rad, lonDeg);
    }
}
