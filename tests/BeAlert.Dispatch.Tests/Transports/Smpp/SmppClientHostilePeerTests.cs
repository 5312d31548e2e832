using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BeAlert.Dispatch.Smpp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

/// <summary>
/// A peer that binds properly and then sends anything at all: the session must end with an
/// <see cref="SmppException"/> that says why, its requests must all complete (none hangs, none throws), and nothing
/// else may escape. The peer is a bare TCP listener on 127.0.0.1, so the bytes are exactly the generated ones.
/// </summary>
public sealed class SmppClientHostilePeerTests
{
    private static SmppOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        SystemId = "test",
        Password = "secret",
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ResponseTimeout = TimeSpan.FromSeconds(3),
        MaxPduLength = 4096,
    };

    private static async Task<Exception?> RunAsync(byte[] hostile)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var peer = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await using var stream = new NetworkStream(socket);
            var bind = await SmppTestSupport.ReadPduAsync(stream);
            var response = new byte[21];
            BinaryPrimitives.WriteUInt32BigEndian(response, 21);
            BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(4), 0x80000009);
            bind.AsSpan(12, 4).CopyTo(response.AsSpan(12));
            "smsc\0"u8.CopyTo(response.AsSpan(16));
            await stream.WriteAsync(response);
            await SmppTestSupport.ReadPduAsync(stream); // the first submit_sm: requests are in flight when the hostile bytes come
            await stream.WriteAsync(hostile);
            await Task.Delay(50);
        });

        var client = await SmppClient.ConnectAsync(Options(port), TimeProvider.System, _ => { }, CancellationToken.None);
        await using (client)
        {
            var submit = new SmppSubmit("32470123456", 1, 1, 0, 0, 0, "x"u8.ToArray(), ReadOnlyMemory<byte>.Empty);
            var submits = Enumerable.Range(0, 5).Select(_ => client.SubmitAsync(submit, CancellationToken.None).AsTask()).ToArray();
            await peer.WaitAsync(TimeSpan.FromSeconds(10));
            var reason = await client.Completion.WaitAsync(TimeSpan.FromSeconds(10));
            var outcomes = await Task.WhenAll(submits).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.All(outcomes, o => Assert.True(o.Outcome is SmppOutcome.ConnectionLost or SmppOutcome.Answered or SmppOutcome.TimedOut));
            return reason;
        }
    }

    [Property(MaxTest = 40)]
    public Property AnyBytesAfterBind_SessionEndsWithAClearSmppException()
    {
        var gen = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            Gen.Choose(0, 0x7FFFFFFF).Select(n => new byte[] { (byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0x80, 0, 0, 4 }));
        return Prop.ForAll(Arb.From(gen), bytes =>
        {
            var reason = RunAsync(bytes).GetAwaiter().GetResult();
            var smpp = Assert.IsType<SmppException>(reason);
            Assert.False(string.IsNullOrWhiteSpace(smpp.Message));
        });
    }

    [Fact]
    public async Task OversizedPdu_ClosesNamingTheLimit()
    {
        var reason = await RunAsync(Convert.FromHexString("00100000" + "80000004" + "00000000" + "00000002"));
        var smpp = Assert.IsType<SmppException>(reason);
        Assert.Contains("1048576", smpp.Message, StringComparison.Ordinal);
        Assert.Contains("4096", smpp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseWithTheWrongCommand_ClosesNamingTheSequence()
    {
        // A bind_transceiver_resp carrying sequence 2, which belongs to our first submit_sm.
        var reason = await RunAsync(Convert.FromHexString("00000015" + "80000009" + "00000000" + "00000002" + "736D736300"));
        var smpp = Assert.IsType<SmppException>(reason);
        Assert.Contains("sequence 2", smpp.Message, StringComparison.Ordinal);
    }
}
