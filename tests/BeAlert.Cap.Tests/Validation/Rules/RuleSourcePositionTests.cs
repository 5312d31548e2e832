namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>Rules report the owner and element that the parser's source map knows, so parsed documents get lines and columns.</summary>
public sealed class RuleSourcePositionTests
{
    private static CapDiagnostic ValidateWithMap(CapAlert alert, object owner, string field)
    {
        var map = new CapSourceMap();
        map.Add(owner, field, 42, 7);
        var document = new CapDocument(alert, CapVersion.Cap12, [], map);
        return Assert.Single(CapValidator.Default.Validate(document).Diagnostics);
    }

    [Fact]
    public void Validate_AlertField_ResolvesPosition()
    {
        var alert = ValidAlerts.Full() with { Identifier = "a b" };
        var diagnostic = ValidateWithMap(alert, alert, "identifier");
        Assert.Equal((42, 7), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Validate_InfoField_ResolvesPosition()
    {
        var alert = ValidAlerts.Full().WithInfo(info => info with { Web = "www.be-alert.be" });
        var diagnostic = ValidateWithMap(alert, alert.Infos[0], "web");
        Assert.Equal((42, 7), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Validate_ResourceField_ResolvesPosition()
    {
        var alert = ValidAlerts.Full().WithResource(r => r with { Size = -5 });
        var diagnostic = ValidateWithMap(alert, alert.Infos[0].Resources[0], "size");
        Assert.Equal((42, 7), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Validate_AreaField_ResolvesPosition()
    {
        var alert = ValidAlerts.Full().WithArea(a => a with { Altitude = null });
        var diagnostic = ValidateWithMap(alert, alert.Infos[0].Areas[0], "ceiling");
        Assert.Equal((42, 7), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Validate_PolygonItem_ResolvesPosition()
    {
        var alert = ValidAlerts.Full().WithArea(a => a with { Polygons = [new CapPolygon([new CapPoint(1, 1)])] });
        var diagnostic = ValidateWithMap(alert, alert.Infos[0].Areas[0].Polygons[0], "");
        Assert.Equal((42, 7), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Validate_NamedValueWithoutFieldPosition_FallsBackToItsElement()
    {
        var alert = ValidAlerts.Full().WithArea(a => a with { Geocodes = [new CapNamedValue("", "44021")] });
        var diagnostic = ValidateWithMap(alert, alert.Infos[0].Areas[0].Geocodes[0], "");
        Assert.Equal((42, 7), (diagnostic.Line, diagnostic.Column));
    }
}
