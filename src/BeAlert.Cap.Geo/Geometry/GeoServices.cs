using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace BeAlert.Cap.Geo;

/// <summary>
/// The one NetTopologySuite setup of this package: WGS 84 (SRID 4326, x = longitude, y = latitude), floating
/// precision, the robust OverlayNG for unions and RelateNG for predicates.
/// </summary>
internal static class GeoServices
{
    /// <summary>EPSG:4326, WGS 84 longitude/latitude.</summary>
    internal const int Wgs84Srid = 4326;

    internal static readonly NtsGeometryServices Services = new(
        CoordinateArraySequenceFactory.Instance,
        PrecisionModel.Floating.Value,
        Wgs84Srid,
        GeometryOverlay.NG,
        GeometryRelate.NG,
        new CoordinateEqualityComparer());

    internal static readonly GeometryFactory Factory = Services.CreateGeometryFactory();
}
