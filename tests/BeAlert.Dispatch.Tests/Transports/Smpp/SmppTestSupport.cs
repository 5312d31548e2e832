using System.Collections.Concurrent;
using BeAlert.Cap;
using BeAlert.Dispatch.Smpp;
using BeAlert.TestUtils;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

/// <summary>Shared pieces of the SMPP tests: message contents, options for the node SMSC, a recording receipt sink.</summary>
internal static class SmppTestSupport
{
    private static readonly Lazy<CapAlert> Alert = new(() =>
        CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "be-small.xml"))).Alert);

    public static MessageContent Content(string text) => new(DeliveryChannel.Sms, "nl", text, Alert.Value);

    public static OutboundMessage Message(MessageContent content, long sequence, string destination = "+32470123456") =>
        new(new DeliveryKey(CampaignId, sequence), destination, content, 1, false);

    public static readonly Guid CampaignId = Guid.Parse("6d1b5a0e-3c39-4d55-9a2e-3f0f1f7c9a11");

    public static SmppOptions Options(NodeSmscPeer peer, Action<SmppOptions>? configure = null)
    {
        var options = new SmppOptions
        {
            Host = "127.0.0.1",
            Port = peer.Port,
            SystemId = NodeSmscPeer.SystemId,
            Password = NodeSmscPeer.Password,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ResponseTimeout = TimeSpan.FromSeconds(5),
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
            ThrottleDelay = TimeSpan.FromMilliseconds(5),
            MaxThrottleDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Bounds an integration step: fails the test instead of hanging.</summary>
    public static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Bounds an integration step: fails the test instead of hanging.</summary>
    public static Task Bounded(Task task) => task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Reads one whole PDU (its command_length first) from a test peer's stream.</summary>
    public static async Task<byte[]> ReadPduAsync(System.Net.Sockets.NetworkStream stream, CancellationToken cancellationToken = default)
    {
        var head = new byte[4];
        await stream.ReadExactlyAsync(head, cancellationToken);
        var pdu = new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head)];
        head.CopyTo(pdu, 0);
        await stream.ReadExactlyAsync(pdu.AsMemory(4), cancellationToken);
        return pdu;
    }

    /// <summary>Waits until a condition holds, polling, up to 15 seconds; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}

/// <summary>Records every receipt a transport reports.</summary>
internal sealed class RecordingReceiptSink : IDeliveryReceiptSink
{
    public ConcurrentQueue<DeliveryReceipt> Receipts { get; } = new();

    public void OnReceipt(in DeliveryReceipt receipt) => Receipts.Enqueue(receipt);
}
