using NetTopologySuite.Geometries;

namespace BeAlert.Dispatch;

/// <summary>
/// The fixed grid the directory sorts address points by: Belgium's extent (latitude 49.40–51.60, longitude 2.40–6.50)
/// cut into cells of 0.005° latitude × 0.0075° longitude (about 550 m × 530 m), 440 rows × 547 columns, row-major.
/// Coordinates are held as integers in units of 10⁻⁷ degree (about 1 cm).
/// </summary>
internal static class AddressGrid
{
    public const double Scale = 1e7;
    public const int MinLat = 494_000_000;
    public const int MaxLat = 516_000_000;
    public const int MinLon = 24_000_000;
    public const int MaxLon = 65_000_000;
    public const int CellLat = 50_000;
    public const int CellLon = 75_000;
    public const int Rows = (MaxLat - MinLat + CellLat - 1) / CellLat;
    public const int Cols = (MaxLon - MinLon + CellLon - 1) / CellLon;
    public const int CellCount = Rows * Cols;

    public static bool IsInside(double latitude, double longitude) =>
        latitude >= MinLat / Scale && latitude < MaxLat / Scale && longitude >= MinLon / Scale && longitude < MaxLon / Scale;

    public static int ToFixed(double degrees) => (int)Math.Round(degrees * Scale, MidpointRounding.AwayFromZero);

    public static double ToDegrees(int value) => value / Scale;

    public static int CellOf(int lat, int lon) => ((lat - MinLat) / CellLat * Cols) + ((lon - MinLon) / CellLon);

    public static int RowOf(double latitude) => Math.Clamp((int)Math.Floor(((latitude * Scale) - MinLat) / CellLat), 0, Rows - 1);

    public static int ColOf(double longitude) => Math.Clamp((int)Math.Floor(((longitude * Scale) - MinLon) / CellLon), 0, Cols - 1);

    /// <summary>The envelope of the block of cells rows [r0, r1) × columns [c0, c1), in degrees.</summary>
    public static Envelope BlockEnvelope(int r0, int r1, int c0, int c1) => new(
        (MinLon + ((double)c0 * CellLon)) / Scale,
        (MinLon + ((double)c1 * CellLon)) / Scale,
        (MinLat + ((double)r0 * CellLat)) / Scale,
        (MinLat + ((double)r1 * CellLat)) / Scale);
}
