namespace BeAlert.Cli.Tests.Infrastructure;

/// <summary>Small CAP documents for the tests.</summary>
internal static class CapXml
{
    /// <summary>A valid CAP 1.2 alert (one info, one area).</summary>
    public static string Valid(string identifier = "BE-TEST-0001", string sent = "2026-03-05T10:00:00+01:00", string ns = "urn:oasis:names:tc:emergency:cap:1.2") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="{ns}">
          <identifier>{identifier}</identifier>
          <sender>crisis@gent.be</sender>
          <sent>{sent}</sent>
          <status>Test</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <language>nl-BE</language>
            <category>Fire</category>
            <event>Brand</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Observed</certainty>
            <headline>Oefening: brand in Gent</headline>
            <area>
              <areaDesc>Gent</areaDesc>
              <geocode>
                <valueName>NIS</valueName>
                <value>44021</value>
              </geocode>
            </area>
          </info>
        </alert>
        """;

    /// <summary>A CAP 1.2 alert whose status is not one of the five the standard allows (CAP0201).</summary>
    public static string InvalidStatus(string identifier = "BE-TEST-0002") =>
        Valid(identifier).Replace("<status>Test</status>", "<status>Bogus</status>", StringComparison.Ordinal);

    /// <summary>Not well-formed XML: the document stops in the middle (CAP0001, unreadable).</summary>
    public const string Truncated = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>BE-TEST-0003</identifier>
          <sender>crisis@gent.be
        """;
}
