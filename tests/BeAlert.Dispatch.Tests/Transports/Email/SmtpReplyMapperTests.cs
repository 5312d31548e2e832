namespace BeAlert.Dispatch.Tests.Transports.Email;

public sealed class SmtpReplyMapperTests
{
    [Theory]
    [InlineData(421, "4.3.2 Service shutting down", "MailFrom", DeliveryError.Throttled)]
    [InlineData(452, "4.5.3 Too many recipients", "RcptTo", DeliveryError.Throttled)]
    [InlineData(450, "4.2.1 Mailbox busy", "RcptTo", DeliveryError.TemporaryFailure)]
    [InlineData(451, "4.3.0 Local error", "Data", DeliveryError.TemporaryFailure)]
    [InlineData(454, "4.7.0 TLS not available", "MailFrom", DeliveryError.TemporaryFailure)]
    [InlineData(550, "5.1.1 User unknown", "RcptTo", DeliveryError.InvalidDestination)]
    [InlineData(550, "User unknown", "RcptTo", DeliveryError.InvalidDestination)]
    [InlineData(553, "Mailbox name not allowed", "RcptTo", DeliveryError.InvalidDestination)]
    [InlineData(551, "User not local", "RcptTo", DeliveryError.InvalidDestination)]
    [InlineData(554, "5.1.2 Bad destination system", "Data", DeliveryError.InvalidDestination)]
    [InlineData(550, "5.7.1 Message rejected as spam", "Data", DeliveryError.Rejected)]
    [InlineData(550, "Rejected", "Data", DeliveryError.Rejected)]
    [InlineData(554, "Transaction failed", "Data", DeliveryError.Rejected)]
    [InlineData(552, "5.3.4 Message too big", "Data", DeliveryError.ContentRejected)]
    [InlineData(554, "5.6.0 Bad content", "Data", DeliveryError.ContentRejected)]
    [InlineData(500, "5.5.2 Syntax error", "MailFrom", DeliveryError.Rejected)]
    [InlineData(250, "2.0.0 Ok", "Data", DeliveryError.TemporaryFailure)]
    [InlineData(0, null, "Data", DeliveryError.TemporaryFailure)]
    public void Map_Reply_DeliveryError(int code, string? text, string stage, DeliveryError expected) =>
        Assert.Equal(expected, SmtpReplyMapper.Map(code, text, Enum.Parse<SmtpStage>(stage)));

    [Fact]
    public void Reason_ControlCharactersAndLength_OneBoundedLine()
    {
        var reason = SmtpReplyMapper.Reason(550, "5.1.1 bad\r\nInjected: yes " + new string('x', 1000), SmtpStage.RcptTo);

        Assert.StartsWith("550 5.1.1 bad  Injected: yes", reason, StringComparison.Ordinal);
        Assert.EndsWith("(RCPT TO)", reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reason);
        Assert.True(reason.Length < 320);
    }
}
