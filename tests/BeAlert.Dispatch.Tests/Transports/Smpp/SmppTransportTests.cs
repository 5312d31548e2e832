using System.Text.Json;
using BeAlert.Dispatch.Smpp;
using BeAlert.TestUtils;
using static BeAlert.Dispatch.Tests.Transports.Smpp.SmppTestSupport;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

/// <summary>
/// SmppTransport against a real, independent SMSC: tests/peers/smsc.js on the npm smpp package, started per test on
/// 127.0.0.1 and a free port. What the SMSC received is read back from it, decoded by its own code.
/// </summary>
public sealed class SmppTransportTests
{
    private static async Task<(NodeSmscPeer Peer, SmppTransport Transport, RecordingReceiptSink Sink)> StartAsync(
        Dictionary<string, string>? environment = null,
        Action<SmppOptions>? configure = null)
    {
        var peer = await NodeSmscPeer.StartAsync(environment);
        var transport = new SmppTransport("smsc-test", Options(peer, configure));
        var sink = new RecordingReceiptSink();
        try
        {
            await Bounded(transport.StartAsync(sink, CancellationToken.None).AsTask());
        }
        catch
        {
            await transport.DisposeAsync();
            await peer.DisposeAsync();
            throw;
        }

        return (peer, transport, sink);
    }

    private static int Stat(JsonElement stats, string name) => stats.GetProperty(name).GetInt32();

    [Fact]
    public async Task StartAsync_RightCredentials_BindsEveryBind()
    {
        var (peer, transport, _) = await StartAsync(configure: o => o.BindsPerEndpoint = 3);
        await using (peer)
        await using (transport)
        {
            Assert.Equal(3, Stat(await peer.StatsAsync(), "binds"));
            Assert.Equal(3, transport.OpenBinds);
            Assert.Equal(300, transport.MaxConcurrency);
        }
    }

    [Fact]
    public async Task StartAsync_WrongPassword_ThrowsPermanentWithStatusAndNoPassword()
    {
        await using var peer = await NodeSmscPeer.StartAsync();
        var transport = new SmppTransport("smsc-test", Options(peer, o => o.Password = "wrong12"));
        var ex = await Assert.ThrowsAsync<SmppException>(() => Bounded(transport.StartAsync(new RecordingReceiptSink(), CancellationToken.None).AsTask()));
        Assert.Equal(SmppCommandStatus.InvalidPassword, ex.CommandStatus);
        Assert.False(ex.IsTransient);
        Assert.Contains("ESME_RINVPASWD", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong12", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Stat(await peer.StatsAsync(), "bind_failures"));
    }

    [Fact]
    public async Task StartAsync_NobodyListening_ThrowsTransient()
    {
        int port;
        await using (var peer = await NodeSmscPeer.StartAsync())
        {
            port = peer.Port;
        }

        var options = new SmppOptions { Host = "127.0.0.1", Port = port, SystemId = "test", Password = "secret", ConnectTimeout = TimeSpan.FromSeconds(3) };
        var transport = new SmppTransport("smsc-test", options);
        var ex = await Assert.ThrowsAsync<SmppException>(() => Bounded(transport.StartAsync(new RecordingReceiptSink(), CancellationToken.None).AsTask()));
        Assert.True(ex.IsTransient);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ShortGsmText_SmscReceivesTextSenderAndNumber()
    {
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            var result = await Bounded(transport.SendAsync(Message(Content("BE-Alert: fire in Gent {test} €5"), 0), CancellationToken.None).AsTask());
            Assert.Equal(SendStatus.Accepted, result.Status);
            Assert.False(string.IsNullOrEmpty(result.ProviderMessageId));

            var submit = Assert.Single(await peer.SubmitsAsync());
            Assert.Equal("BE-Alert: fire in Gent {test} €5", submit.GetProperty("message").GetString());
            Assert.Equal(0, submit.GetProperty("data_coding").GetInt32());
            Assert.Equal("1789", submit.GetProperty("source_addr").GetString());
            Assert.Equal(3, submit.GetProperty("source_addr_ton").GetInt32());
            Assert.Equal(0, submit.GetProperty("source_addr_npi").GetInt32());
            Assert.Equal("32470123456", submit.GetProperty("destination_addr").GetString());
            Assert.Equal(1, submit.GetProperty("dest_addr_ton").GetInt32());
            Assert.Equal(1, submit.GetProperty("dest_addr_npi").GetInt32());
            Assert.Equal(1, submit.GetProperty("registered_delivery").GetInt32());
        }
    }

    [Theory]
    [InlineData("+33612345678")]
    [InlineData("+14155550123")]
    [InlineData("+861012345678")]
    public async Task SendAsync_ForeignNumber_SentInternational(string destination)
    {
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            var result = await Bounded(transport.SendAsync(Message(Content("Test"), 0, destination), CancellationToken.None).AsTask());
            Assert.Equal(SendStatus.Accepted, result.Status);
            var submit = Assert.Single(await peer.SubmitsAsync());
            Assert.Equal(destination[1..], submit.GetProperty("destination_addr").GetString());
            Assert.Equal(1, submit.GetProperty("dest_addr_ton").GetInt32());
        }
    }

    [Fact]
    public async Task SendAsync_NotE164_InvalidDestinationWithoutSending()
    {
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            var result = await Bounded(transport.SendAsync(Message(Content("Test"), 0, "0470123456"), CancellationToken.None).AsTask());
            Assert.Equal(DeliveryError.InvalidDestination, result.Error);
            Assert.Equal(0, Stat(await peer.StatsAsync(), "submits"));
        }
    }

    [Fact]
    public async Task SendAsync_LongGsmTextWithUdh_SmscGetsPartsThatReassemble()
    {
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            var text = string.Concat(Enumerable.Repeat("Evacuate Doel now; follow the police. ", 9)); // 342 septets: 3 parts
            var result = await Bounded(transport.SendAsync(Message(Content(text), 0), CancellationToken.None).AsTask());
            Assert.Equal(SendStatus.Accepted, result.Status);

            var submits = await peer.SubmitsAsync();
            Assert.Equal(3, submits.Count);
            var reference = submits[0].GetProperty("udh")[0].GetString()![4..6];
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(0x40, submits[i].GetProperty("esm_class").GetInt32() & 0x40);
                Assert.Equal($"0003{reference}03{i + 1:D2}", submits[i].GetProperty("udh")[0].GetString());
            }

            Assert.Equal(text, string.Concat(submits.Select(s => s.GetProperty("message").GetString())));
        }
    }

    [Fact]
    public async Task SendAsync_LongUcs2TextWithSar_SmscGetsSarPartsThatReassemble()
    {
        var (peer, transport, _) = await StartAsync(configure: o => o.Concatenation = SmppConcatenation.Sar);
        await using (peer)
        await using (transport)
        {
            var text = string.Concat(Enumerable.Repeat("Çok önemli uyarı: evde kalın. ", 5)); // 150 UCS-2 units: 3 parts
            var result = await Bounded(transport.SendAsync(Message(Content(text), 0), CancellationToken.None).AsTask());
            Assert.Equal(SendStatus.Accepted, result.Status);

            var submits = await peer.SubmitsAsync();
            Assert.Equal(3, submits.Count);
            var reference = submits[0].GetProperty("sar_msg_ref_num").GetInt32();
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(8, submits[i].GetProperty("data_coding").GetInt32());
                Assert.Equal(reference, submits[i].GetProperty("sar_msg_ref_num").GetInt32());
                Assert.Equal(3, submits[i].GetProperty("sar_total_segments").GetInt32());
                Assert.Equal(i + 1, submits[i].GetProperty("sar_segment_seqnum").GetInt32());
            }

            Assert.Equal(text, string.Concat(submits.Select(s => s.GetProperty("message").GetString())));
        }
    }

    [Fact]
    public async Task SendAsync_ManyAtOnceOnTwoBinds_EveryResponseMatchedToItsRequest()
    {
        const int Count = 1000;
        var (peer, transport, _) = await StartAsync(configure: o => (o.BindsPerEndpoint, o.WindowSize) = (2, 50));
        await using (peer)
        await using (transport)
        {
            var content = Content("Window test");
            var results = await Bounded(Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
                transport.SendAsync(Message(content, i, $"+3247{i:D7}"), CancellationToken.None).AsTask())));
            Assert.All(results, r => Assert.Equal(SendStatus.Accepted, r.Status));
            Assert.Equal(Count, results.Select(r => r.ProviderMessageId).Distinct().Count());

            var stats = await peer.StatsAsync();
            Assert.Equal(Count, Stat(stats, "accepted"));
            Assert.Equal(2, Stat(stats, "binds"));
            var destinations = (await peer.SubmitsAsync()).Select(s => s.GetProperty("destination_addr").GetString()).ToHashSet();
            Assert.Equal(Count, destinations.Count);
        }
    }

    [Fact]
    public async Task SendAsync_EachSenderSendsItsNextFromTheCompletion_EveryMessageSentOnceOnTwoBinds()
    {
        // Each sender awaits one message and sends the next from that continuation: the continuations run in the
        // client's completion batches, whose new requests are handed to the write loop when the batch ends, on any bind.
        const int Senders = 40;
        const int PerSender = 50;
        var (peer, transport, _) = await StartAsync(configure: o => (o.BindsPerEndpoint, o.WindowSize) = (2, 10));
        await using (peer)
        await using (transport)
        {
            var content = Content("Chained sends");
            var perSender = await Bounded(Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
            {
                var ids = new List<string?>();
                for (var i = 0; i < PerSender; i++)
                {
                    var n = (sender * PerSender) + i;
                    var result = await transport.SendAsync(Message(content, n, $"+3247{n:D7}"), CancellationToken.None);
                    Assert.Equal(SendStatus.Accepted, result.Status);
                    ids.Add(result.ProviderMessageId);
                }

                return ids;
            })));
            Assert.Equal(Senders * PerSender, perSender.SelectMany(ids => ids).Distinct().Count());

            var stats = await peer.StatsAsync();
            Assert.Equal(Senders * PerSender, Stat(stats, "accepted"));
            Assert.Equal(Senders * PerSender, Stat(stats, "submits"));
            var destinations = (await peer.SubmitsAsync()).Select(s => s.GetProperty("destination_addr").GetString()).ToHashSet();
            Assert.Equal(Senders * PerSender, destinations.Count);
        }
    }

    [Fact]
    public async Task EnquireLink_BothWays_AnsweredAndSent()
    {
        var (peer, transport, _) = await StartAsync(configure: o => o.EnquireLinkInterval = TimeSpan.FromMilliseconds(100));
        await using (peer)
        await using (transport)
        {
            Assert.True(await EventuallyAsync(async () => Stat(await peer.StatsAsync(), "enquire_links") >= 2));
            await peer.CommandAsync(new { cmd = "enquire" });
            Assert.True(await EventuallyAsync(async () => Stat(await peer.StatsAsync(), "enquire_link_resps") >= 1));
            Assert.Equal(1, transport.OpenBinds);
        }
    }

    [Theory]
    [InlineData("text-hex", "hex")]
    [InlineData("text-dec", "hex")] // the receipt gives the hex id in decimal
    [InlineData("text-hex", "dec")] // the receipt gives the decimal id in hex
    [InlineData("tlv", "hex")]
    public async Task Receipts_EachFormat_ReportedDeliveredWithTheirKeys(string format, string idStyle)
    {
        var environment = new Dictionary<string, string> { ["SMSC_RECEIPTS"] = format, ["SMSC_ID_STYLE"] = idStyle };
        var (peer, transport, sink) = await StartAsync(environment);
        await using (peer)
        await using (transport)
        {
            var content = Content("Receipt test");
            var results = await Bounded(Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                transport.SendAsync(Message(content, i), CancellationToken.None).AsTask())));
            Assert.All(results, r => Assert.Equal(SendStatus.Accepted, r.Status));
            Assert.True(await EventuallyAsync(() => Task.FromResult(sink.Receipts.Count >= 20)), $"{sink.Receipts.Count} receipts");

            var receipts = sink.Receipts.ToArray();
            Assert.All(receipts, r => Assert.True(r.Delivered));
            Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), receipts.Select(r => r.Key!.Value.Sequence).Order());
            foreach (var receipt in receipts)
            {
                Assert.Equal(results[(int)receipt.Key!.Value.Sequence].ProviderMessageId, receipt.ProviderMessageId);
            }

            Assert.Equal(0, transport.ReceiptsUnmatched);
        }
    }

    [Fact]
    public async Task Receipts_Undeliverable_ReportedFailed()
    {
        var (peer, transport, sink) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            var result = await Bounded(transport.SendAsync(Message(Content("Test"), 7), CancellationToken.None).AsTask());
            await peer.CommandAsync(new { cmd = "receipt", id = result.ProviderMessageId, format = "text-hex", stat = "UNDELIV" });
            Assert.True(await EventuallyAsync(() => Task.FromResult(!sink.Receipts.IsEmpty)));
            var receipt = Assert.Single(sink.Receipts);
            Assert.False(receipt.Delivered);
            Assert.Equal(DeliveryError.Undeliverable, receipt.Error);
            Assert.Equal(7, receipt.Key!.Value.Sequence);
            Assert.Contains("UNDELIV", receipt.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Receipts_UnknownId_ReportedWithIdOnly()
    {
        var (peer, transport, sink) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            await peer.CommandAsync(new { cmd = "receipt", id = "ABCDEF", format = "text-hex", stat = "DELIVRD" });
            Assert.True(await EventuallyAsync(() => Task.FromResult(!sink.Receipts.IsEmpty)));
            var receipt = Assert.Single(sink.Receipts);
            Assert.Null(receipt.Key);
            Assert.Equal("ABCDEF", receipt.ProviderMessageId);
        }
    }

    [Fact]
    public async Task SendAsync_FivePerCentThrottled_EveryMessageAccepted()
    {
        const int Count = 400;
        var (peer, transport, _) = await StartAsync(new Dictionary<string, string> { ["SMSC_THROTTLE"] = "0.05" });
        await using (peer)
        await using (transport)
        {
            var content = Content("Throttle test");
            var results = await Bounded(Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
                transport.SendAsync(Message(content, i), CancellationToken.None).AsTask())));
            Assert.All(results, r => Assert.Equal(SendStatus.Accepted, r.Status));
            var stats = await peer.StatsAsync();
            Assert.Equal(Count, Stat(stats, "accepted"));
            Assert.True(Stat(stats, "throttled") > 0);
            Assert.Equal(Stat(stats, "throttled"), transport.ThrottledCount);
        }
    }

    [Fact]
    public async Task SendAsync_AlwaysThrottled_ReturnsThrottledWithRetryAfter()
    {
        var (peer, transport, _) = await StartAsync(new Dictionary<string, string> { ["SMSC_THROTTLE"] = "1" }, o => o.MaxThrottleRetries = 3);
        await using (peer)
        await using (transport)
        {
            var result = await Bounded(transport.SendAsync(Message(Content("Test"), 0), CancellationToken.None).AsTask());
            Assert.Equal(DeliveryError.Throttled, result.Error);
            Assert.True(result.Error.IsTransient());
            Assert.NotNull(result.RetryAfter);
            Assert.Equal(4, Stat(await peer.StatsAsync(), "throttled"));
        }
    }

    [Theory]
    [InlineData(0x0B, DeliveryError.InvalidDestination)] // ESME_RINVDSTADR
    [InlineData(0x51, DeliveryError.InvalidDestination)] // ESME_RINVDSTNPI
    [InlineData(0x08, DeliveryError.TemporaryFailure)] // ESME_RSYSERR
    [InlineData(0x45, DeliveryError.TemporaryFailure)] // ESME_RSUBMITFAIL
    [InlineData(0x0A, DeliveryError.Rejected)] // ESME_RINVSRCADR
    [InlineData(0x62, DeliveryError.Rejected)] // ESME_RINVEXPIRY
    public async Task SendAsync_ErrorStatus_MapsToTransientOrPermanent(int status, DeliveryError expected)
    {
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            await peer.CommandAsync(new { cmd = "fail", prefix = "3299", status });
            var failed = await Bounded(transport.SendAsync(Message(Content("Test"), 0, "+32990000000"), CancellationToken.None).AsTask());
            Assert.Equal(SendStatus.Failed, failed.Status);
            Assert.Equal(expected, failed.Error);
            Assert.Contains($"0x{status:X8}", failed.Reason, StringComparison.Ordinal);

            var other = await Bounded(transport.SendAsync(Message(Content("Test"), 1), CancellationToken.None).AsTask());
            Assert.Equal(SendStatus.Accepted, other.Status);
        }
    }

    [Fact]
    public async Task SendAsync_ConnectionDropsWithRequestsUnanswered_ResubmitsOnlyThoseAfterReconnecting()
    {
        const int Count = 60;
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            var content = Content("Reconnect test");
            var first = await Bounded(Task.WhenAll(Enumerable.Range(0, 10).Select(i => transport.SendAsync(Message(content, i), CancellationToken.None).AsTask())));
            Assert.All(first, r => Assert.Equal(SendStatus.Accepted, r.Status));

            // The SMSC swallows the next 5 submits, then drops the connection.
            await peer.CommandAsync(new { cmd = "drop_after", count = 5 });
            var rest = await Bounded(Task.WhenAll(Enumerable.Range(10, Count - 10).Select(i => transport.SendAsync(Message(content, i), CancellationToken.None).AsTask())));
            Assert.All(rest, r => Assert.Equal(SendStatus.Accepted, r.Status));

            var stats = await peer.StatsAsync();
            Assert.Equal(Count, Stat(stats, "accepted")); // every message accepted exactly once: nothing acknowledged was sent again
            Assert.Equal(5, Stat(stats, "dropped_unanswered"));
            Assert.Equal(2, Stat(stats, "binds"));
            Assert.True(transport.ResubmittedCount >= 5);
            Assert.True(Stat(stats, "submits") <= Count + transport.ResubmittedCount);
        }
    }

    [Theory]
    [InlineData("00000005")] // command_length below the header
    [InlineData("7FFFFFFF800000040000000000000001")] // command_length far above the limit
    [InlineData("0000001580000004000000000000000131323334FF")] // submit_sm_resp whose message_id has no NUL
    public async Task MalformedPduFromSmsc_SessionClosesAndReconnects_NothingLost(string hex)
    {
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            await peer.CommandAsync(new { cmd = "raw", hex });
            Assert.True(await EventuallyAsync(async () => Stat(await peer.StatsAsync(), "binds") == 2 && transport.OpenBinds == 1));
            var result = await Bounded(transport.SendAsync(Message(Content("After"), 0), CancellationToken.None).AsTask());
            Assert.Equal(SendStatus.Accepted, result.Status);
        }
    }

    [Fact]
    public async Task UnbindFromSmsc_Answered_ThenReconnects()
    {
        var (peer, transport, _) = await StartAsync();
        await using (peer)
        await using (transport)
        {
            await peer.CommandAsync(new { cmd = "unbind" });
            Assert.True(await EventuallyAsync(async () =>
            {
                var stats = await peer.StatsAsync();
                return Stat(stats, "unbind_resps") == 1 && Stat(stats, "binds") == 2;
            }));
        }
    }

    [Fact]
    public async Task DisposeAsync_Bound_UnbindsCleanly()
    {
        var (peer, transport, _) = await StartAsync(configure: o => o.BindsPerEndpoint = 2);
        await using (peer)
        {
            await Bounded(transport.DisposeAsync().AsTask());
            Assert.True(await EventuallyAsync(async () => Stat(await peer.StatsAsync(), "unbinds") == 2));
            Assert.True(await EventuallyAsync(async () => Stat(await peer.StatsAsync(), "sessions") == 0));
        }
    }
}
