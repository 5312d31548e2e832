namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>The rules on the alert element itself: CAP0301-CAP0304, CAP0306-CAP0310, CAP0312.</summary>
public sealed class AlertRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("BE 2026")]
    [InlineData("BE,2026")]
    [InlineData("BE<2026")]
    [InlineData("BE&2026")]
    [InlineData("BE\t2026")]
    [InlineData("BE\u00A02026")]
    [InlineData(" BE-2026")]
    public void InvalidIdentifierRule_ForbiddenCharacterOrEmpty_ReportsCap0301(string identifier) =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { Identifier = identifier }, "CAP0301", "/alert/identifier");

    [Theory]
    [InlineData("BE-2026-0042")]
    [InlineData("urn:uuid:7d8f1c52-6a1b-4c49-9c2f-0a5f1b2e3d4c")]
    [InlineData("2.49.0.1.56.0.2026.42")]
    public void InvalidIdentifierRule_PlainIdentifier_ReportsNothing(string identifier) =>
        DiagnosticAssert.None(ValidAlerts.Full() with { Identifier = identifier });

    [Fact]
    public void InvalidIdentifierRule_Space_MessageNamesCharacterAndPosition()
    {
        var diagnostic = DiagnosticAssert.Single(ValidAlerts.Full() with { Identifier = "BE 42" }, "CAP0301", "/alert/identifier");
        Assert.Contains("a space at position 3", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("crisis centrum@gent.be")]
    [InlineData("crisis@gent.be,x")]
    [InlineData("<crisis@gent.be>")]
    [InlineData("crisis&co@gent.be")]
    public void InvalidSenderRule_ForbiddenCharacterOrEmpty_ReportsCap0302(string sender) =>
        DiagnosticAssert.Single(ValidAlerts.Minimal() with { Sender = sender }, "CAP0302", "/alert/sender");

    [Theory]
    [InlineData("crisis@gent.be")]
    [InlineData("urn:oid:2.49.0.0.56.0")]
    public void InvalidSenderRule_PlainSender_ReportsNothing(string sender) =>
        DiagnosticAssert.None(ValidAlerts.Minimal() with { Sender = sender });

    [Fact]
    public void RestrictionRequiredRule_RestrictedWithoutRestriction_ReportsCap0303AtScope()
    {
        var diagnostic = DiagnosticAssert.Single(ValidAlerts.Full() with { Scope = CapScope.Restricted }, "CAP0303", "/alert/scope");
        Assert.Contains("add a <restriction>", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RestrictionRequiredRule_RestrictedWithBlankRestriction_ReportsCap0303AtRestriction() =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { Scope = CapScope.Restricted, Restriction = "  " }, "CAP0303", "/alert/restriction");

    [Fact]
    public void RestrictionRequiredRule_RestrictedWithRestriction_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full() with { Scope = CapScope.Restricted, Restriction = "Hulpdiensten provincie Oost-Vlaanderen" });

    [Fact]
    public void AddressesRequiredRule_PrivateWithoutAddresses_ReportsCap0304() =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { Scope = CapScope.Private }, "CAP0304", "/alert/scope");

    [Fact]
    public void AddressesRequiredRule_PrivateWithAddresses_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full() with { Scope = CapScope.Private, Addresses = ["brandweer@gent.be", "Zone Centrum"] });

    [Theory]
    [InlineData(CapMessageType.Update)]
    [InlineData(CapMessageType.Cancel)]
    [InlineData(CapMessageType.Ack)]
    [InlineData(CapMessageType.Error)]
    public void ReferencesRequiredRule_MessageTypeWithoutReferences_ReportsCap0306(CapMessageType msgType)
    {
        var alert = ValidAlerts.Full() with { MsgType = msgType, References = [] };
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0306", "/alert/msgType");
        Assert.Contains(msgType.ToString(), diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CapMessageType.Alert)]
    [InlineData(CapMessageType.Update)]
    [InlineData(CapMessageType.Cancel)]
    [InlineData(CapMessageType.Ack)]
    [InlineData(CapMessageType.Error)]
    public void ReferencesRequiredRule_WithReferences_ReportsNothing(CapMessageType msgType) =>
        DiagnosticAssert.None(ValidAlerts.Full() with { MsgType = msgType });

    [Fact]
    public void ErrorNoteMissingRule_ErrorWithoutNote_ReportsCap0307AtMsgType() =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { MsgType = CapMessageType.Error, Note = null }, "CAP0307", "/alert/msgType");

    [Fact]
    public void ErrorNoteMissingRule_ErrorWithBlankNote_ReportsCap0307AtNote() =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { MsgType = CapMessageType.Error, Note = "" }, "CAP0307", "/alert/note");

    [Fact]
    public void ErrorNoteMissingRule_ErrorWithNote_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full() with { MsgType = CapMessageType.Error, Note = "Polygon outside the sender's jurisdiction." });

    [Theory]
    [InlineData(CapScope.Public)]
    [InlineData(CapScope.Private)]
    public void RestrictionNotUsedRule_RestrictionWithOtherScope_ReportsCap0308(CapScope scope)
    {
        var alert = ValidAlerts.Full() with { Scope = scope, Restriction = "Hulpdiensten", Addresses = ["brandweer@gent.be"] };
        DiagnosticAssert.Single(alert, "CAP0308", "/alert/restriction");
    }

    [Fact]
    public void InvalidAddressesRule_EmptyEntry_ReportsCap0309NamingTheEntry()
    {
        var alert = ValidAlerts.Full() with { Scope = CapScope.Private, Addresses = ["brandweer@gent.be", ""] };
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0309", "/alert/addresses");
        Assert.StartsWith("address 2 ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("brand\"weer")]
    [InlineData("\"Zone Centrum\"")]
    public void InvalidAddressesRule_BlankOrQuotedEntry_ReportsCap0309(string address) =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { Scope = CapScope.Private, Addresses = [address] }, "CAP0309", "/alert/addresses");

    [Fact]
    public void InvalidAddressesRule_EntriesWithSpaces_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full() with { Scope = CapScope.Private, Addresses = ["Zone Centrum", "brandweer@gent.be"] });

    [Theory]
    [InlineData("")]
    [InlineData("INC\"7")]
    public void InvalidIncidentsRule_EmptyOrQuotedEntry_ReportsCap0310(string incident) =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { Incidents = ["BE-INC-7", incident] }, "CAP0310", "/alert/incidents");

    [Fact]
    public void InvalidIncidentsRule_TwoBadEntries_ReportsEach() =>
        DiagnosticAssert.All(ValidAlerts.Full() with { Incidents = ["", "a\"b"] }, "CAP0310", "/alert/incidents", "/alert/incidents");

    [Theory]
    [InlineData(CapMessageType.Alert)]
    [InlineData(CapMessageType.Update)]
    public void NoInfoRule_AlertOrUpdateWithoutInfo_ReportsCap0312(CapMessageType msgType) =>
        DiagnosticAssert.Single(ValidAlerts.Full() with { MsgType = msgType, Infos = [] }, "CAP0312", "/alert/msgType");

    [Theory]
    [InlineData(CapMessageType.Cancel)]
    [InlineData(CapMessageType.Ack)]
    [InlineData(CapMessageType.Error)]
    public void NoInfoRule_OtherMessageTypeWithoutInfo_ReportsNothing(CapMessageType msgType) =>
        DiagnosticAssert.None(ValidAlerts.Full() with { MsgType = msgType, Infos = [] });
}
