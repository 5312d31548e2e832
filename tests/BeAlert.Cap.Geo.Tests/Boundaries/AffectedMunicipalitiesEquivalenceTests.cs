using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.RelateNG;

namespace BeAlert.Cap.Geo.Tests.Boundaries;

/// <summary>
/// <see cref="BelgianBoundaries.FindAffectedMunicipalities"/> tests each candidate municipality's prepared outline
/// against the area. These tests hold it to the plain definition, evaluated the other way round over all 581
/// municipalities without the index: the area, prepared, intersects the outline, and (for a surface) their interiors
/// meet. Areas: seeded random polygons and circles all over the country (tiny to province-sized), municipality
/// outlines themselves (whose neighbours only touch them) and zero-radius circles on shared borders.
/// </summary>
public sealed class AffectedMunicipalitiesEquivalenceTests
{
    private static readonly BelgianBoundaries Boundaries = BelgianBoundaries.Default;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void FindAffectedMunicipalities_RandomAreas_SameAsEveryMunicipalityTestedAgainstTheArea(int seed)
    {
        var areas = RandomAreas(seed, 60);
        var compared = 0;
        foreach (var area in areas)
        {
            var located = CapAreaLocator.Default.Locate(area);
            if (located.IsEmpty || located.HasErrors)
            {
                continue;
            }

            Assert.Equal(Reference(located), Boundaries.FindAffectedMunicipalities(located).Select(m => m.Code));
            compared++;
        }

        Assert.True(compared > 40, $"only {compared} areas could be placed");
    }

    [Fact]
    public void FindAffectedMunicipalities_MunicipalityOutlines_SameAsReference_AndIncludeTheMunicipality()
    {
        foreach (var code in new[] { "44021", "11002", "21004", "62063", "92094", "13040", "38014", "71022" })
        {
            Assert.True(Boundaries.TryFind(code, out var unit));
            var outline = (Polygon)(unit.Geometry is MultiPolygon many ? many.Geometries.MaxBy(g => g.Area)! : unit.Geometry);
            var area = new CapArea(code)
            {
                Polygons = [new CapPolygon(outline.ExteriorRing.Coordinates.Select(c => new CapPoint(c.Y, c.X)))],
            };
            var located = CapAreaLocator.Default.Locate(area);
            Assert.False(located.IsEmpty);
            var found = Boundaries.FindAffectedMunicipalities(located).Select(m => m.Code).ToList();
            Assert.Equal(Reference(located), found);
            Assert.Contains(code, found);
        }
    }

    [Fact]
    public void FindAffectedMunicipalities_PointsOnSharedBorders_SameAsReference()
    {
        Assert.True(Boundaries.TryFind("44021", out var gent));
        var ring = ((Polygon)(gent.Geometry is MultiPolygon many ? many.Geometries[0] : gent.Geometry)).ExteriorRing.Coordinates;
        for (var i = 0; i < ring.Length; i += Math.Max(1, ring.Length / 12))
        {
            var area = new CapArea("vertex") { Circles = [new CapCircle(new CapPoint(ring[i].Y, ring[i].X), 0)] };
            var located = CapAreaLocator.Default.Locate(area);
            var found = Boundaries.FindAffectedMunicipalities(located).Select(m => m.Code).ToList();
            Assert.Equal(Reference(located), found);
            Assert.Contains("44021", found);
        }
    }

    [Fact]
    public void FindAffectedMunicipalities_ConcurrentCalls_SameAsOneAtATime()
    {
        var located = RandomAreas(7, 80)
            .Select(a => CapAreaLocator.Default.Locate(a))
            .Where(l => !l.IsEmpty && !l.HasErrors)
            .ToArray();
        var sequential = located.Select(l => string.Join(',', Boundaries.FindAffectedMunicipalities(l).Select(m => m.Code))).ToArray();
        var parallel = new string[located.Length * 4];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            parallel[i] = string.Join(',', Boundaries.FindAffectedMunicipalities(located[i % located.Length]).Select(m => m.Code)));
        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % located.Length], parallel[i]);
        }
    }

    /// <summary>The definition: every municipality (no index) whose outline the prepared area intersects and, for a surface, whose interior meets the area's.</summary>
    private static List<string> Reference(CapGeometry located)
    {
        var geometry = located.GetGeometry();
        var prepared = PreparedGeometryFactory.Prepare(geometry);
        var surface = geometry.Dimension == Dimension.Surface;
        return [.. Boundaries.Municipalities
            .Where(m => prepared.Intersects(m.Geometry) && (!surface || RelateNG.Relate(geometry, m.Geometry, IntersectionMatrixPattern.InteriorIntersects)))
            .Select(m => m.Code)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Random star-shaped polygons and circles across Belgium's bounding box (some partly or wholly outside it).</summary>
    private static List<CapArea> RandomAreas(int seed, int count)
    {
        var random = new Random(seed);
        var areas = new List<CapArea>(count);
        for (var i = 0; i < count; i++)
        {
            var lat = 49.45 + (random.NextDouble() * 2.1);
            var lon = 2.5 + (random.NextDouble() * 3.9);
            var radiusKm = random.Next(4) switch
            {
                0 => 0.2 + random.NextDouble(),
                1 => 1 + (random.NextDouble() * 5),
                2 => 5 + (random.NextDouble() * 20),
                _ => 20 + (random.NextDouble() * 40),
            };
            if (random.Next(3) == 0)
            {
                areas.Add(new CapArea($"circle {i}") { Circles = [new CapCircle(new CapPoint(lat, lon), Math.Round(radiusKm, 3))] });
                continue;
            }

            var vertices = random.Next(3, 24);
            var points = new List<CapPoint>(vertices + 1);
            for (var v = 0; v < vertices; v++)
            {
                var angle = 2 * Math.PI * v / vertices;
                var r = radiusKm * (0.4 + (random.NextDouble() * 0.6));
                points.Add(new CapPoint(
                    Math.Round(lat + (r / 111.0 * Math.Sin(angle)), 4),
                    Math.Round(lon + (r / (111.0 * Math.Cos(lat * Math.PI / 180)) * Math.Cos(angle)), 4)));
            }

            points.Add(points[0]);
            areas.Add(new CapArea($"polygon {i}") { Polygons = [new CapPolygon(points)] });
        }

        return areas;
    }
}
