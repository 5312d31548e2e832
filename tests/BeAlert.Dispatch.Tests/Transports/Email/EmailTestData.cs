using BeAlert.Cap;
using BeAlert.TestUtils;

namespace BeAlert.Dispatch.Tests.Transports.Email;

internal static class EmailTestData
{
    public static readonly Guid Campaign = Guid.Parse("5d1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b");

    private static readonly Lazy<CapAlert> LazyAlert = new(() =>
    {
        var path = Path.Combine(TestPaths.BaseDirectory, "Samples", "be-small.xml");
        using var stream = File.OpenRead(path);
        return new CapParser().Parse(stream).Alert;
    });

    public static CapAlert Alert => LazyAlert.Value;

    public static MessageContent Content(string language = "fr", string? subject = "Alerte: incendie à Liège", string? text = null, string? html = null) =>
        new(DeliveryChannel.Email, language, text ?? "Restez à l'intérieur. Fermez portes et fenêtres.\nPlus d'infos: https://be-alert.be", Alert)
        {
            Subject = subject,
            Html = html,
        };

    public static OutboundMessage Message(MessageContent content, long sequence, string? destination = null, int attempt = 1) =>
        new(new DeliveryKey(Campaign, sequence), destination ?? $"person{sequence}@example.org", content, attempt, IsPossibleDuplicate: false);

    public static SmtpTransportOptions Options(int port, int connections = 1, int batchSize = 1) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.None,
        Connections = connections,
        BatchSize = batchSize,
        BatchLinger = TimeSpan.FromMilliseconds(50),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        CommandTimeout = TimeSpan.FromSeconds(5),
    };

    public sealed class NoReceipts : IDeliveryReceiptSink
    {
        public void OnReceipt(in DeliveryReceipt receipt) => throw new InvalidOperationException("SMTP gives no receipts");
    }
}
