namespace BeAlert.Cli.Tests.Infrastructure;

/// <summary>Small feeds and envelopes carrying <see cref="CapXml"/> alerts.</summary>
internal static class FeedXml
{
    /// <summary>An Atom feed with one entry embedding <paramref name="alert"/> (a whole CAP document).</summary>
    public static string Atom(string alert) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <id>urn:uuid:5d1f5c2e-8f0a-4f3e-b0a4-0c7d6a1e2b3c</id>
          <title>Gent</title>
          <updated>2026-03-05T10:01:00+01:00</updated>
          <author><name>Stad Gent</name></author>
          <entry>
            <id>https://alerts.gent.be/cap/BE-TEST-0001.xml</id>
            <title>Oefening: brand in Gent</title>
            <updated>2026-03-05T10:00:00+01:00</updated>
            <content type="application/cap+xml">
        {Body(alert)}
            </content>
          </entry>
        </feed>
        """;

    /// <summary>An EDXL-DE envelope whose only content object holds <paramref name="payload"/>.</summary>
    public static string Edxl(string payload) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">
          <distributionID>DE-1</distributionID>
          <senderID>crisis@gent.be</senderID>
          <dateTimeSent>2026-03-05T10:01:00+01:00</dateTimeSent>
          <distributionStatus>Test</distributionStatus>
          <distributionType>Report</distributionType>
          <combinedConfidentiality>UNCLASSIFIED AND NOT SENSITIVE</combinedConfidentiality>
          <contentObject>
            <xmlContent>
              <embeddedXMLContent>
        {Body(payload)}
              </embeddedXMLContent>
            </xmlContent>
          </contentObject>
        </EDXLDistribution>
        """;

    /// <summary>The document without its XML declaration.</summary>
    private static string Body(string document) =>
        document.StartsWith("<?xml", StringComparison.Ordinal) ? document[(document.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : document;
}
