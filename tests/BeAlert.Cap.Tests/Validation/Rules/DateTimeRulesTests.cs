namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>The rules on date-times: CAP0204, CAP0401, CAP0402.</summary>
public sealed class DateTimeRulesTests
{
    private static CapDateTime PlusZero(DateTimeOffset instant) => new(instant.ToUniversalTime(), plusZeroOffset: true);

    [Fact]
    public void PlusZeroOffsetRule_SentWithPlusZero_ReportsCap0204WithCanonicalForm()
    {
        var diagnostic = DiagnosticAssert.Single(ValidAlerts.Full() with { Sent = PlusZero(ValidAlerts.Sent) }, "CAP0204", "/alert/sent");
        Assert.Contains("2026-11-25T13:30:00-00:00", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("effective")]
    [InlineData("onset")]
    [InlineData("expires")]
    public void PlusZeroOffsetRule_InfoTimeWithPlusZero_ReportsCap0204AtThatElement(string element)
    {
        var alert = ValidAlerts.Full().WithInfo(info => element switch
        {
            "effective" => info with { Effective = PlusZero(info.Effective!.Value.Value) },
            "onset" => info with { Onset = PlusZero(info.Onset!.Value.Value) },
            _ => info with { Expires = PlusZero(info.Expires!.Value.Value) },
        });
        DiagnosticAssert.Single(alert, "CAP0204", $"/alert/info[1]/{element}");
    }

    [Fact]
    public void PlusZeroOffsetRule_MinusZeroOffset_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full() with { Sent = new CapDateTime(ValidAlerts.Sent.ToUniversalTime()) });

    [Fact]
    public void ExpiresNotAfterEffectiveRule_ExpiresEqualsEffective_ReportsCap0401()
    {
        var alert = ValidAlerts.Full().WithInfo(info => info with { Onset = null, Expires = info.Effective });
        DiagnosticAssert.Single(alert, "CAP0401", "/alert/info[1]/expires");
    }

    [Fact]
    public void ExpiresNotAfterEffectiveRule_NoEffectiveAndExpiresBeforeSent_ReportsCap0401ComparingWithSent()
    {
        var alert = ValidAlerts.Full().WithInfo(info => info with { Effective = null, Onset = null, Expires = ValidAlerts.Sent.AddMinutes(-1) });
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0401", "/alert/info[1]/expires");
        Assert.Contains("<sent>", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiresNotAfterEffectiveRule_SecondInfoBad_ReportsAtSecondInfo()
    {
        var full = ValidAlerts.Full();
        var alert = full with { Infos = [full.Infos[0], full.Infos[1] with { Expires = ValidAlerts.Sent }] };
        DiagnosticAssert.Single(alert, "CAP0401", "/alert/info[2]/expires");
    }

    [Fact]
    public void ExpiresNotAfterEffectiveRule_ExpiresOneSecondAfterEffectiveInOtherOffset_ReportsNothing()
    {
        var later = new CapDateTime(ValidAlerts.Sent.AddSeconds(1).ToOffset(TimeSpan.FromHours(-8)));
        DiagnosticAssert.None(ValidAlerts.Full().WithInfo(info => info with { Onset = null, Expires = later }));
    }

    [Fact]
    public void ExpiresNotAfterOnsetRule_ExpiresBeforeOnset_ReportsCap0402()
    {
        var alert = ValidAlerts.Full().WithInfo(info => info with { Onset = ValidAlerts.Sent.AddHours(2), Expires = ValidAlerts.Sent.AddHours(1) });
        DiagnosticAssert.Single(alert, "CAP0402", "/alert/info[1]/expires");
    }

    [Fact]
    public void ExpiresNotAfterOnsetRule_ExpiresAfterOnset_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithInfo(info => info with { Onset = ValidAlerts.Sent.AddHours(2), Expires = ValidAlerts.Sent.AddHours(3) }));
}
