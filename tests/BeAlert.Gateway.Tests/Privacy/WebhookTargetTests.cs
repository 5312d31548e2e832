using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BeAlert.Gateway.Alerts;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Tests.Alerts;
using BeAlert.TestUtils.Peers;

namespace BeAlert.Gateway.Tests.Privacy;

/// <summary>
/// Vendor webhook URLs are an SSRF risk: with <c>BeAlert:Webhooks:AllowPrivateTargets</c> off, a URL that is not
/// http/https, carries credentials, or reaches a loopback, private, link-local, shared or multicast address is refused
/// with 422 and a reason at registration, and a stored one is refused again at send time (no request leaves); the push
/// client follows no redirects. All targets are IP literals or <c>localhost</c>: no DNS query leaves the machine.
/// </summary>
public sealed class WebhookTargetTests : IDisposable
{
    private const string Secret = "vendor-secret-0123456789";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly AlertsFactory _strict = new();

    public WebhookTargetTests()
    {
        _strict.Settings["BeAlert:Webhooks:AllowPrivateTargets"] = "false";
    }

    public void Dispose() => _strict.Dispose();

    [Theory]
    [InlineData("ftp://203.0.113.5/hook", "http and https")]
    [InlineData("file:///etc/passwd", "http and https")]
    [InlineData("http://user:password@203.0.113.5/hook", "credentials")]
    [InlineData("https://token@203.0.113.5/hook", "credentials")]
    [InlineData("http://127.0.0.1:8080/hook", "loopback")]
    [InlineData("http://127.8.9.10/hook", "loopback")]
    [InlineData("http://localhost/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://10.1.2.3/hook", "private")]
    [InlineData("http://172.20.0.1/hook", "private")]
    [InlineData("http://192.168.0.10/hook", "private")]
    [InlineData("http://[fd12:3456::1]/hook", "private")]
    [InlineData("http://[::ffff:10.0.0.1]/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://[fe80::1]/hook", "link-local")]
    [InlineData("http://224.0.0.251/hook", "multicast")]
    [InlineData("http://[ff02::1]/hook", "multicast")]
    [InlineData("http://100.64.0.1/hook", "shared")]
    [InlineData("http://0.0.0.0/hook", "unspecified")]
    public async Task PutWebhook_ForbiddenTarget_Is422WithTheReason_AndNothingStored(string url, string reason)
    {
        using var vendor = _strict.CreateClient(DemoKeyNames.Vendor);

        using var response = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url, secret = Secret });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var stored = await vendor.GetAsync("/api/feeds/webhook");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Theory]
    [InlineData("https://203.0.113.5/hook")]
    [InlineData("http://[2001:db8::5]:8443/hook")]
    public async Task PutWebhook_PublicAddress_IsAccepted(string url)
    {
        using var vendor = _strict.CreateClient(DemoKeyNames.Vendor);

        using var response = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url, secret = Secret });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PutWebhook_LoopbackWhenPrivateTargetsAllowed_IsAccepted_ButCredentialsStillRefused()
    {
        using var factory = new AlertsFactory(); // GatewayFactory turns AllowPrivateTargets on for tests
        using var vendor = factory.CreateClient(DemoKeyNames.Vendor);

        using var loopback = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url = "http://127.0.0.1:9/hook", secret = Secret });
        using var credentials = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url = "http://a:b@127.0.0.1:9/hook", secret = Secret });

        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, credentials.StatusCode);
    }

    [Fact]
    public async Task Push_StoredWebhookNowPrivate_IsRefusedAtSendTime_NoRequestLeaves()
    {
        await using var receiver = await SignageReceiverPeer.StartAsync(Secret);
        _ = _strict.Server;
        // As if the vendor registered while the name resolved to a public address and it now resolves to loopback.
        var keyId = (await _strict.Service<AccessKeyStore>().AuthenticateAsync(GatewayFactory.Keys[DemoKeyNames.Vendor]))!.KeyId;
        await _strict.Service<WebhookStore>().SetAsync(keyId, receiver.Hook, Secret, CancellationToken.None);
        using var gent = _strict.CreateClient(DemoKeyNames.Commune);

        await AlertSamples.PostSampleAsync(gent, AlertSamples.GentFire);

        var deliveries = await WaitForDeliveriesAsync(_strict, 1);
        Assert.Equal("failed", deliveries[0].Outcome);
        Assert.StartsWith("Refused: ", deliveries[0].Error, StringComparison.Ordinal);
        Assert.Contains("loopback", deliveries[0].Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Pushes);
    }

    [Fact]
    public async Task Push_TargetAnswersARedirect_IsNotFollowed()
    {
        using var factory = new AlertsFactory();
        await using var receiver = await SignageReceiverPeer.StartAsync(Secret);
        using var redirector = new Redirector(receiver.Hook);
        using var vendor = factory.CreateClient(DemoKeyNames.Vendor);
        using (var put = await vendor.PutAsJsonAsync("/api/feeds/webhook", new { url = redirector.Url.AbsoluteUri, secret = Secret }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var gent = factory.CreateClient(DemoKeyNames.Commune);
        await AlertSamples.PostSampleAsync(gent, AlertSamples.GentFire);

        var deliveries = await WaitForDeliveriesAsync(factory, 1);
        Assert.Equal("failed", deliveries[0].Outcome);
        Assert.Equal(302, deliveries[0].HttpStatus);
        Assert.True(redirector.Requests >= 1);
        Assert.Empty(receiver.Pushes);
    }

    private static async Task<IReadOnlyList<WebhookDelivery>> WaitForDeliveriesAsync(AlertsFactory factory, int count)
    {
        using var vendor = factory.CreateClient(DemoKeyNames.Vendor);
        using var cts = new CancellationTokenSource(Bound);
        while (true)
        {
            using var log = await vendor.GetAsync("/api/feeds/webhook", cts.Token);
            var view = await log.Content.ReadFromJsonAsync<WebhookView>(cts.Token);
            if (view!.Deliveries.Count >= count)
            {
                return view.Deliveries;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>A loopback HTTP server that answers every request with 302 to <c>target</c>.</summary>
    private sealed class Redirector : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _requests;

        public Redirector(Uri target)
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");
            _ = AcceptAsync(target);
        }

        public Uri Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        /// <summary>Whether the headers and the whole body (Content-Length) have arrived, so closing does not reset the connection.</summary>
        private static bool HasWholeRequest(string seen)
        {
            var end = seen.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            var match = System.Text.RegularExpressions.Regex.Match(seen[..end], @"(?im)^content-length:\s*(\d+)");
            var length = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            return seen.Length - (end + 4) >= length;
        }

        private async Task AcceptAsync(Uri target)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[64 * 1024];
                    var seen = new StringBuilder();
                    while (!HasWholeRequest(seen.ToString()))
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0)
                        {
                            break;
                        }

                        seen.Append(Encoding.Latin1.GetString(buffer, 0, n));
                    }

                    Interlocked.Increment(ref _requests);
                    var reply = Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {target.AbsoluteUri}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(reply, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                // stopped
            }
        }
    }
}
