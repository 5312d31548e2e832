namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>The rules on &lt;references&gt;: CAP0305, CAP0311, CAP0313.</summary>
public sealed class ReferencesRulesTests
{
    private static readonly CapDateTime EarlierSent = ValidAlerts.Sent.AddHours(-2);

    [Theory]
    [InlineData("", "BE-2026-0041")]
    [InlineData("crisis@gent.be", "")]
    [InlineData("crisis centrum@gent.be", "BE-2026-0041")]
    [InlineData("crisis@gent.be", "BE,2026")]
    [InlineData("crisis@gent.be", "BE\n2026")]
    public void InvalidReferencesRule_SenderOrIdentifierNotSplittable_ReportsCap0305(string sender, string identifier)
    {
        var alert = ValidAlerts.Full() with { References = [new CapReference(sender, identifier, EarlierSent)] };
        DiagnosticAssert.Single(alert, "CAP0305", "/alert/references");
    }

    [Fact]
    public void InvalidReferencesRule_SecondReferenceBad_MessageNamesIt()
    {
        var alert = ValidAlerts.Full() with { References = [CapReference.To(ValidAlerts.Earlier()), new CapReference("x", "a b", EarlierSent)] };
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0305", "/alert/references");
        Assert.StartsWith("reference 2 ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidReferencesRule_WellFormedReferences_ReportsNothing()
    {
        var alert = ValidAlerts.Full() with
        {
            References = [CapReference.To(ValidAlerts.Earlier()), new CapReference("urn:oid:2.49.0.0.56.0", "BE-2026-0040", EarlierSent)],
        };
        DiagnosticAssert.None(alert);
    }

    [Fact]
    public void SelfReferenceRule_ReferenceToItself_ReportsCap0311()
    {
        var full = ValidAlerts.Full();
        DiagnosticAssert.Single(full with { References = [CapReference.To(full)] }, "CAP0311", "/alert/references");
    }

    [Fact]
    public void SelfReferenceRule_SameIdentifierOtherSender_ReportsNothing()
    {
        var full = ValidAlerts.Full();
        DiagnosticAssert.None(full with { References = [new CapReference("crisis@antwerpen.be", full.Identifier, EarlierSent)] });
    }

    [Fact]
    public void ReferenceNotEarlierRule_ReferenceSentLater_ReportsCap0313()
    {
        var alert = ValidAlerts.Full() with { References = [new CapReference("crisis@gent.be", "BE-2026-0043", ValidAlerts.Sent.AddSeconds(1))] };
        DiagnosticAssert.Single(alert, "CAP0313", "/alert/references");
    }

    [Fact]
    public void ReferenceNotEarlierRule_SameInstantInOtherOffset_ReportsNothing()
    {
        var sameInstant = new CapDateTime(ValidAlerts.Sent.ToOffset(TimeSpan.FromHours(-5)));
        DiagnosticAssert.None(ValidAlerts.Full() with { References = [new CapReference("crisis@gent.be", "BE-2026-0041", sameInstant)] });
    }
}
