using System.IO.Compression;

namespace BeAlert.Cap.Geo.Tests.Boundaries;

/// <summary>The embedded data's reader: the real resource reads completely; damaged data fails with InvalidDataException.</summary>
public sealed class BoundaryDataReaderTests
{
    private static byte[] Zlib(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }

    private static byte[] EmbeddedRaw()
    {
        using var stream = typeof(BelgianBoundaries).Assembly.GetManifestResourceStream(BoundaryDataReader.ResourceName)!;
        using var zlib = new ZLibStream(stream, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return raw.ToArray();
    }

    [Fact]
    public void ReadEmbedded_EveryUnit_CodesUnique_MunicipalitiesHaveOutlines()
    {
        var units = BoundaryDataReader.ReadEmbedded(GeoServices.Factory);

        Assert.Equal(581 + 43 + 10 + 3 + 1, units.Count);
        Assert.Equal(units.Count, units.Select(u => u.Code).Distinct().Count());
        Assert.All(units, u => Assert.Equal(u.Level == AdministrativeLevel.Municipality, u.Geometry is not null));
    }

    [Fact]
    public void Read_Truncated_InvalidDataException()
    {
        var raw = EmbeddedRaw();

        Assert.Throws<InvalidDataException>(() => BoundaryDataReader.Read(new MemoryStream(Zlib(raw[..(raw.Length / 2)])), GeoServices.Factory));
    }

    [Fact]
    public void Read_WrongMagic_InvalidDataException()
    {
        var raw = EmbeddedRaw();
        raw[0] = (byte)'X';

        Assert.Throws<InvalidDataException>(() => BoundaryDataReader.Read(new MemoryStream(Zlib(raw)), GeoServices.Factory));
    }

    [Fact]
    public void Read_TrailingBytes_InvalidDataException()
    {
        var raw = EmbeddedRaw();

        Assert.Throws<InvalidDataException>(() => BoundaryDataReader.Read(new MemoryStream(Zlib([.. raw, 0])), GeoServices.Factory));
    }
}
