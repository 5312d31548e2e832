namespace BeAlert.Cap.Geo;

/// <summary>
/// The WGS 84 ellipsoid and two computations on it: Vincenty's direct geodesic problem (where do I arrive from a
/// point, going a distance along an azimuth) and the authalic latitude used for exact ellipsoidal areas.
/// </summary>
internal static class Wgs84
{
    /// <summary>Semi-major axis, metres.</summary>
    internal const double A = 6_378_137.0;

    /// <summary>Flattening.</summary>
    internal const double F = 1 / 298.257223563;

    /// <summary>Semi-minor axis, metres.</summary>
    internal const double B = A * (1 - F);

    /// <summary>First eccentricity squared.</summary>
    internal const double E2 = F * (2 - F);

    private static readonly double E = Math.Sqrt(E2);

    /// <summary>q at the pole (Snyder's q_p): the authalic sphere has radius A * sqrt(QPole / 2).</summary>
    private static readonly double QPole = Q(1.0);

    /// <summary>Radius of the sphere with the same surface as the ellipsoid, squared (m²).</summary>
    internal static readonly double AuthalicRadiusSquared = A * A * QPole / 2;

    /// <summary>
    /// Sine of the authalic latitude of geodetic latitude <paramref name="latitudeDegrees"/>: mapping the ellipsoid to
    /// the authalic sphere with it, and the sphere to a cylinder (Lambert's equal-area projection), preserves area.
    /// </summary>
    internal static double AuthalicSine(double latitudeDegrees) => Q(Math.Sin(latitudeDegrees * (Math.PI / 180))) / QPole;

    private static double Q(double sinPhi)
    {
        var es = E * sinPhi;
        return (1 - E2) * ((sinPhi / (1 - (es * es))) - (1 / (2 * E) * Math.Log((1 - es) / (1 + es))));
    }

    /// <summary>
    /// Vincenty's direct formula (1975): the point reached from (<paramref name="latitude"/>, <paramref name="longitude"/>)
    /// after <paramref name="distanceMetres"/> along the geodesic leaving at <paramref name="azimuthDegrees"/>
    /// (clockwise from north). Accurate to well under a millimetre; the direct problem converges everywhere. The
    /// longitude returned is not normalised: it may leave -180..180 when the path crosses the antimeridian.
    /// </summary>
    internal static (double Latitude, double Longitude) Destination(double latitude, double longitude, double azimuthDegrees, double distanceMetres)
    {
        const double ToRadians = Math.PI / 180;
        var alpha1 = azimuthDegrees * ToRadians;
        var sinAlpha1 = Math.Sin(alpha1);
        var cosAlpha1 = Math.Cos(alpha1);

        var tanU1 = (1 - F) * Math.Tan(latitude * ToRadians);
        var cosU1 = 1 / Math.Sqrt(1 + (tanU1 * tanU1));
        var sinU1 = tanU1 * cosU1;
        var sigma1 = Math.Atan2(tanU1, cosAlpha1);
        var sinAlpha = cosU1 * sinAlpha1;
        var cosSqAlpha = 1 - (sinAlpha * sinAlpha);
        var uSq = cosSqAlpha * ((A * A) - (B * B)) / (B * B);
        var bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
        var bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));

        var sigma = distanceMetres / (B * bigA);
        double sinSigma, cosSigma, cos2SigmaM;
        var iterations = 0;
        while (true)
        {
            cos2SigmaM = Math.Cos((2 * sigma1) + sigma);
            sinSigma = Math.Sin(sigma);
            cosSigma = Math.Cos(sigma);
            var deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
                - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
            var previous = sigma;
            sigma = (distanceMetres / (B * bigA)) + deltaSigma;
            if (Math.Abs(sigma - previous) < 1e-13 || ++iterations >= 200)
            {
                break;
            }
        }

        cos2SigmaM = Math.Cos((2 * sigma1) + sigma);
        sinSigma = Math.Sin(sigma);
        cosSigma = Math.Cos(sigma);
        var x = (sinU1 * sinSigma) - (cosU1 * cosSigma * cosAlpha1);
        var latitude2 = Math.Atan2((sinU1 * cosSigma) + (cosU1 * sinSigma * cosAlpha1), (1 - F) * Math.Sqrt((sinAlpha * sinAlpha) + (x * x)));
        var lambda = Math.Atan2(sinSigma * sinAlpha1, (cosU1 * cosSigma) - (sinU1 * sinSigma * cosAlpha1));
        var c = F / 16 * cosSqAlpha * (4 + (F * (4 - (3 * cosSqAlpha))));
        var l = lambda - ((1 - c) * F * sinAlpha * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
        return (latitude2 / ToRadians, longitude + (l / ToRadians));
    }
}
