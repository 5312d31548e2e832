using System.IO.Compression;
using System.Text;
using NetTopologySuite.Geometries;

namespace BeAlert.Cap.Geo;

/// <summary>
/// Reads the embedded boundary data written by <c>eng/geo/build-boundaries.py</c> (its docstring describes the
/// format): a zlib stream of units with varint-coded, delta-encoded coordinates in units of 1e-7 degree.
/// </summary>
internal static class BoundaryDataReader
{
    internal const string ResourceName = "BeAlert.Cap.Geo.belgium-boundaries.bin";

    private static ReadOnlySpan<byte> Magic => "BEGEO\x01"u8;

    /// <summary>One unit as stored: geometry may be null for units composed of their children.</summary>
    internal readonly record struct RawUnit(
        AdministrativeLevel Level,
        string Code,
        string? ParentCode,
        string? RegionCode,
        string NameNl,
        string NameFr,
        long Population,
        NetTopologySuite.Geometries.Geometry? Geometry);

    /// <summary>Reads the data embedded in this assembly.</summary>
    internal static List<RawUnit> ReadEmbedded(GeometryFactory factory)
    {
        using var stream = typeof(BoundaryDataReader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(BoundaryDataReader).Assembly.FullName}.");
        return Read(stream, factory);
    }

    /// <summary>Reads a zlib-compressed boundary file.</summary>
    internal static List<RawUnit> Read(Stream compressed, GeometryFactory factory)
    {
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        zlib.CopyTo(buffer);
        var data = new Cursor(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));

        if (!data.Take(Magic.Length).Span.SequenceEqual(Magic))
        {
            throw new InvalidDataException("The boundary data does not start with BEGEO version 1.");
        }

        var scale = (double)data.VarInt();
        var count = checked((int)data.VarInt());
        var units = new List<RawUnit>(count);
        for (var u = 0; u < count; u++)
        {
            var level = (AdministrativeLevel)data.Byte();
            var code = Code(data.VarInt())!;
            var parent = Code(data.VarInt());
            var region = Code(data.VarInt());
            var nameNl = data.String();
            var nameFr = data.String();
            var population = checked((long)data.VarInt());
            var polygonCount = checked((int)data.VarInt());
            NetTopologySuite.Geometries.Geometry? geometry = null;
            if (polygonCount > 0)
            {
                long x = 0, y = 0;
                var polygons = new Polygon[polygonCount];
                for (var p = 0; p < polygonCount; p++)
                {
                    var ringCount = checked((int)data.VarInt());
                    var rings = new LinearRing[ringCount];
                    for (var r = 0; r < ringCount; r++)
                    {
                        var pointCount = checked((int)data.VarInt());
                        var coordinates = new Coordinate[pointCount + 1];
                        for (var i = 0; i < pointCount; i++)
                        {
                            x += data.ZigZag();
                            y += data.ZigZag();
                            coordinates[i] = new Coordinate(x / scale, y / scale);
                        }

                        coordinates[pointCount] = coordinates[0].Copy();
                        rings[r] = factory.CreateLinearRing(coordinates);
                    }

                    polygons[p] = factory.CreatePolygon(rings[0], rings[1..]);
                }

                geometry = polygons.Length == 1 ? polygons[0] : factory.CreateMultiPolygon(polygons);
            }

            units.Add(new RawUnit(level, code, parent, region, nameNl, nameFr, population, geometry));
        }

        if (!data.AtEnd)
        {
            throw new InvalidDataException("The boundary data has trailing bytes.");
        }

        return units;
    }

    private static string? Code(ulong value) => value == 0 ? null : value.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Cursor(ReadOnlyMemory<byte> data)
    {
        private int _position;

        internal bool AtEnd => _position == data.Length;

        internal ReadOnlyMemory<byte> Take(int length)
        {
            if (length < 0 || _position + length > data.Length)
            {
                throw new InvalidDataException("The boundary data is truncated.");
            }

            var slice = data.Slice(_position, length);
            _position += length;
            return slice;
        }

        internal byte Byte() => Take(1).Span[0];

        internal ulong VarInt()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("A varint in the boundary data is too long.");
        }

        internal long ZigZag()
        {
            var raw = VarInt();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        internal string String() => Encoding.UTF8.GetString(Take(checked((int)VarInt())).Span);
    }
}
