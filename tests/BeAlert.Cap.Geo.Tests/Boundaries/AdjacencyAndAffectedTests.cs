namespace BeAlert.Cap.Geo.Tests.Boundaries;

/// <summary>The rules for neighbours and affected municipalities, on a made-up grid where the answer is known exactly.</summary>
public sealed class AdjacencyAndAffectedTests
{
    private readonly BelgianBoundaries _grid = SyntheticBoundaries.Create();

    private AdministrativeUnit Unit(string code) => _grid.TryFind(code, out var unit) ? unit : throw new InvalidOperationException(code);

    private static CapArea Rectangle(double south, double west, double north, double east) => new("test")
    {
        Polygons = [new CapPolygon([new(south, west), new(south, east), new(north, east), new(north, west), new(south, west)])],
    };

    [Fact]
    public void GetAdjacentMunicipalities_SharedEdge_Adjacent_CornerOnly_Not()
    {
        Assert.Equal(["11002", "11003"], _grid.GetAdjacentMunicipalities(Unit("11001")).Select(u => u.Code));
        Assert.Equal(["11001", "11004"], _grid.GetAdjacentMunicipalities(Unit("11002")).Select(u => u.Code));
    }

    [Fact]
    public void Population_RollsUpTheHierarchy()
    {
        Assert.Equal(1000, _grid.Country.Population);
        Assert.Equal(1000, Unit("11000").Population);
    }

    [Fact]
    public void FindAffectedMunicipalities_AreaEqualToA_OnlyA_NeighboursThatOnlyTouchDoNotCount()
    {
        var locator = new CapAreaLocator(boundaries: _grid);
        var area = locator.Locate(Rectangle(0, 0, 1, 1));

        Assert.Equal(["11001"], _grid.FindAffectedMunicipalities(area).Select(u => u.Code));
    }

    [Fact]
    public void FindAffectedMunicipalities_SliverOverB_CountsB()
    {
        var locator = new CapAreaLocator(boundaries: _grid);
        var area = locator.Locate(Rectangle(0.2, 0.2, 0.8, 1.001));

        Assert.Equal(["11001", "11002"], _grid.FindAffectedMunicipalities(area).Select(u => u.Code));
    }

    [Fact]
    public void FindAffectedMunicipalities_ZeroRadiusCircleOnBorder_BothSides()
    {
        var locator = new CapAreaLocator(boundaries: _grid);
        var area = locator.Locate(new CapArea("point") { Circles = [new CapCircle(new CapPoint(0.5, 1), 0)] });

        Assert.Equal(["11001", "11002"], _grid.FindAffectedMunicipalities(area).Select(u => u.Code));
    }

    [Fact]
    public void FindAffectedMunicipalities_GeocodeOfA_OnlyA()
    {
        var locator = new CapAreaLocator(boundaries: _grid);
        var area = locator.Locate(new CapArea("A") { Geocodes = [new CapNamedValue("NIS", "11001")] });

        Assert.Equal(["11001"], _grid.FindAffectedMunicipalities(area).Select(u => u.Code));
    }

    [Fact]
    public void FindAffectedMunicipalities_ProvinceGeocode_AllFour_AndComposedArea()
    {
        var locator = new CapAreaLocator(boundaries: _grid);
        var area = locator.Locate(new CapArea("P") { Geocodes = [new CapNamedValue("NIS", "10000")] });

        Assert.Equal(4, _grid.FindAffectedMunicipalities(area).Count);
        // Four 1° squares at the equator: a 1° × 1° cell there is about 12,308 km² on WGS 84.
        Assert.InRange(area.AreaKm2, 4 * 12_300, 4 * 12_320);
    }

    [Fact]
    public void FindAffectedMunicipalities_EmptyArea_None()
    {
        var locator = new CapAreaLocator(boundaries: _grid);
        var area = locator.Locate(new CapArea("nowhere"));

        Assert.Empty(_grid.FindAffectedMunicipalities(area));
    }
}
