namespace BeAlert.Dispatch.Tests.Transports.Http;

public sealed class HttpExchangeTests
{
    [Theory]
    [InlineData(200, DeliveryError.None)]
    [InlineData(201, DeliveryError.None)]
    [InlineData(204, DeliveryError.None)]
    [InlineData(301, DeliveryError.Rejected)]
    [InlineData(400, DeliveryError.Rejected)]
    [InlineData(401, DeliveryError.Rejected)]
    [InlineData(404, DeliveryError.Rejected)]
    [InlineData(408, DeliveryError.Timeout)]
    [InlineData(409, DeliveryError.Rejected)]
    [InlineData(429, DeliveryError.Throttled)]
    [InlineData(500, DeliveryError.TemporaryFailure)]
    [InlineData(502, DeliveryError.TemporaryFailure)]
    [InlineData(503, DeliveryError.Throttled)]
    [InlineData(504, DeliveryError.TemporaryFailure)]
    public void Classify_Status_MapsToDeliveryError(int status, DeliveryError expected) =>
        Assert.Equal(expected, HttpExchange.Classify(status));

    [Fact]
    public void Printable_ControlCharactersAndLength_OneBoundedLine()
    {
        var text = HttpExchange.Printable("bad\r\nthing\0"u8.ToArray().Concat(Enumerable.Repeat((byte)'y', 5000)).ToArray());
        Assert.StartsWith("bad  thing", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
        Assert.True(text.Length <= 200);
    }
}
