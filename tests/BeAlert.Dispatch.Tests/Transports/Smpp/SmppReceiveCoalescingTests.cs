using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BeAlert.Dispatch.Smpp;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

/// <summary>
/// Receive coalescing (<see cref="SmppReceiveCoalescing"/>): the low-water mark it asks of the socket, that the
/// operating system really holds it, and that a session whose SMSC suddenly stops answering most requests still hands
/// over every answer that did come, through the coalescing delay, rather than waiting for a batch that never fills.
/// </summary>
public sealed class SmppReceiveCoalescingTests
{
    [Theory]
    [InlineData(0.0, 100, 1)] // nothing measured yet: nothing waits
    [InlineData(1.9, 100, 1)] // fewer than two a batch: nothing waits
    [InlineData(2.0, 100, 2 * 16)]
    [InlineData(7.9, 100, 4 * 16)] // rounded down to a power of two
    [InlineData(8.0, 100, 8 * 16)]
    [InlineData(1_000.0, 100, 16 * 16)] // a quarter of the 100 owed (25), rounded down
    [InlineData(1_000.0, 10_000, 64 * 16)] // at most 64 a batch
    [InlineData(1_000.0, 7, 1)] // a quarter of 7 is one response: nothing waits
    [InlineData(1_000.0, 0, 1)]
    public void MarkFor_BatchOfTheRateBoundedByAQuarterOfWhatIsOwed(double expected, int outstanding, int mark)
    {
        Assert.Equal(mark, SmppReceiveCoalescing.MarkFor(expected, outstanding));
    }

    [Fact]
    public void MarkFor_NeverAsksForMoreThanTheResponsesOwed()
    {
        for (var outstanding = 0; outstanding <= 1_000; outstanding++)
        {
            foreach (var expected in new[] { 0.0, 1.0, 3.0, 10.0, 100.0, 1e9 })
            {
                var mark = SmppReceiveCoalescing.MarkFor(expected, outstanding);
                Assert.True(mark == 1 || mark <= outstanding * SmppPduHeader.Size, $"{expected}, {outstanding}: {mark}");
            }
        }
    }

    [Fact]
    public void Before_AfterAFastBurst_RaisesTheSocketsLowWaterMark_AndATimeoutLowersIt()
    {
        var (client, server) = ConnectedPair();
        using (client)
        using (server)
        {
            var coalescing = new SmppReceiveCoalescing(client, TimeSpan.FromMilliseconds(2));
            Assert.Equal(1, coalescing.Before(100));

            // 10,000 PDUs in a few milliseconds is millions a second: the batch is capped by a quarter of the 100 owed.
            coalescing.Received(10_000);
            Thread.Sleep(5);
            coalescing.Received(0);
            Assert.True(coalescing.RatePerSecond > 100_000, $"rate {coalescing.RatePerSecond}");
            Assert.Equal(16 * 16, coalescing.Before(100));
            Assert.Equal(16 * 16, (int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater)!);

            coalescing.TimedOut();
            Assert.Equal(1, coalescing.Timeouts);
            Assert.Equal(1, coalescing.LowWater);
            Assert.Equal(1, (int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater)!);

            // A timeout with the mark already at one octet is no coalescing timeout.
            coalescing.TimedOut();
            Assert.Equal(1, coalescing.Timeouts);
        }
    }

    [Fact]
    public void Before_DelayZero_NeverRaisesTheMark()
    {
        var (client, server) = ConnectedPair();
        using (client)
        using (server)
        {
            var coalescing = new SmppReceiveCoalescing(client, TimeSpan.Zero);
            coalescing.Received(10_000);
            Thread.Sleep(5);
            coalescing.Received(0);
            Assert.Equal(1, coalescing.Before(1_000));
            Assert.Equal(1, (int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater)!);
        }
    }

    [Fact]
    public void Validate_CoalescingDelayOutOfRange_NamesIt()
    {
        foreach (var delay in new[] { TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(0.5), TimeSpan.FromMilliseconds(21) })
        {
            var options = new SmppOptions { Host = "smsc.example", SystemId = "bealert", ReceiveCoalescingDelay = delay };
            var ex = Assert.Throws<ArgumentException>(options.Validate);
            Assert.Contains("ReceiveCoalescingDelay", ex.Message, StringComparison.Ordinal);
        }

        new SmppOptions { Host = "smsc.example", SystemId = "bealert", ReceiveCoalescingDelay = TimeSpan.Zero }.Validate();
    }

    /// <summary>
    /// A peer (Nagle's algorithm off) that answers the first 4,000 submits at once (the client learns a high rate), then
    /// takes a full window of 100 and answers one at once and nine more only 300 ms later: the reader, which waits for a
    /// batch larger than nine answers, must hand those nine to their senders as Answered through the coalescing delay,
    /// long before the response timeout.
    /// </summary>
    [Fact]
    public async Task SmscStopsAnsweringMostRequests_TheAnswersThatCameStillArrive()
    {
        const int Fast = 4_000;

        // The longest delay allowed, so that even a slow machine's first phase counts as fast (a batch of two needs 800
        // answers a second).
        await WithPeerAsync(noDelay: true, Fast, TimeSpan.FromMilliseconds(20), async client =>
        {
            await SubmitAllAsync(client, Fast);
            var held = Enumerable.Range(0, Window).Select(_ => client.SubmitAsync(Submit, CancellationToken.None).AsTask()).ToArray();
            var answered = await Task.WhenAll(held.Where((_, i) => i % 10 == 0)).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.All(answered, r => Assert.Equal(SmppOutcome.Answered, r.Outcome));
            Assert.All(held.Where((_, i) => i % 10 != 0), t => Assert.False(t.IsCompleted));

            // During the 300 ms with 99 answers owed and none coming, the reader waited for a batch, 20 ms at a time.
            Assert.True(client.CoalescingTimeouts >= 1, "the reader never waited for a batch: the test did not exercise coalescing");
        });
    }

    /// <summary>
    /// A peer with Nagle's algorithm on (a plain socket's default) holds its small answers back until the previous one
    /// is acknowledged, which the kernel delays while the data waits below the mark: batches keep ending on the delay.
    /// The session must notice and turn coalescing off after a bounded number of such waits, not pay one per batch.
    /// </summary>
    [Fact]
    public async Task SmscWithNagle_CoalescingTurnsItselfOff_AfterFewWaits()
    {
        const int Count = 20_000;
        await WithPeerAsync(noDelay: false, Count + 1, TimeSpan.FromMilliseconds(2), async client =>
        {
            await SubmitAllAsync(client, Count);
            if (client.CoalescingTimeouts > 0)
            {
                Assert.True(client.CoalescingTurnedOff, $"{client.CoalescingTimeouts} waits ended on the delay and coalescing is still on");
            }

            // Turned off after at most a quarter of the first polls it judges (and of each later halving of the count).
            Assert.InRange(client.CoalescingTimeouts, 0, 2 * SmppReceiveCoalescing.JudgedAfter);
        });
    }

    private const int Window = 100;

    private static readonly SmppSubmit Submit = new("32470123456", 1, 1, 0, 0, 0, "x"u8.ToArray(), ReadOnlyMemory<byte>.Empty);

    /// <summary>Runs <paramref name="body"/> with a client (window 100) bound to a <see cref="RunPeerAsync"/> peer.</summary>
    private static async Task WithPeerAsync(bool noDelay, int fast, TimeSpan coalescing, Func<SmppClient, Task> body)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var peer = Task.Run(() => RunPeerAsync(listener, noDelay, fast, stop.Token));
        var options = new SmppOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            SystemId = "test",
            Password = "secret",
            WindowSize = Window,
            ResponseTimeout = TimeSpan.FromSeconds(30),
            ReceiveCoalescingDelay = coalescing,
        };
        var client = await SmppClient.ConnectAsync(options, TimeProvider.System, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await using (client)
        {
            await body(client);
        }

        await stop.CancelAsync();
        await peer.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Submits <paramref name="count"/> messages keeping the window full; every one must be answered.</summary>
    private static async Task SubmitAllAsync(SmppClient client, int count)
    {
        var next = 0;
        var workers = Enumerable.Range(0, Window).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var response = await client.SubmitAsync(Submit, CancellationToken.None);
                Assert.Equal(SmppOutcome.Answered, response.Outcome);
            }
        });
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(45));
    }

    /// <summary>
    /// Answers every request at once up to <paramref name="fast"/> submits; of the next window of submits it answers the
    /// first at once, and every tenth after it together 300 ms after the last of that window came; the rest never.
    /// </summary>
    private static async Task RunPeerAsync(TcpListener listener, bool noDelay, int fast, CancellationToken cancellationToken)
    {
        using var socket = await listener.AcceptSocketAsync(cancellationToken);
        socket.NoDelay = noDelay;
        await using var stream = new NetworkStream(socket);
        var submits = 0;
        var later = new List<byte>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var pdu = await SmppTestSupport.ReadPduAsync(stream, cancellationToken);
                var command = BinaryPrimitives.ReadUInt32BigEndian(pdu.AsSpan(4));
                var sequence = BinaryPrimitives.ReadUInt32BigEndian(pdu.AsSpan(12));
                if (command != 0x00000004)
                {
                    await stream.WriteAsync(Response(command | 0x80000000, sequence, "smsc"), cancellationToken);
                    continue;
                }

                var held = submits++ - fast; // 0.. in the second phase
                var answer = Response(0x80000004, sequence, $"id{submits}");
                if (held <= 0)
                {
                    await stream.WriteAsync(answer, cancellationToken);
                }
                else if (held % 10 == 0)
                {
                    later.AddRange(answer);
                }

                if (held == Window - 1)
                {
                    await Task.Delay(300, cancellationToken);
                    await stream.WriteAsync(later.ToArray(), cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or EndOfStreamException)
        {
        }
    }

    private static byte[] Response(uint command, uint sequence, string body)
    {
        var length = 16 + body.Length + 1;
        var pdu = new byte[length];
        BinaryPrimitives.WriteUInt32BigEndian(pdu, (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(4), command);
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(12), sequence);
        Encoding.ASCII.GetBytes(body, pdu.AsSpan(16));
        return pdu;
    }

    private static (Socket Client, Socket Server) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        return (client, listener.Accept());
    }
}
