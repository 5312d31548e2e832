using BeAlert.TestUtils;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static BeAlert.Dispatch.Tests.Transports.Email.EmailTestData;

namespace BeAlert.Dispatch.Tests.Transports.Email;

/// <summary>The transport against postfix's smtp-sink, a real SMTP server that is not ours.</summary>
public sealed class SmtpEmailTransportTests
{
    [Fact]
    public async Task SendAsync_OneMessage_AcceptedAndArrivesWithHeadersAndBothBodies()
    {
        using var sink = SmtpSinkPeer.Start(dump: true);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero));
        var options = Options(sink.Port);
        options.TimeProvider = clock;
        options.ReplyTo = "info@be-alert.be";
        options.UnsubscribeUri = new Uri("https://www.be-alert.be/unsubscribe");
        var text = "Restez à l'intérieur.\nFermez portes et fenêtres. " + new string('x', 200) + "\n.\nUne ligne qui commence par un point.";
        var html = "<p>Restez à l'intérieur — <b>fermez</b> les fenêtres.</p>";
        var content = Content(language: "fr-BE", subject: "Alerte: incendie à Liège", text: text, html: html);
        await using var transport = new SmtpEmailTransport(options);
        await transport.StartAsync(new NoReceipts(), CancellationToken.None);

        var result = await transport.SendAsync(Message(content, 42, "marie.dupont@example.org"), CancellationToken.None);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(DeliveryError.None, result.Error);
        var file = Assert.Single(sink.WaitForDumps(1));
        var dumped = await File.ReadAllTextAsync(file);
        Assert.Contains("X-Mail-Args: <no-reply@be-alert.be>", dumped, StringComparison.Ordinal);
        Assert.Contains("X-Rcpt-Args: <marie.dupont@example.org>", dumped, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("no-reply@be-alert.be", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("BE-Alert", Assert.Single(message.From.Mailboxes).Name);
        Assert.Equal("marie.dupont@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("info@be-alert.be", Assert.Single(message.ReplyTo.Mailboxes).Address);
        Assert.Equal("Alerte: incendie à Liège", message.Subject);
        Assert.Equal($"{Campaign:N}.42@be-alert.be", message.MessageId);
        Assert.Equal(clock.GetUtcNow(), message.Date);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("All", message.Headers["X-Auto-Response-Suppress"]);
        Assert.Equal("<https://www.be-alert.be/unsubscribe>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("fr-BE", message.Body!.Headers[HeaderId.ContentLanguage]); // MimeKit files Content-* headers under the body
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(2, alternative.Count);
        var plain = Assert.IsType<TextPart>(alternative[0]);
        var rich = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(plain.IsPlain);
        Assert.True(rich.IsHtml);
        Assert.Equal("utf-8", plain.ContentType.Charset, ignoreCase: true);
        Assert.Equal("utf-8", rich.ContentType.Charset, ignoreCase: true);
        Assert.Equal(text.ReplaceLineEndings("\r\n"), plain.Text.ReplaceLineEndings("\r\n").TrimEnd('\r', '\n'));
        Assert.Equal(html, rich.Text.TrimEnd('\r', '\n'));
    }

    [Fact]
    public async Task SendAsync_TextOnly_SingleTextPart()
    {
        using var sink = SmtpSinkPeer.Start(dump: true);
        await using var transport = new SmtpEmailTransport(Options(sink.Port));

        var result = await transport.SendAsync(Message(Content(language: "nl", subject: "Waarschuwing", text: "Blijf binnen."), 1), CancellationToken.None);

        Assert.Equal(SendStatus.Accepted, result.Status);
        var message = await MimeMessage.LoadAsync(Assert.Single(sink.WaitForDumps(1)));
        var part = Assert.IsType<TextPart>(message.Body);
        Assert.True(part.IsPlain);
        Assert.Equal("Blijf binnen.", part.Text.TrimEnd('\r', '\n'));
        Assert.Equal("nl", message.Body!.Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task SendAsync_ManyMessagesOnOneConnection_OneSessionCarriesAll()
    {
        using var sink = SmtpSinkPeer.Start(dump: true, verbose: true);
        var options = Options(sink.Port, connections: 1);
        options.MessagesPerConnection = 0;
        var content = Content();
        await using (var transport = new SmtpEmailTransport(options))
        {
            for (var i = 0; i < 30; i++)
            {
                var result = await transport.SendAsync(Message(content, i), CancellationToken.None);
                Assert.Equal(SendStatus.Accepted, result.Status);
            }
        }

        Assert.Equal(30, sink.WaitForDumps(30).Count);
        await WaitUntil(() => sink.Commands.Count(c => c.StartsWith("MAIL FROM", StringComparison.Ordinal)) >= 30); // its log is read asynchronously
        Assert.Single(sink.Commands, c => c.StartsWith("EHLO", StringComparison.Ordinal));
        Assert.Equal(30, sink.Commands.Count(c => c.StartsWith("MAIL FROM", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_MessagesPerConnectionReached_ReconnectsAfterQuit()
    {
        using var sink = SmtpSinkPeer.Start(verbose: true);
        var options = Options(sink.Port, connections: 1);
        options.MessagesPerConnection = 10;
        var content = Content();
        await using (var transport = new SmtpEmailTransport(options))
        {
            for (var i = 0; i < 25; i++)
            {
                Assert.Equal(SendStatus.Accepted, (await transport.SendAsync(Message(content, i), CancellationToken.None)).Status);
            }
        }

        await WaitUntil(() => sink.Commands.Count(c => c == "QUIT") >= 3);
        Assert.Equal(3, sink.Commands.Count(c => c.StartsWith("EHLO", StringComparison.Ordinal)));
        Assert.Equal(3, sink.Commands.Count(c => c == "QUIT"));
    }

    [Fact]
    public async Task SendAsync_PoolOfFourUnderLoad_UsesExactlyFourSessions()
    {
        using var sink = SmtpSinkPeer.Start(dump: true, verbose: true);
        var options = Options(sink.Port, connections: 4);
        options.MessagesPerConnection = 0;
        var content = Content();
        await using var transport = new SmtpEmailTransport(options);
        await transport.StartAsync(new NoReceipts(), CancellationToken.None);
        Assert.Equal(4, transport.OpenConnections);
        Assert.Equal(4, transport.MaxConcurrency);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => transport.SendAsync(Message(content, i), CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(SendStatus.Accepted, r.Status));
        Assert.Equal(200, sink.WaitForDumps(200).Count);
        await WaitUntil(() => sink.Commands.Count(c => c.StartsWith("MAIL FROM", StringComparison.Ordinal)) >= 200); // its log is read asynchronously
        Assert.Equal(4, sink.Commands.Count(c => c.StartsWith("EHLO", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_Batched_OneTransactionPerBatchAndEveryCallerGetsItsResult()
    {
        using var sink = SmtpSinkPeer.Start(dump: true);
        var clock = new FakeTimeProvider();
        var options = Options(sink.Port, connections: 2, batchSize: 10);
        options.TimeProvider = clock;
        options.BatchLinger = TimeSpan.FromSeconds(1);
        var content = Content();
        await using var transport = new SmtpEmailTransport(options);
        Assert.Equal(20, transport.MaxConcurrency);

        var sends = Enumerable.Range(0, 25).Select(i => transport.SendAsync(Message(content, i), CancellationToken.None).AsTask()).ToList();
        var full = await Task.WhenAll(sends.Take(20));
        Assert.False(sends[20].IsCompleted); // the last five wait for the linger
        clock.Advance(TimeSpan.FromSeconds(1));
        var rest = await Task.WhenAll(sends.Skip(20));

        Assert.All(full.Concat(rest), r => Assert.Equal(SendStatus.Accepted, r.Status));
        var files = sink.WaitForDumps(3);
        Assert.Equal(3, files.Count);
        var recipientsPerMessage = new List<int>();
        var seen = new HashSet<string>();
        foreach (var file in files)
        {
            var lines = await File.ReadAllLinesAsync(file);
            var recipients = lines.Where(l => l.StartsWith("X-Rcpt-Args:", StringComparison.Ordinal)).ToList();
            recipientsPerMessage.Add(recipients.Count);
            seen.UnionWith(recipients);
            var message = await MimeMessage.LoadAsync(file);
            Assert.Empty(message.To.Mailboxes); // nobody sees the others' addresses
            Assert.Equal("undisclosed-recipients", Assert.IsType<GroupAddress>(Assert.Single(message.To)).Name);
            Assert.DoesNotContain("@example.org", message.Headers.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal([5, 10, 10], recipientsPerMessage.Order());
        Assert.Equal(25, seen.Count);
    }

    [Fact]
    public async Task SendAsync_BatchedDifferentContents_NeverMixed()
    {
        using var sink = SmtpSinkPeer.Start(dump: true);
        var options = Options(sink.Port, connections: 2, batchSize: 5);
        options.BatchLinger = TimeSpan.FromMilliseconds(100);
        var french = Content(language: "fr", subject: "Alerte");
        var dutch = Content(language: "nl", subject: "Waarschuwing", text: "Blijf binnen.");
        await using var transport = new SmtpEmailTransport(options);

        var results = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => transport.SendAsync(Message(i % 2 == 0 ? french : dutch, i), CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(SendStatus.Accepted, r.Status));
        foreach (var file in sink.WaitForDumps(2))
        {
            var message = await MimeMessage.LoadAsync(file);
            var recipients = (await File.ReadAllLinesAsync(file)).Where(l => l.StartsWith("X-Rcpt-Args:", StringComparison.Ordinal)).ToList();
            Assert.Equal(5, recipients.Count);
            var even = message.Subject == "Alerte";
            Assert.All(recipients, r => Assert.Equal(even, int.Parse(r.Split("person")[1].Split('@')[0], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0));
        }
    }

    public static TheoryData<string[], DeliveryError, string> SinkErrors => new()
    {
        { ["-r", "RCPT"], DeliveryError.TemporaryFailure, "450" },
        { ["-f", "RCPT"], DeliveryError.Rejected, "500" },
        { ["-f", "RCPT", "-B", "550 5.1.1 <x>: Recipient address rejected: User unknown"], DeliveryError.InvalidDestination, "550 5.1.1" },
        { ["-r", "RCPT", "-b", "452 4.5.3 Error: too many recipients"], DeliveryError.Throttled, "452" },
        { ["-f", "MAIL"], DeliveryError.Rejected, "500" },
        { ["-r", "MAIL"], DeliveryError.TemporaryFailure, "450" },
        { ["-r", "DATA"], DeliveryError.TemporaryFailure, "450" },
        { ["-f", "DATA"], DeliveryError.Rejected, "500" },
        { ["-f", "."], DeliveryError.Rejected, "500" },
        { ["-f", ".", "-B", "552 5.3.4 Error: message file too big"], DeliveryError.ContentRejected, "552 5.3.4" },
        { ["-r", "."], DeliveryError.TemporaryFailure, "450" },
        { ["-Q", "RCPT"], DeliveryError.Throttled, "421" },
        { ["-Q", "DATA"], DeliveryError.Throttled, "421" },
    };

    [Theory]
    [MemberData(nameof(SinkErrors))]
    public async Task SendAsync_SinkAnswersWithError_MappedToDeliveryErrorWithReason(string[] sinkOptions, DeliveryError expected, string reasonStart)
    {
        using var sink = SmtpSinkPeer.Start(options: sinkOptions);
        await using var transport = new SmtpEmailTransport(Options(sink.Port));

        var result = await transport.SendAsync(Message(Content(), 7), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(expected, result.Error);
        Assert.StartsWith(reasonStart, result.Reason, StringComparison.Ordinal);
        Assert.Equal(expected is DeliveryError.TemporaryFailure or DeliveryError.Throttled, result.Error.IsTransient());
    }

    [Theory]
    [InlineData("MAIL")]
    [InlineData("DATA")]
    [InlineData(".")]
    public async Task SendAsync_SinkDisconnectsWithoutReply_ConnectionFailedThenRecovers(string command)
    {
        using var sink = SmtpSinkPeer.Start(verbose: true, options: ["-q", command]);
        await using var transport = new SmtpEmailTransport(Options(sink.Port));

        var first = await transport.SendAsync(Message(Content(), 1), CancellationToken.None);
        var second = await transport.SendAsync(Message(Content(), 2), CancellationToken.None);

        Assert.Equal(DeliveryError.ConnectionFailed, first.Error);
        Assert.True(first.Error.IsTransient());
        Assert.Equal(DeliveryError.ConnectionFailed, second.Error); // a new connection, dropped again: no exception, no stuck pool
        await WaitUntil(() => sink.Commands.Count(c => c.StartsWith("EHLO", StringComparison.Ordinal)) >= 2); // smtp-sink's log is read asynchronously
        Assert.Equal(2, sink.Commands.Count(c => c.StartsWith("EHLO", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_BatchWithRcptRefused_EveryRecipientFailsWithItsOwnResult()
    {
        using var sink = SmtpSinkPeer.Start(options: ["-f", "RCPT", "-B", "550 5.1.1 Error: no such user"]);
        var options = Options(sink.Port, batchSize: 4);
        options.BatchLinger = TimeSpan.FromSeconds(5);
        await using var transport = new SmtpEmailTransport(options);
        var content = Content();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => transport.SendAsync(Message(content, i), CancellationToken.None).AsTask()));

        Assert.All(results, r =>
        {
            Assert.Equal(DeliveryError.InvalidDestination, r.Error);
            Assert.Contains("RCPT TO", r.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendAsync_NothingListening_ConnectionFailed()
    {
        await using var transport = new SmtpEmailTransport(Options(SmtpSinkPeer.FreePort()));

        var result = await transport.SendAsync(Message(Content(), 1), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(DeliveryError.ConnectionFailed, result.Error);
        Assert.Contains("127.0.0.1", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SubjectWithHeaderInjection_OneLineSubjectAndNoExtraRecipient()
    {
        using var sink = SmtpSinkPeer.Start(dump: true);
        await using var transport = new SmtpEmailTransport(Options(sink.Port));
        var content = Content(subject: "Alerte\r\nBcc: victim@evil.example\r\n\r\nInjected body\nX-Evil: 1");

        var result = await transport.SendAsync(Message(content, 1, "target@example.org"), CancellationToken.None);

        Assert.Equal(SendStatus.Accepted, result.Status);
        var file = Assert.Single(sink.WaitForDumps(1));
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Single(lines, l => l.StartsWith("X-Rcpt-Args:", StringComparison.Ordinal));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Empty(message.Bcc);
        Assert.Null(message.Headers["X-Evil"]);
        Assert.Equal("Alerte Bcc: victim@evil.example Injected body X-Evil: 1", message.Subject);
    }

    [Fact]
    public async Task SendAsync_RetryOfSameDelivery_SameMessageId()
    {
        using var sink = SmtpSinkPeer.Start(dump: true);
        await using var transport = new SmtpEmailTransport(Options(sink.Port));
        var content = Content();

        await transport.SendAsync(Message(content, 9, attempt: 1), CancellationToken.None);
        await transport.SendAsync(Message(content, 9, attempt: 2), CancellationToken.None);
        await transport.SendAsync(Message(content, 10, attempt: 1), CancellationToken.None);

        var ids = new List<string>();
        foreach (var file in sink.WaitForDumps(3))
        {
            ids.Add((await MimeMessage.LoadAsync(file)).MessageId ?? string.Empty);
        }

        Assert.Equal(2, ids.Count(id => id == $"{Campaign:N}.9@be-alert.be"));
        Assert.Single(ids, id => id == $"{Campaign:N}.10@be-alert.be");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
