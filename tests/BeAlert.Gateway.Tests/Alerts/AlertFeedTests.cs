using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BeAlert.Dispatch;
using BeAlert.Gateway.Alerts;
using BeAlert.Gateway.Security;
using BeAlert.TestUtils.Peers;
using Microsoft.Extensions.Logging.Abstractions;
using static BeAlert.Gateway.Tests.Alerts.AlertSamples;

namespace BeAlert.Gateway.Tests.Alerts;

public sealed class AlertFeedTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly AlertsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/feeds/atom")]
    [InlineData("/api/feeds/rss")]
    public async Task VendorFeed_ETagAndIfNoneMatch_Give304_UntilTheActiveSetChanges(string path)
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(gent, GentFire);
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);

        using var first = await vendor.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("BE-GENT-2026-0412", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var etag = first.Headers.ETag!;

        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            using var notModified = await vendor.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        await PostSampleAsync(gent, GentUpdate);
        using var changed = new HttpRequestMessage(HttpMethod.Get, path);
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await vendor.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
        var text = await fresh.Content.ReadAsStringAsync();
        Assert.Contains("BE-GENT-2026-0412-U1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendorFeed_AGentVendor_DoesNotSeeAnAntwerpAlert()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        // The province may not post it: its polygon reaches Beveren (Oost-Vlaanderen) and provinces have no ad-hoc cooperation.
        using var province = _factory.CreateClient(DemoKeyNames.Federal);
        await PostSampleAsync(gent, GentFire);
        await PostSampleAsync(province, AntwerpPower);

        using var gentVendor = await _factory.VendorClientAsync(44021);
        var gentFeed = await gentVendor.GetStringAsync("/api/feeds/atom");
        Assert.Contains("BE-GENT-2026-0412", gentFeed, StringComparison.Ordinal);
        Assert.DoesNotContain("crisis@antwerpen.be", gentFeed, StringComparison.Ordinal);

        using var antwerpVendor = await _factory.VendorClientAsync(11002);
        var antwerpFeed = await antwerpVendor.GetStringAsync("/api/feeds/rss");
        Assert.Contains("crisis@antwerpen.be", antwerpFeed, StringComparison.Ordinal);
        Assert.DoesNotContain("BE-GENT-2026-0412", antwerpFeed, StringComparison.Ordinal);

        // The Antwerp alert is not visible to the Gent vendor by identifier either.
        var antwerpId = (await InsideAsync(province)).Single();
        using var hidden = await gentVendor.GetAsync($"/api/alerts/{antwerpId}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task VendorFeeds_NeedAVendorKey()
    {
        using var anonymous = _factory.CreateClient();
        using var none = await anonymous.GetAsync("/api/feeds/atom");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var operatorKey = _factory.CreateClient(DemoKeyNames.Commune);
        using var wrong = await operatorKey.GetAsync("/api/feeds/atom");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task PublicFeeds_ExcludeSimulationRestrictedAndPrivate_AndAllowCors()
    {
        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        await PostSampleAsync(federal, RestrictedMayors);
        await PostSampleAsync(federal, NationalTest);
        using var school = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        using (var @private = await PostAsync(school, AlertIngestTests.GeocodeOnly("SCHOOL-P", "24062", "<scope>Private</scope><addresses>parents</addresses>")))
        {
            Assert.Equal(HttpStatusCode.Created, @private.StatusCode);
        }

        // Gent moves to the simulation environment: its alert is stored and visible to Gent, flagged, but goes nowhere.
        await _factory.Service<AuthorityStore>().SetSimulationAsync("gent", simulation: true);
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using (var created = await PostAsync(gent, Bytes(GentFire)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var body = await JsonAsync(created);
            Assert.True(body.RootElement.GetProperty("alert").GetProperty("simulation").GetBoolean());
        }

        using var anonymous = _factory.CreateClient();
        using var atom = await anonymous.GetAsync("/api/public/alerts.atom");
        Assert.Equal(HttpStatusCode.OK, atom.StatusCode);
        Assert.Equal("*", atom.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var text = await atom.Content.ReadAsStringAsync();
        Assert.Contains("BE-CC-TEST-2026-12-03", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BE-CC-2026-RES-0009", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SCHOOL-P", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BE-GENT-2026-0412", text, StringComparison.Ordinal);

        var geojson = await anonymous.GetStringAsync("/api/public/alerts.geojson");
        Assert.Contains("BE-CC-TEST-2026-12-03", geojson, StringComparison.Ordinal);
        Assert.DoesNotContain("BE-GENT-2026-0412", geojson, StringComparison.Ordinal);

        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        Assert.DoesNotContain("BE-GENT-2026-0412", await vendor.GetStringAsync("/api/feeds/atom"), StringComparison.Ordinal);

        using var cap = await anonymous.GetAsync("/api/public/alerts/BE-CC-TEST-2026-12-03");
        Assert.Equal(HttpStatusCode.OK, cap.StatusCode);
        using var restricted = await anonymous.GetAsync("/api/public/alerts/BE-CC-2026-RES-0009");
        Assert.Equal(HttpStatusCode.NotFound, restricted.StatusCode);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/public/alerts.atom");
        preflight.Headers.Add("Origin", "https://map.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var allowed = await anonymous.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Contains("If-None-Match", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicFeed_ETag_Gives304()
    {
        using var anonymous = _factory.CreateClient();
        using var first = await anonymous.GetAsync("/api/public/alerts.geojson");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/public/alerts.geojson");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Events_LastEventId_ResumesFromTheDatabase_ThenStreamsLive()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        var first = await PostSampleAsync(gent, GentFire);
        var second = await PostSampleAsync(gent, GentUpdate);

        using var cts = new CancellationTokenSource(Bound);
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feeds/events");
        request.Headers.Add("Last-Event-ID", first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await vendor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var replayed = await NextEventAsync(reader, cts.Token);
        Assert.Equal(second, replayed.Id);
        Assert.Equal("update", replayed.Event);
        Assert.Contains("BE-GENT-2026-0412-U1", replayed.Data, StringComparison.Ordinal);

        var third = await PostSampleAsync(gent, GentCancel);
        var live = await NextEventAsync(reader, cts.Token);
        Assert.Equal(third, live.Id);
        Assert.Equal("cancel", live.Event);
    }

    [Fact]
    public async Task Events_BadLastEventId_Returns400()
    {
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feeds/events");
        request.Headers.Add("Last-Event-ID", "yesterday");
        using var response = await vendor.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void EventHub_ASlowSubscriber_IsDisconnectedInsteadOfBuffering()
    {
        var hub = new AlertEventHub(NullLogger<AlertEventHub>.Instance);
        using var slow = hub.Subscribe(2, _ => true);
        using var filtered = hub.Subscribe(1, _ => false);
        var alert = new StoredAlert
        {
            Sequence = 1,
            Alert = BeAlert.Cap.CapParser.Default.Parse(Bytes(GentFire)).Alert,
            Raw = Bytes(GentFire),
            AuthorityId = "gent",
            ReceivedAt = AlertsFactory.Start,
            Expires = AlertsFactory.Start.AddHours(1),
            Municipalities = [44021],
            Nationwide = false,
            Simulation = false,
            State = AlertState.Active,
        };
        hub.Publish(alert);
        hub.Publish(alert);
        Assert.False(slow.Overflowed);
        hub.Publish(alert);
        Assert.True(slow.Overflowed);
        Assert.True(slow.Reader.Completion.IsCompleted || slow.Reader.Count == 2);
        Assert.False(filtered.Overflowed);
        Assert.Equal(1, hub.SubscriberCount);
    }

    [Fact]
    public async Task Webhook_PushesSignedCap_RetriesAfterA503_AndLogsEachAttempt()
    {
        const string secret = "vendor-secret-0123456789";
        await using var receiver = await SignageReceiverPeer.StartAsync(secret);
        receiver.Script(new PeerReply(503));
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        using (var put = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url = receiver.Hook.AbsoluteUri, secret }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.DoesNotContain(secret, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(gent, GentFire);

        using var cts = new CancellationTokenSource(Bound);
        while (receiver.Pushes.Count < 2)
        {
            // The retry waits on the fake clock: move it on until the second attempt arrives.
            await Task.Delay(20, cts.Token);
            _factory.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var pushes = receiver.Pushes;
        Assert.All(pushes, p =>
        {
            Assert.True(p.SignatureValid);
            Assert.Equal(Bytes(GentFire), p.Body);
            Assert.Equal("application/cap+xml", p.ContentType);
        });
        Assert.Equal(["1", "2"], pushes.Select(p => p.Attempt));
        Assert.Equal(SignageSignatureCheck.Valid, SignageSignature.Verify(pushes[1].Signature, pushes[1].Body, secret, _factory.Time.GetUtcNow()));

        while (true)
        {
            using var log = await vendor.GetAsync("/api/feeds/webhook", cts.Token);
            var view = await log.Content.ReadFromJsonAsync<WebhookView>(cts.Token);
            if (view!.Deliveries.Count >= 2)
            {
                Assert.Equal(["delivered", "retrying"], view.Deliveries.Select(d => d.Outcome));
                Assert.Equal(503, view.Deliveries[1].HttpStatus);
                break;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    [Theory]
    [InlineData("{\"url\":\"http://127.0.0.1/hook\",\"secret\":\"short\"}")]
    [InlineData("not json")]
    public async Task Webhook_BadRegistration_Returns400(string json)
    {
        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        using var content = new StringContent(json, new MediaTypeHeaderValue("application/json"));
        using var response = await vendor.PutAsync("/api/feeds/webhook", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<List<string>> InsideAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/alerts");
        using var body = await JsonAsync(response);
        return [.. body.RootElement.EnumerateArray().Select(a => a.GetProperty("identifier").GetString()!)];
    }

    private static async Task<(long Id, string Event, string Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        long id = -1;
        string type = string.Empty, data = string.Empty;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && id >= 0)
            {
                return (id, type, data);
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }
}
