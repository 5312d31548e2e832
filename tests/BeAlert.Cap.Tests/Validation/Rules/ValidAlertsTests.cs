namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>The valid fixtures are valid, so that every other test breaks exactly one thing.</summary>
public sealed class ValidAlertsTests
{
    [Fact]
    public void Validate_FullyPopulatedAlert_GivesNoDiagnostics() => DiagnosticAssert.None(ValidAlerts.Full());

    [Fact]
    public void Validate_MinimalAlert_GivesNoDiagnostics() => DiagnosticAssert.None(ValidAlerts.Minimal());

    [Fact]
    public void Validate_EarlierAlert_GivesNoDiagnostics() => DiagnosticAssert.None(ValidAlerts.Earlier());
}
