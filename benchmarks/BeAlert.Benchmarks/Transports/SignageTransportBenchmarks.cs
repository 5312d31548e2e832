using System.Net.Http.Headers;
using BeAlert.Benchmarks.Cap;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Transports;

/// <summary>
/// One signage push of the typical four-language alert to a local Kestrel peer. Baseline: a raw <see cref="HttpClient"/>
/// POST of the same CAP bytes (written once, no signature, no headers of ours). Ours: <see cref="SignageTransport.SendAsync"/>
/// (CAP bytes cached per alert, HMAC-SHA256 signature, delivery headers, bounded answer read, retry loop). The ratio is the
/// transport's overhead per request; requests/s is 1 / mean.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through GlobalCleanup.")]
public class SignageTransportBenchmarks
{
    private BeAlert.TestUtils.Peers.LocalHttpPeer? _sink;
    private HttpClient? _raw;
    private SignageTransport? _transport;
    private byte[] _body = [];
    private OutboundMessage _message;
    private Uri? _hook;

    [GlobalSetup]
    public void Setup()
    {
        _sink = HttpSink.Start();
        _hook = new Uri(_sink.Address, "hook");
        var alert = CapParser.Default.Parse(BenchmarkDocuments.Load(BenchmarkDocuments.Typical)).Alert;
        _body = CapWriter.WriteToBytes(alert);
        _raw = new HttpClient();
        _transport = new SignageTransport(
            new SignageOptions { Name = "bench", Endpoint = _hook, Secret = "benchmark-secret-0123456789", MaxAttempts = 1 },
            new InMemorySignageDeadLetters());
        _message = new OutboundMessage(new DeliveryKey(Guid.NewGuid(), 1), "bench", new MessageContent(DeliveryChannel.Signage, "nl", "x", alert), 1, false);
        if (RawPost().GetAwaiter().GetResult() != 204 || Transport().GetAwaiter().GetResult() != SendStatus.Delivered)
        {
            throw new InvalidOperationException("The sink did not accept the push.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transport!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw!.Dispose();
        _sink!.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient POST of the CAP bytes")]
    public async Task<int> RawPost()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cap+xml");
        using var response = await _raw!.PostAsync(_hook, content);
        return (int)response.StatusCode;
    }

    [Benchmark(Description = "SignageTransport.SendAsync")]
    public async Task<SendStatus> Transport() => (await _transport!.SendAsync(_message, CancellationToken.None)).Status;
}
