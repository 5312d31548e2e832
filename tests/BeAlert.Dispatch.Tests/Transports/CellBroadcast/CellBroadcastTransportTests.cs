using System.Text.Json;
using System.Xml.Linq;
using BeAlert.Cap;
using BeAlert.TestUtils.Peers;

namespace BeAlert.Dispatch.Tests.Transports.CellBroadcast;

public sealed class CellBroadcastTransportTests
{
    private const string Zone = "gent-haven";
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    private static CellBroadcastOptions Options(Uri endpoint, CellBroadcastWireFormat format = CellBroadcastWireFormat.EcbeJson) => new()
    {
        Name = "cbc-a",
        Endpoint = endpoint,
        WireFormat = format,
        Zones = { new CellBroadcastZone { Name = Zone, Cells = ["206-01-1001-11", "206-01-1001-12"] } },
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static OutboundMessage Message(CapAlert alert, string language, string zone = Zone, long sequence = 0) =>
        TransportTestData.Message(alert, DeliveryChannel.CellBroadcast, zone, language, sequence);

    [Fact]
    public async Task Ecbe_NewAlertTwoLanguages_TwoValidBroadcastsOnTheLevelsIdentifiers()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml"); // Severe, Immediate, Observed: Level 3, 4375

        var nl = await transport.SendAsync(Message(alert, "nl"), CancellationToken.None);
        var fr = await transport.SendAsync(Message(alert, "fr", sequence: 1), CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, nl.Status);
        Assert.Equal(SendStatus.Delivered, fr.Status);
        var broadcasts = cbc.EcbeBroadcasts.OrderBy(b => b.MessageId).ToList();
        Assert.Equal([4375, 4388], broadcasts.Select(b => b.MessageId));
        Assert.NotEqual(broadcasts[0].MessageCode, broadcasts[1].MessageCode);
        Assert.All(broadcasts, b =>
        {
            Assert.Equal("BeAlert", b.CbeName);
            Assert.Equal("high_priority", b.Category);
            Assert.Equal(60, b.RepetitionPeriod);
            Assert.Equal(0, b.GeoScope);
            Assert.Equal(0, b.UpdateNumber);
            Assert.Contains("206-01-1001-11", b.AreaJson, StringComparison.Ordinal);
        });

        var rendered = CapRenderer.Default.RenderCellBroadcast(alert, "nl");
        var dutch = broadcasts[0];
        Assert.Equal(rendered.DataCodingScheme, dutch.Dcs);
        Assert.Equal(rendered.Pages.Count, dutch.Pages.Count);
        Assert.Equal(rendered.Text, DecodeGsm7Pages(dutch.Pages));
    }

    [Fact]
    public async Task Ecbe_Update_ReplacesBroadcastWithUpdateNumberOne()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));
        await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-nl-fr.xml"), "nl"), CancellationToken.None);
        var first = Assert.Single(cbc.EcbeBroadcasts);

        // The update lowers the severity to Moderate (no EU-Alert level): it keeps the running broadcast's identifier.
        var update = TransportTestData.Load("be-fire-gent-update.xml");
        var result = await transport.SendAsync(Message(update, "nl"), CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, result.Status);
        var second = Assert.Single(cbc.EcbeBroadcasts);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.MessageCode, second.MessageCode);
        Assert.Equal(1, second.UpdateNumber);
        Assert.Equal(CapRenderer.Default.RenderCellBroadcast(update, "nl").Text, DecodeGsm7Pages(second.Pages));
        Assert.Equal(["POST", "DELETE", "POST"], cbc.Requests.Select(r => r.Method));
        Assert.All(cbc.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Ecbe_Cancel_KillsTheBroadcast()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));
        await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-nl-fr.xml"), "fr"), CancellationToken.None);
        await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-update.xml"), "fr"), CancellationToken.None);

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-cancel.xml"), "fr"), CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, result.Status);
        Assert.Empty(cbc.EcbeBroadcasts);
        var kill = cbc.Requests[^1];
        Assert.Equal("DELETE", kill.Method);
        Assert.StartsWith("/api/ecbe/v1/message/4388", kill.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecbe_CancelOfUnknownBroadcast_AlreadyEnded()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-cancel.xml"), "nl"), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(DeliveryError.ContentRejected, result.Error); // Past/Minor maps to no level and nothing is known to be running
    }

    [Fact]
    public async Task Ecbe_DecodedPayload_TextLanguageAndCharacterSet()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        var options = Options(cbc.Address);
        options.EcbePayload = CellBroadcastEcbePayload.Decoded;
        options.GeographicalScope = CellBroadcastGeographicalScope.CellWide;
        options.RepetitionPeriod = 30;
        options.NumberOfBroadcasts = 10;
        await using var transport = new CellBroadcastTransport(options);
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml");

        await transport.SendAsync(Message(alert, "fr"), CancellationToken.None);

        var broadcast = Assert.Single(cbc.EcbeBroadcasts);
        Assert.Equal("fr", broadcast.Language);
        var rendered = CapRenderer.Default.RenderCellBroadcast(alert, "fr");
        Assert.Equal(rendered.DataCoding == SmsDataCoding.Gsm7 ? "gsm" : "ucs2", broadcast.CharacterSet);
        Assert.Equal(rendered.Text, broadcast.Text);
        Assert.Equal(3, broadcast.GeoScope);
        Assert.Equal(30, broadcast.RepetitionPeriod);
        Assert.Equal(10, broadcast.NumberOfBroadcasts);
    }

    [Fact]
    public async Task Ecbe_ZoneFromTheAlertsArea_PolygonSent()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-nl-fr.xml"), "nl", zone: "Haven van Gent / Port de Gand"), CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, result.Status);
        using var area = JsonDocument.Parse(Assert.Single(cbc.EcbeBroadcasts).AreaJson!);
        Assert.Equal(11, area.RootElement.GetProperty("polygon").GetArrayLength());
    }

    [Fact]
    public async Task SendAsync_UnknownZone_InvalidDestinationWithoutRequest()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-nl-fr.xml"), "nl", zone: "nowhere"), CancellationToken.None);

        Assert.Equal(DeliveryError.InvalidDestination, result.Error);
        Assert.Empty(cbc.Requests);
    }

    [Fact]
    public async Task SendAsync_DraftAlert_ContentRejected()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-draft-template-fire.xml"), "fr"), CancellationToken.None);

        Assert.Equal(DeliveryError.ContentRejected, result.Error);
        Assert.Contains("Draft", result.Reason, StringComparison.Ordinal);
        Assert.Empty(cbc.Requests);
    }

    [Fact]
    public async Task Ecbe_SameAlertTwice_CbcSays409_Rejected()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml");
        await transport.SendAsync(Message(alert, "nl"), CancellationToken.None);

        var again = await transport.SendAsync(Message(alert, "nl"), CancellationToken.None);

        Assert.Equal(DeliveryError.Rejected, again.Error);
        Assert.Contains("409", again.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503, 7, DeliveryError.Throttled)]
    [InlineData(429, 3, DeliveryError.Throttled)]
    [InlineData(500, null, DeliveryError.TemporaryFailure)]
    [InlineData(400, null, DeliveryError.Rejected)]
    public async Task Ecbe_CbcError_MappedToDeliveryError(int status, int? retryAfter, DeliveryError expected)
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        cbc.Script(new PeerReply(status, "overloaded", retryAfter));
        await using var transport = new CellBroadcastTransport(Options(cbc.Address));

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-nl-fr.xml"), "nl"), CancellationToken.None);

        Assert.Equal(expected, result.Error);
        Assert.Equal(retryAfter is { } s ? TimeSpan.FromSeconds(s) : null, result.RetryAfter);
    }

    [Fact]
    public async Task Ecbe_HugeAnswer_TemporaryFailureNamingTheLimit()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        cbc.Script(new PeerReply(200, PaddingBytes: 3 * 1024 * 1024));
        var options = Options(cbc.Address);
        options.MaxResponseBytes = 4096;
        await using var transport = new CellBroadcastTransport(options);

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-nl-fr.xml"), "nl"), CancellationToken.None);

        Assert.Equal(DeliveryError.TemporaryFailure, result.Error);
        Assert.Contains("4096-byte limit", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cap_NewUpdateCancel_AckedBySchemaValidatingCbc()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.CapEndpoint, CellBroadcastWireFormat.CapXml));
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml");

        var created = await transport.SendAsync(Message(alert, "fr"), CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, created.Status);
        Assert.StartsWith("CAP Ack", created.Reason, StringComparison.Ordinal);
        var sent = cbc.CapBroadcasts[alert.Identifier];
        var info = Assert.Single(sent.Root!.Elements(Cap + "info"));
        Assert.Equal("fr-BE", (string?)info.Element(Cap + "language"));
        Assert.Equal(Zone, (string?)Assert.Single(info.Elements(Cap + "area")).Element(Cap + "areaDesc"));
        Assert.Equal("4388", Parameter(info, "EU-Alert-MessageIdentifier"));
        var serial = CellBroadcastSerialNumber.Decode(ushort.Parse(Parameter(info, "CBS-SerialNumber")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, serial.UpdateNumber);

        var updated = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-update.xml"), "fr"), CancellationToken.None);
        Assert.Equal(SendStatus.Delivered, updated.Status);
        var updateInfo = cbc.CapBroadcasts["BE-GENT-2026-0412-U1"].Root!.Element(Cap + "info")!;
        Assert.Equal(serial.NextUpdate().Encode().ToString(System.Globalization.CultureInfo.InvariantCulture), Parameter(updateInfo, "CBS-SerialNumber"));

        var cancelled = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-cancel.xml"), "fr"), CancellationToken.None);
        Assert.Equal(SendStatus.Delivered, cancelled.Status);
        Assert.Empty(cbc.CapBroadcasts);
        Assert.All(cbc.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Cap_UpdateOfUnknownBroadcast_CapErrorNoteInReason()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        await using var transport = new CellBroadcastTransport(Options(cbc.CapEndpoint, CellBroadcastWireFormat.CapXml));
        var update = TransportTestData.Load("be-fire-gent-update.xml");
        var severe = update with { Infos = [.. update.Infos.Select(i => i with { Severity = CapSeverity.Severe, Urgency = CapUrgency.Immediate })] };

        var result = await transport.SendAsync(Message(severe, "nl"), CancellationToken.None);

        Assert.Equal(DeliveryError.Rejected, result.Error);
        Assert.Contains("no running broadcast", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cap_SuccessWithGarbage_TemporaryFailure()
    {
        await using var cbc = await TestCbcPeer.StartAsync();
        cbc.Script(new PeerReply(200, "<html>proxy error</html>"));
        await using var transport = new CellBroadcastTransport(Options(cbc.CapEndpoint, CellBroadcastWireFormat.CapXml));

        var result = await transport.SendAsync(Message(TransportTestData.Load("be-fire-gent-nl-fr.xml"), "nl"), CancellationToken.None);

        Assert.Equal(DeliveryError.TemporaryFailure, result.Error);
        Assert.Contains("not a CAP Ack", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new CellBroadcastOptions
        {
            Endpoint = null,
            CbeName = "",
            RepetitionPeriod = 0,
            NumberOfBroadcasts = 70000,
            Zones =
            {
                new CellBroadcastZone { Name = "a" },
                new CellBroadcastZone { Name = "a", Cells = ["x y"] },
                new CellBroadcastZone { Name = "b", Polygon = new CapPolygon([new CapPoint(0, 0), new CapPoint(1, 1)]) },
            },
        };
        var e = Assert.Throws<ArgumentException>(() => new CellBroadcastTransport(options));
        foreach (var text in new[] { "Endpoint", "CbeName", "RepetitionPeriod", "NumberOfBroadcasts", "'a' is listed twice", "either cells or a polygon", "malformed cell", "polygon of zone 'b'" })
        {
            Assert.Contains(text, e.Message, StringComparison.Ordinal);
        }
    }

    private static string? Parameter(XElement info, string name) =>
        info.Elements(Cap + "parameter").Where(p => (string?)p.Element(Cap + "valueName") == name).Select(p => (string?)p.Element(Cap + "value")).FirstOrDefault();

    private static string DecodeGsm7Pages(IReadOnlyList<byte[]> pages) =>
        string.Concat(pages.Select(p => SmsEncoder.DecodeGsm7(CellBroadcastMappingTests.Unpack(p, 93)).TrimEnd('\r')));
}
