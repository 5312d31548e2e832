using BeAlert.Benchmarks.Cap;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BenchmarkDotNet.Attributes;
using MimeKit;

namespace BeAlert.Benchmarks.Email;

/// <summary>
/// Building and serialising the e-mail of one recipient, as the SMTP client does for every message (the bytes go to
/// <see cref="Stream.Null"/> instead of the socket). Baseline: what a developer writes today with MimeKit: a new
/// <see cref="MimeMessage"/> per recipient, its body made by <see cref="BodyBuilder"/> (plain + HTML, encoded per message).
/// Ours: <see cref="EmailMessageBuilder"/> around the content rendered once (body bytes and subject encoded once, fixed
/// headers cloned).
/// </summary>
[MemoryDiagnoser]
public class EmailMessageBenchmarks
{
    private static readonly FormatOptions Format = CreateFormat();

    private MessageContent _content = null!;
    private EmailMessageBuilder _builder = null!;
    private RenderedEmail _email = null!;
    private MailboxAddress _recipient = null!;
    private int _sequence;

    [GlobalSetup]
    public void Setup()
    {
        var alert = CapParser.Default.Parse(BenchmarkDocuments.Load(BenchmarkDocuments.Typical)).Alert;
        var email = new CapRenderer().RenderEmail(alert, "fr");
        _content = new MessageContent(DeliveryChannel.Email, "fr", email.TextBody, alert) { Subject = email.Subject, Html = email.HtmlBody };
        var options = new SmtpTransportOptions { Host = "relay.example" };
        _builder = new EmailMessageBuilder(options);
        _email = new EmailRenderer(options.MaxBodyBytes, options.MaxSubjectLength, options.FromName).Get(_content);
        _recipient = new MailboxAddress(string.Empty, "marie.dupont@example.org");
    }

    [Benchmark(Baseline = true, Description = "MimeMessage + BodyBuilder per recipient")]
    public void Naive()
    {
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress("BE-Alert", "no-reply@be-alert.be"));
        message.To.Add(new MailboxAddress(string.Empty, _recipient.Address));
        message.Subject = _content.Subject ?? string.Empty;
        message.MessageId = $"{Guid.Empty:N}.{_sequence++}@be-alert.be";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Body = new BodyBuilder { TextBody = _content.Text, HtmlBody = _content.Html }.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit, 998);
        message.WriteTo(Format, Stream.Null);
    }

    [Benchmark(Description = "EmailMessageBuilder (content rendered once)")]
    public void Prerendered()
    {
        using var message = _builder.Build(_email, [new DeliveryKey(Guid.Empty, _sequence++)], _recipient);
        message.Prepare(EncodingConstraint.SevenBit, 998);
        message.WriteTo(Format, Stream.Null);
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
