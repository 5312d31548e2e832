namespace BeAlert.Cap.Tests.Writing;

public sealed class CapWriterTests
{
    private static CapAlert WithArea(CapArea area) =>
        CapAlertBuilder.Create("id-1", "a@b.be", new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1)))
            .AddInfo(new CapInfo("Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, [CapCategory.Fire]) { Language = "nl", Areas = [area] })
            .Build();

    [Fact]
    public void Write_UsesCapNamespaceOrderAndMinusZeroForUtc()
    {
        var alert = CapAlertBuilder.Create("id-1", "a@b.be", new DateTimeOffset(2026, 11, 25, 13, 30, 0, TimeSpan.Zero))
            .Scope(CapScope.Restricted).Restriction("crisis cell only").Note("n")
            .AddInfo("fr-BE", CapCategory.Met, "Tempête", CapUrgency.Expected, CapSeverity.Moderate, CapCertainty.Likely)
            .Build();
        var xml = CapWriter.WriteToString(alert);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml, StringComparison.Ordinal);
        Assert.Contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", xml, StringComparison.Ordinal);
        Assert.Contains("<sent>2026-11-25T13:30:00-00:00</sent>", xml, StringComparison.Ordinal);
        Assert.True(xml.IndexOf("<scope>", StringComparison.Ordinal) < xml.IndexOf("<restriction>", StringComparison.Ordinal));
        Assert.True(xml.IndexOf("<restriction>", StringComparison.Ordinal) < xml.IndexOf("<note>", StringComparison.Ordinal));
        Assert.True(xml.IndexOf("<category>", StringComparison.Ordinal) < xml.IndexOf("<event>", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_PlusZeroOffset_IsKept()
    {
        var alert = CapAlertBuilder.Create("id-1", "a@b.be", new CapDateTime(new DateTimeOffset(2026, 11, 25, 13, 30, 0, TimeSpan.Zero), plusZeroOffset: true)).Build();
        Assert.Contains("<sent>2026-11-25T13:30:00+00:00</sent>", CapWriter.WriteToString(alert), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Polygon_IsShortestRoundTripTextOnePointAfterAnother()
    {
        // Written as raw text: only digits, signs, points, commas and single spaces, each number as "R" prints it.
        CapPoint[] points = [new(50.93638, 4.35), new(-0.000001, 180), new(0.1 + 0.2, -33.5), new(51.12345678901, 3.0000001), new(50.93638, 4.35)];
        var xml = CapWriter.WriteToString(WithArea(new CapArea("x") { Polygons = [new CapPolygon(points)] }));

        Assert.Contains("<polygon>50.93638,4.35 -0.000001,180 0.30000000000000004,-33.5 51.12345678901,3.0000001 50.93638,4.35</polygon>", xml, StringComparison.Ordinal);
        Assert.Equal(points, CapParser.Default.Parse(xml).Alert.Infos[0].Areas[0].Polygons[0].Points);
    }

    [Fact]
    public void Write_TinyCoordinate_HasNoExponent()
    {
        var xml = CapWriter.WriteToString(WithArea(new CapArea("x") { Circles = [new CapCircle(new CapPoint(1e-7, -2.5e-6), 0.00001)] }));
        Assert.Contains("<circle>0.0000001,-0.0000025 0.00001</circle>", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Write_NonFiniteCoordinate_IsRefused(double value)
    {
        var polygon = WithArea(new CapArea("x") { Polygons = [new CapPolygon([new CapPoint(value, 4)])] });
        var circle = WithArea(new CapArea("x") { Circles = [new CapCircle(new CapPoint(50, 4), value)] });

        Assert.Equal("alert", Assert.Throws<ArgumentException>(() => CapWriter.WriteToBytes(polygon)).ParamName);
        Assert.Equal("alert", Assert.Throws<ArgumentException>(() => CapWriter.WriteToBytes(circle)).ParamName);
    }

    [Fact]
    public void Write_EmptyPolygon_IsRefused() =>
        Assert.Throws<ArgumentException>(() => CapWriter.WriteToBytes(WithArea(new CapArea("x") { Polygons = [new CapPolygon([])] })));

    [Fact]
    public void Write_ControlCharacter_IsRefusedAsArgument() =>
        Assert.Throws<ArgumentException>(() => CapWriter.WriteToBytes(WithArea(new CapArea("bad \u0001 text"))));

    [Fact]
    public void Write_CarriageReturnInText_RoundTrips()
    {
        var alert = WithArea(new CapArea("line one\r\nline two\rthree"));
        Assert.Equal(alert, CapParser.Default.Parse(CapWriter.WriteToBytes(alert)).Alert);
    }
}
