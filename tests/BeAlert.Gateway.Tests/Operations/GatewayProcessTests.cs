using System.Net;
using System.Net.Http.Headers;
using BeAlert.Gateway.Security;
using BeAlert.TestUtils;
using BeAlert.TestUtils.Peers;
using Xunit.Abstractions;

namespace BeAlert.Gateway.Tests.Operations;

/// <summary>The gateway as a real process (dotnet BeAlert.Gateway.dll on 127.0.0.1, port 0), configured on its command line.</summary>
public sealed class GatewayProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bealert-gw-proc-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static Dictionary<string, string> DemoSettings(int subscribers)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["BeAlert:Demo:Subscribers"] = subscribers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, key) in GatewayFactory.Keys)
        {
            settings[$"BeAlert:Demo:Keys:{name}"] = key;
        }

        return settings;
    }

    [Fact]
    public async Task Process_WithTheDefault100kPopulation_BecomesReady_HonoursItsConfiguredKeys_AndStopsCleanly()
    {
        await using var gateway = await GatewayProcess.StartAsync(new GatewayProcessOptions { DataDirectory = _data, Settings = DemoSettings(100_000) });
        output.WriteLine($"time to ready with 100,000 subscribers: {gateway.TimeToReady.TotalSeconds:F2} s (banner: {gateway.BannerSeconds:F1} s)");
        Assert.Contains("100,000 subscribers", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("curl", gateway.Output, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        using (var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/me"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayFactory.Keys[DemoKeyNames.Commune]);
            using var me = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains("gent", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Kestrel itself refuses a NUL in the path with a 400 (the in-process sweep cannot send one).
        using (var nul = await http.GetAsync(new Uri("/api/me/%00", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        }

        await gateway.StopAsync(TimeSpan.FromSeconds(20));
        Assert.True(gateway.HasExited);
        Assert.DoesNotContain("Unhandled exception", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_PostedSampleAlert_IsAccepted_AndStillThereAfterARestart()
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(TestPaths.BaseDirectory, "Samples", "be-fire-gent-nl-fr.xml"));
        var identifier = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(sample)).Root!
            .Elements().First(e => e.Name.LocalName == "identifier").Value;
        var settings = DemoSettings(2_000);
        await using (var gateway = await GatewayProcess.StartAsync(new GatewayProcessOptions { DataDirectory = _data, Settings = settings }))
        {
            using var http = Client(gateway);
            using var content = new ByteArrayContent(sample);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/cap+xml");
            using var posted = await http.PostAsync(new Uri("/api/alerts", UriKind.Relative), content);
            Assert.True(posted.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            await gateway.StopAsync(TimeSpan.FromSeconds(20));
        }

        await using var restarted = await GatewayProcess.StartAsync(new GatewayProcessOptions { DataDirectory = _data, Settings = settings });
        using var client = Client(restarted);
        using var read = await client.GetAsync(new Uri("/api/alerts/" + Uri.EscapeDataString(identifier), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    internal static HttpClient Client(GatewayProcess gateway, string key = DemoKeyNames.Commune)
    {
        var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayFactory.Keys[key]);
        return http;
    }
}
