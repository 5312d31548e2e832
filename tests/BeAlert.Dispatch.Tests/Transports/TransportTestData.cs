using BeAlert.Cap;
using BeAlert.TestUtils;

namespace BeAlert.Dispatch.Tests.Transports;

/// <summary>Sample alerts and messages for the transport tests (the repository's samples/cap corpus).</summary>
internal static class TransportTestData
{
    public static CapAlert Load(string file)
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "samples", "cap", file);
        using var stream = File.OpenRead(path);
        return new CapParser().Parse(stream).Alert;
    }

    public static OutboundMessage Message(CapAlert alert, DeliveryChannel channel, string destination, string language = "nl", long sequence = 0, string text = "text") =>
        new(new DeliveryKey(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), sequence), destination, new MessageContent(channel, language, text, alert), 1, false);
}
