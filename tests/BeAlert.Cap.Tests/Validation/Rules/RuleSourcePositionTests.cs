namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>Rule diagnostics on parsed documents carry the line and column of the offending element's '&lt;'.</summary>
public sealed class RuleSourcePositionTests
{
    // Line numbers matter: each element of interest sits alone on its line, indented as shown.
    private const string Document = """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>a b</identifier>
          <sender>crisiscentrum@ibz.be</sender>
          <sent>2026-11-25T14:30:00+01:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <category>Fire</category>
            <event>Brand</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Observed</certainty>
            <web>www.be-alert.be</web>
            <resource>
              <resourceDesc>map</resourceDesc>
              <mimeType>image/png</mimeType>
              <size>-5</size>
            </resource>
            <area>
              <areaDesc>Gent</areaDesc>
              <polygon>51,3 51.1,3 51,3</polygon>
              <geocode><valueName></valueName><value>44021</value></geocode>
              <ceiling>100</ceiling>
            </area>
          </info>
        </alert>
        """;

    private static CapDiagnostic Find(string code) =>
        Assert.Single(CapValidator.Default.Validate(CapParser.Default.Parse(Document)).Diagnostics, d => d.Code == code);

    [Theory]
    [InlineData(CapDiagnosticCodes.InvalidIdentifier, "/alert/identifier", 2, 3)]
    [InlineData(CapDiagnosticCodes.WebNotAbsoluteUri, "/alert/info[1]/web", 14, 5)]
    [InlineData(CapDiagnosticCodes.InvalidSize, "/alert/info[1]/resource[1]/size", 18, 7)]
    [InlineData(CapDiagnosticCodes.PolygonTooFewPoints, "/alert/info[1]/area[1]/polygon[1]", 22, 7)]
    [InlineData(CapDiagnosticCodes.EmptyGeocode, "/alert/info[1]/area[1]/geocode[1]/valueName", 23, 16)]
    [InlineData(CapDiagnosticCodes.CeilingWithoutAltitude, "/alert/info[1]/area[1]/ceiling", 24, 7)]
    public void Validate_ParsedDocument_ReportsPathLineAndColumn(string code, string path, int line, int column)
    {
        var diagnostic = Find(code);
        Assert.Equal((path, line, column), (diagnostic.Path, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Validate_SameAlertBuiltInCode_HasPathsButNoPositions()
    {
        var alert = CapParser.Default.Parse(Document).Alert;
        var rebuilt = CapParser.Default.Parse(CapWriter.WriteToBytes(alert)).Alert;
        Assert.All(CapValidator.Default.Validate(alert).Diagnostics, d => Assert.Equal((0, 0), (d.Line, d.Column)));
        Assert.Equal(alert, rebuilt);
    }
}
