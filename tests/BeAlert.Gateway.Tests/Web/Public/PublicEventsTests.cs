using System.Net;
using System.Text.Json;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests.Web.Public;

/// <summary>The public map's server-sent events (<c>/api/public/events</c>) and the public pages over plain HTTP.</summary>
public sealed class PublicEventsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Events_PublicAlertThenCancel_EachChangeSendsNewVersion_SimulationNever()
    {
        using var cts = new CancellationTokenSource(Bound);
        using var anonymous = _factory.CreateClient();
        anonymous.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
        using var response = await anonymous.GetAsync(new Uri("/api/public/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var initial = await NextAlertsEventAsync(reader, cts.Token);
        Assert.Equal(0, initial.Count);

        // A simulation account's alert changes nothing public: the next event is the real alert's.
        await _factory.Service<AuthorityStore>().SetSimulationAsync("gent", simulation: true);
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PublicAlerts.PostAsync(gent, PublicAlerts.Fresh(PublicAlerts.GentFire).Bytes);

        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        var real = PublicAlerts.Fresh(PublicAlerts.GentFire);
        await PublicAlerts.PostAsync(federal, real.Bytes);
        var added = await NextAlertsEventAsync(reader, cts.Token);
        Assert.Equal(1, added.Count);
        Assert.NotEqual(initial.Version, added.Version);

        await PublicAlerts.PostAsync(federal, PublicAlerts.CancelOf(real));
        var cancelled = await NextAlertsEventAsync(reader, cts.Token);
        Assert.Equal(0, cancelled.Count);
        Assert.NotEqual(added.Version, cancelled.Version);

        var geojson = await anonymous.GetStringAsync(new Uri("/api/public/alerts.geojson", UriKind.Relative), cts.Token);
        Assert.DoesNotContain(real.Identifier, geojson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_MoreStreamsThanTheLimit_Is503WithRetryAfter()
    {
        _factory.Settings["BeAlert:Alerts:MaxPublicStreams"] = "1";
        using var cts = new CancellationTokenSource(Bound);
        using var first = _factory.CreateClient();
        first.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
        using var open = await first.GetAsync(new Uri("/api/public/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        using var reader = new StreamReader(await open.Content.ReadAsStreamAsync(cts.Token));
        await NextAlertsEventAsync(reader, cts.Token);

        using var second = _factory.CreateClient();
        second.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
        using var refused = await second.GetAsync(new Uri("/api/public/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Events_WithoutEventStreamAccept_Is406Problem()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/public/events", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("nl", "Wat is een TEST-bericht?", "nationale test van 2018")]
    [InlineData("fr", "Qu'est-ce qu'un message TEST ?", "test national de 2018")]
    [InlineData("de", "Was ist eine TEST-Meldung?", "nationalen Test 2018")]
    [InlineData("en", "What is a TEST message?", "national test of 2018")]
    public async Task TestMessagePage_EachLanguage_ExplainsTheTest(string language, string heading, string why)
    {
        using var client = _factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/test-message?lang=" + language, UriKind.Relative));
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(heading.Replace("'", "&#x27;", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.Contains(why, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_Html_HasListLiveRegionAndNoInlineScriptOrStyle()
    {
        using var client = _factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/?lang=fr", UriKind.Relative));
        Assert.Contains("Alertes actives", html, StringComparison.Ordinal);
        Assert.Contains("role=\"status\"", html, StringComparison.Ordinal);
        Assert.Contains("/web/public.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        foreach (var script in System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attrs>[^>]*)>(?<body>[^<]*)</script>").Cast<System.Text.RegularExpressions.Match>())
        {
            Assert.True(script.Groups["attrs"].Value.Contains("src=", StringComparison.Ordinal) || script.Groups["attrs"].Value.Contains("application/json", StringComparison.Ordinal), script.Value);
        }
    }

    [Theory]
    [InlineData("/web/public.css")]
    [InlineData("/web/js/public-map.js")]
    [InlineData("/web/js/map.js")]
    public async Task PublicAssets_AreServed(string path)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<(string Version, int Count)> NextAlertsEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? type = null, data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (type == "alerts" && data is not null)
                {
                    using var json = JsonDocument.Parse(data);
                    return (json.RootElement.GetProperty("version").GetString()!, json.RootElement.GetProperty("count").GetInt32());
                }

                type = data = null;
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
