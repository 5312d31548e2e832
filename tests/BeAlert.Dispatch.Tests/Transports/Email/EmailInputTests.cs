using BeAlert.TestUtils;
using static BeAlert.Dispatch.Tests.Transports.Email.EmailTestData;

namespace BeAlert.Dispatch.Tests.Transports.Email;

/// <summary>Hostile destinations, subjects, bodies and options: refused or cleaned before anything reaches the relay.</summary>
public sealed class EmailInputTests
{
    public static TheoryData<string> AbsurdAddresses => new()
    {
        string.Empty,
        "no-at-sign",
        "a@",
        "@example.org",
        "a b@example.org",
        "a@example.org, b@example.org",
        "a@example.org\r\nRCPT TO:<b@example.org>",
        "a@example.org>\r\nDATA",
        "\"quoted\"@example.org",
        "a@[127.0.0.1]",
        "<a@example.org>",
        "Name <a@example.org>",
        "a..b@example.org",
        ".a@example.org",
        "a.@example.org",
        "é@example.org",
        "a@-bad-.example",
        "a@under_score.example",
        "a@example..org",
        "a\0@example.org",
        new string('a', 65) + "@example.org",
        "a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".org",
        "group:a@example.org;",
    };

    [Theory]
    [MemberData(nameof(AbsurdAddresses))]
    public async Task SendAsync_AbsurdAddress_InvalidDestinationWithoutContactingRelay(string destination)
    {
        var port = SmtpSinkPeer.FreePort(); // nothing listens: contacting it would give ConnectionFailed
        await using var transport = new SmtpEmailTransport(Options(port));

        var result = await transport.SendAsync(Message(Content(), 1, destination), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(DeliveryError.InvalidDestination, result.Error);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Theory]
    [InlineData("first.last+tag@example.org")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x@bücher.example")]
    [InlineData("UPPER@EXAMPLE.ORG")]
    public void TryParse_PlausibleAddress_Accepted(string address)
    {
        Assert.True(EmailAddressRules.TryParse(address, out var mailbox, out var problem), problem);
        Assert.NotNull(mailbox);
    }

    [Fact]
    public async Task SendAsync_BodyOverLimit_ContentRejectedWithoutContactingRelay()
    {
        var options = Options(SmtpSinkPeer.FreePort());
        options.MaxBodyBytes = 64 * 1024;
        await using var transport = new SmtpEmailTransport(options);
        var content = Content(text: new string('é', 20_000), html: "<p>" + new string('x', 30_000) + "</p>"); // 40,000 + 30,007 bytes

        var result = await transport.SendAsync(Message(content, 1), CancellationToken.None);

        Assert.Equal(DeliveryError.ContentRejected, result.Error);
        Assert.False(result.Error.IsTransient());
        Assert.Contains("65536", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ContentOfAnotherChannel_ArgumentException()
    {
        await using var transport = new SmtpEmailTransport(Options(SmtpSinkPeer.FreePort()));
        var sms = new MessageContent(DeliveryChannel.Sms, "fr", "Restez à l'intérieur.", Alert);

        await Assert.ThrowsAsync<ArgumentException>(() => transport.SendAsync(Message(sms, 1), CancellationToken.None).AsTask());
    }

    [Theory]
    [InlineData("Alerte\r\nBcc: x@evil.example", "Alerte Bcc: x@evil.example")]
    [InlineData("  Alerte \t\t incendie  ", "Alerte incendie")]
    [InlineData("A\u2028B\u2029C\u0085D", "A B C D")]
    [InlineData("Zero\u200Bwidth\u202Eright-to-left", "Zero width right-to-left")]
    [InlineData("\r\n\r\n", "")]
    public void CleanSubject_ControlAndSeparatorCharacters_OneCleanLine(string subject, string expected)
    {
        var renderer = new EmailRenderer(1 << 20, 200, "BE-Alert");
        Assert.Equal(expected, renderer.CleanSubject(subject));
    }

    [Fact]
    public void CleanSubject_TooLong_CutAtCharacterBoundaryWithEllipsis()
    {
        var renderer = new EmailRenderer(1 << 20, 20, "BE-Alert");
        var subject = string.Concat(Enumerable.Repeat("😀", 30)); // surrogate pairs: never cut in half

        var cleaned = renderer.CleanSubject(subject);

        Assert.True(cleaned.Length <= 20);
        Assert.EndsWith("\u2026", cleaned, StringComparison.Ordinal);
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 9)) + "\u2026", cleaned);
        Assert.Equal("exactly twenty chars", new EmailRenderer(1 << 20, 20, "x").CleanSubject("exactly twenty chars"));
    }

    [Fact]
    public void Get_SameContentTwice_RenderedOnce()
    {
        var renderer = new EmailRenderer(1 << 20, 200, "BE-Alert");
        var content = Content();

        Assert.Same(renderer.Get(content), renderer.Get(content));
        Assert.NotSame(renderer.Get(content), renderer.Get(Content()));
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEveryProblem()
    {
        var options = new SmtpTransportOptions
        {
            Name = "",
            Host = "bad host",
            Port = 0,
            Connections = 0,
            MessagesPerConnection = -1,
            BatchSize = 0,
            BatchLinger = TimeSpan.FromSeconds(10),
            FromAddress = "not an address",
            ReplyTo = "also@@bad",
            UnsubscribeUri = new Uri("http://insecure.example/unsubscribe"),
            ConnectTimeout = TimeSpan.Zero,
            CommandTimeout = TimeSpan.FromHours(1),
            MaxBodyBytes = 10,
            MaxSubjectLength = 5,
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        foreach (var name in new[]
                 {
                     "Name", "Host", "Port", "Connections", "MessagesPerConnection", "BatchSize", "BatchLinger", "FromAddress",
                     "ReplyTo", "UnsubscribeUri", "ConnectTimeout", "CommandTimeout", "MaxBodyBytes", "MaxSubjectLength",
                 })
        {
            Assert.Contains(name + " ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_Defaults_OnlyHostMissing()
    {
        var error = Assert.Throws<ArgumentException>(new SmtpTransportOptions().Validate);
        Assert.Contains("Host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Port", error.Message, StringComparison.Ordinal);
        new SmtpTransportOptions { Host = "relay.example" }.Validate();
    }

    [Fact]
    public void MessageId_SameKeys_SameIdAndBatchDiffersFromSingle()
    {
        var a = new DeliveryKey(Campaign, 1);
        var b = new DeliveryKey(Campaign, 2);

        Assert.Equal(EmailMessageBuilder.MessageId([a], "be-alert.be"), EmailMessageBuilder.MessageId([a], "be-alert.be"));
        Assert.Equal(EmailMessageBuilder.MessageId([a, b], "be-alert.be"), EmailMessageBuilder.MessageId([a, b], "be-alert.be"));
        Assert.NotEqual(EmailMessageBuilder.MessageId([a, b], "be-alert.be"), EmailMessageBuilder.MessageId([a, new DeliveryKey(Campaign, 3)], "be-alert.be"));
        Assert.NotEqual(EmailMessageBuilder.MessageId([a], "be-alert.be"), EmailMessageBuilder.MessageId([a, b], "be-alert.be"));
    }
}
