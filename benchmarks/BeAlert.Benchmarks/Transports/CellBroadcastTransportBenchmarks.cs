using System.Net.Http.Headers;
using System.Text;
using BeAlert.Benchmarks.Cap;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Transports;

/// <summary>
/// One EU-Alert broadcast (Dutch, of the typical four-language alert) sent to a local Kestrel peer in osmo-cbc's ECBE
/// JSON shape. Baseline: a raw <see cref="HttpClient"/> POST of a prepared ECBE body of the same size. Ours:
/// <see cref="CellBroadcastTransport.SendAsync"/> (EU-Alert mapping, serial number, pages encoded and hex-written
/// (rendering cached per content), JSON written, bounded answer read). requests/s is 1 / mean.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through GlobalCleanup.")]
public class CellBroadcastTransportBenchmarks
{
    private BeAlert.TestUtils.Peers.LocalHttpPeer? _sink;
    private HttpClient? _raw;
    private CellBroadcastTransport? _transport;
    private byte[] _body = [];
    private OutboundMessage _message;
    private Uri? _messages;

    [GlobalSetup]
    public void Setup()
    {
        _sink = HttpSink.Start();
        _messages = new Uri(_sink.Address, CellBroadcastTransport.EcbeMessagePath);
        var parsed = CapParser.Default.Parse(BenchmarkDocuments.Load(BenchmarkDocuments.Typical)).Alert;
        var alert = parsed with { Infos = [.. parsed.Infos.Select(i => i with { Severity = CapSeverity.Severe, Urgency = CapUrgency.Immediate, Certainty = CapCertainty.Observed })] };
        _raw = new HttpClient();
        _transport = new CellBroadcastTransport(new CellBroadcastOptions
        {
            Name = "bench",
            Endpoint = _sink.Address,
            Zones = { new CellBroadcastZone { Name = "zone", Cells = ["206-01-1-1", "206-01-1-2", "206-01-1-3"] } },
        });
        _message = new OutboundMessage(new DeliveryKey(Guid.NewGuid(), 1), "zone", new MessageContent(DeliveryChannel.CellBroadcast, "nl", "x", alert), 1, false);
        var pages = string.Join(",", Enumerable.Repeat("\"" + new string('A', 164) + "\"", CapRenderer.Default.RenderCellBroadcast(alert, "nl").Pages.Count));
        _body = Encoding.UTF8.GetBytes("{\"cbe_name\":\"BeAlert\",\"category\":\"high_priority\",\"repetition_period\":60,\"num_of_bcast\":0,\"scope\":{\"scope_plmn\":{}},"
            + "\"smscb_message\":{\"serial_nr\":{\"serial_nr_decoded\":{\"geo_scope\":\"cell_wide_immediate\",\"msg_code\":517,\"update_nr\":0}},\"message_id\":4375,"
            + "\"payload\":{\"payload_encoded\":{\"dcs\":5,\"pages\":[" + pages + "]}}},\"bealert_area\":{\"name\":\"zone\",\"cells\":[\"206-01-1-1\",\"206-01-1-2\",\"206-01-1-3\"]}}");
        if (RawPost().GetAwaiter().GetResult() != 200 || Transport().GetAwaiter().GetResult() != SendStatus.Delivered)
        {
            throw new InvalidOperationException("The sink did not accept the broadcast.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transport!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw!.Dispose();
        _sink!.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient POST of a prepared ECBE body")]
    public async Task<int> RawPost()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _raw!.PostAsync(_messages, content);
        return (int)response.StatusCode;
    }

    [Benchmark(Description = "CellBroadcastTransport.SendAsync (ECBE)")]
    public async Task<SendStatus> Transport() => (await _transport!.SendAsync(_message, CancellationToken.None)).Status;
}
