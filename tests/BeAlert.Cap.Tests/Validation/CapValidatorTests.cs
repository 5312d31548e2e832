namespace BeAlert.Cap.Tests.Validation;

public sealed class CapValidatorTests
{
    [Fact]
    public void Validate_ManyProblems_ReturnsAllInDocumentOrder()
    {
        var xml = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>a b</identifier>
              <sender>x,y</sender>
              <sent>2026-11-25T14:30:00+00:00</sent>
              <status>Actual</status>
              <msgType>Update</msgType>
              <scope>Restricted</scope>
              <info>
                <category>Fire</category>
                <event>Brand</event>
                <urgency>Soon</urgency>
                <severity>Severe</severity>
                <certainty>Observed</certainty>
                <expires>2026-11-25T14:00:00+01:00</expires>
              </info>
            </alert>
            """;
        var diagnostics = CapValidator.Default.Validate(CapParser.Default.Parse(xml)).Diagnostics;

        Assert.Equal(
            [CapDiagnosticCodes.InvalidIdentifier, CapDiagnosticCodes.InvalidSender, CapDiagnosticCodes.PlusZeroOffset,
             CapDiagnosticCodes.ReferencesRequired, CapDiagnosticCodes.RestrictionRequired, CapDiagnosticCodes.InvalidEnumValue,
             CapDiagnosticCodes.ExpiresNotAfterEffective],
            diagnostics.Select(d => d.Code));
        Assert.Equal(diagnostics.Select(d => d.Line).Order(), diagnostics.Select(d => d.Line));
        Assert.All(diagnostics, d => Assert.True(d.Line > 0 && d.Column > 0));
    }

    [Fact]
    public void Validate_BuiltAlert_HasPathsWithoutPositions()
    {
        var alert = CapAlertBuilder.Create("a b", "x@y.be", new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1))).Build();
        var diagnostics = CapValidator.Default.Validate(alert).Diagnostics;

        Assert.Equal([CapDiagnosticCodes.InvalidIdentifier, CapDiagnosticCodes.NoInfo], diagnostics.Select(d => d.Code).Order());
        Assert.All(diagnostics, d => Assert.Equal((0, 0), (d.Line, d.Column)));
    }
}
