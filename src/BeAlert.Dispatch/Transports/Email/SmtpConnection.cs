using System.Globalization;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BeAlert.Dispatch;

/// <summary>
/// One pooled connection to the relay: opened on first use, carries many transactions (MAIL FROM, RCPT TO..., DATA;
/// pipelined when the relay offers PIPELINING), closed with QUIT after <see cref="SmtpConnectionSettings.MessagesPerConnection"/>
/// transactions and dropped after any failure that leaves the session in doubt. Used by one caller at a time.
/// </summary>
internal sealed partial class SmtpConnection : IAsyncDisposable
{
    private readonly SmtpConnectionSettings _settings;
    private AlertSmtpClient? _client;
    private int _transactions;

    public SmtpConnection(SmtpConnectionSettings settings) => _settings = settings;

    /// <summary>Whether the connection is open.</summary>
    public bool IsConnected => _client?.IsConnected == true;

    /// <summary>Opens the connection if it is not open; returns the failure when that does not work.</summary>
    public async Task<SendResult?> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return null;
        }

        await CloseAsync(quit: false).ConfigureAwait(false);
        var client = new AlertSmtpClient
        {
            Timeout = (int)Math.Min(int.MaxValue, _settings.CommandTimeout.TotalMilliseconds),
        };
        if (_settings.LocalDomain is { } local)
        {
            client.LocalDomain = local;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ConnectTimeout);
        try
        {
            await client.ConnectAsync(_settings.Host, _settings.Port, _settings.Security, timeout.Token).ConfigureAwait(false);
            if (_settings.Credentials is { } credentials)
            {
                await client.AuthenticateAsync(credentials, timeout.Token).ConfigureAwait(false);
            }

            _client = client;
            _transactions = 0;
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            return SendResult.Failure(DeliveryError.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"connecting to {_settings.Host}:{_settings.Port} took longer than {_settings.ConnectTimeout.TotalSeconds:0.###} s"));
        }
        catch (OperationCanceledException)
        {
            client.Dispose();
            throw;
        }
        catch (SmtpCommandException e)
        {
            client.Dispose();
            var code = (int)e.StatusCode;
            return SendResult.Failure(
                code == 421 ? DeliveryError.Throttled : DeliveryError.ConnectionFailed,
                SmtpReplyMapper.Reason(code, e.Message, SmtpStage.Connect));
        }
        catch (AuthenticationException e)
        {
            // The credentials are wrong or refused: every message fails the same way until an operator fixes them.
            client.Dispose();
            return SendResult.Failure(DeliveryError.ConnectionFailed, "authentication with the relay failed: " + OneLine(e.Message));
        }
#pragma warning disable CA1031 // Any other failure to connect (socket, TLS, protocol) is a ConnectionFailed value, never an exception.
        catch (Exception e)
#pragma warning restore CA1031
        {
            client.Dispose();
            return SendResult.Failure(DeliveryError.ConnectionFailed, string.Create(CultureInfo.InvariantCulture,
                $"cannot connect to {_settings.Host}:{_settings.Port}: {OneLine(e.Message)}"));
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="recipients"/> in one transaction and writes each recipient's
    /// outcome into <paramref name="results"/> (same order). Throws only <see cref="OperationCanceledException"/> for
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task SendAsync(MimeMessage message, MailboxAddress sender, MailboxAddress[] recipients, SendResult[] results, CancellationToken cancellationToken)
    {
        if (await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            Array.Fill(results, failure);
            return;
        }

        var client = _client!;
        client.Refused.Clear();
        try
        {
            var reply = await client.SendAsync(message, sender, recipients, cancellationToken).ConfigureAwait(false);
            var queueId = QueueId(reply);
            Fill(client, recipients, results, SendResult.Accepted(queueId));
            await CountTransactionAsync().ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var stage = e.ErrorCode switch
            {
                SmtpErrorCode.SenderNotAccepted => SmtpStage.MailFrom,
                SmtpErrorCode.RecipientNotAccepted => SmtpStage.RcptTo,
                _ => SmtpStage.Data,
            };
            Fill(client, recipients, results, SendResult.Failure(SmtpReplyMapper.Map(code, e.Message, stage), SmtpReplyMapper.Reason(code, e.Message, stage)));
            if (code == 421 || !client.IsConnected)
            {
                await CloseAsync(quit: false).ConfigureAwait(false);
            }
            else
            {
                await CountTransactionAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CloseAsync(quit: false).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // I/O, protocol and timeout failures are values; the session is in doubt, so it is dropped.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await CloseAsync(quit: false).ConfigureAwait(false);
            var timedOut = e is TimeoutException or OperationCanceledException || e.InnerException is TimeoutException;
            Fill(client, recipients, results, SendResult.Failure(
                timedOut ? DeliveryError.Timeout : DeliveryError.ConnectionFailed,
                (timedOut ? "the relay did not answer in time: " : "the connection failed during the transaction: ") + OneLine(e.Message)));
        }
    }

    /// <summary>Closes the connection, with QUIT when <paramref name="quit"/> and it is still open.</summary>
    public async Task CloseAsync(bool quit)
    {
        var client = _client;
        _client = null;
        if (client is null)
        {
            return;
        }

        try
        {
            if (quit && client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(_settings.CommandTimeout);
                await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A failed QUIT changes nothing: the connection is being dropped anyway.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync(quit: true).ConfigureAwait(false);

    private async Task CountTransactionAsync()
    {
        if (_settings.MessagesPerConnection > 0 && ++_transactions >= _settings.MessagesPerConnection)
        {
            await CloseAsync(quit: true).ConfigureAwait(false);
        }
    }

    /// <summary>Each recipient gets its own refusal if it had one, <paramref name="outcome"/> otherwise.</summary>
    private static void Fill(AlertSmtpClient client, MailboxAddress[] recipients, SendResult[] results, SendResult outcome)
    {
        var refused = client.Refused;
        for (var i = 0; i < recipients.Length; i++)
        {
            results[i] = outcome;
            foreach (var (mailbox, response) in refused)
            {
                if (string.Equals(mailbox.Address, recipients[i].Address, StringComparison.OrdinalIgnoreCase))
                {
                    var code = (int)response.StatusCode;
                    results[i] = SendResult.Failure(
                        SmtpReplyMapper.Map(code, response.Response, SmtpStage.RcptTo),
                        SmtpReplyMapper.Reason(code, response.Response, SmtpStage.RcptTo));
                    break;
                }
            }
        }
    }

    private static string? QueueId(string? reply)
    {
        if (reply is null)
        {
            return null;
        }

        var match = QueuedAs().Match(reply);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..300];
    }

    [GeneratedRegex(@"queued as ([A-Za-z0-9._\-]{1,64})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QueuedAs();
}
