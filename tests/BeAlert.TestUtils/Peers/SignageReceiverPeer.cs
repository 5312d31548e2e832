using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BeAlert.TestUtils.Peers;

/// <summary>
/// A signage vendor's webhook for tests: POST <c>/hook</c>. It checks the signature with its own HMAC code (not
/// BeAlert's verifier, so the scheme documented in docs/specs.md is tested from the outside), records every push, and
/// answers from a script of <see cref="PeerReply"/> values (then 204 once the script is used up). A push with a bad or
/// missing signature gets 401, as a vendor would answer.
/// </summary>
public sealed class SignageReceiverPeer : IAsyncDisposable
{
    private readonly ConcurrentQueue<PeerReply> _script = new();
    private readonly ConcurrentQueue<SignagePush> _pushes = new();
    private readonly string _secret;
    private LocalHttpPeer? _peer;

    private SignageReceiverPeer(string secret) => _secret = secret;

    /// <summary>The webhook URL.</summary>
    public Uri Hook => new(_peer!.Address, "hook");

    /// <summary>Every push received, in order (also those refused).</summary>
    public IReadOnlyList<SignagePush> Pushes => [.. _pushes];

    /// <summary>Starts a receiver that checks signatures against <paramref name="secret"/>.</summary>
    public static async Task<SignageReceiverPeer> StartAsync(string secret)
    {
        var receiver = new SignageReceiverPeer(secret);
        receiver._peer = await LocalHttpPeer.StartAsync(app => app.MapPost("/hook", receiver.HandleAsync));
        return receiver;
    }

    /// <summary>Queues answers for the next pushes.</summary>
    public void Script(params PeerReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _peer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var header = context.Request.Headers["X-BeAlert-Signature"].ToString();
        var valid = SignatureMatches(header, body);
        _pushes.Enqueue(new SignagePush(
            body,
            header,
            valid,
            context.Request.ContentType,
            context.Request.Headers["X-BeAlert-Delivery"].ToString(),
            context.Request.Headers["X-BeAlert-Attempt"].ToString(),
            context.Request.Headers["X-BeAlert-Possible-Duplicate"].ToString() == "true"));
        if (!valid)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("signature rejected", context.RequestAborted);
            return;
        }

        var reply = _script.TryDequeue(out var next) ? next : new PeerReply(204);
        await PeerReplies.WriteAsync(context, reply);
    }

    /// <summary>The vendor's side of the scheme, written from its description: HMAC-SHA256(secret, "t." + body) as lower-case hex.</summary>
    private bool SignatureMatches(string header, byte[] body)
    {
        var parts = header.Split(',');
        var t = parts.FirstOrDefault(p => p.StartsWith("t=", StringComparison.Ordinal))?[2..];
        var v1 = parts.Where(p => p.StartsWith("v1=", StringComparison.Ordinal)).Select(p => p[3..]).ToList();
        if (t is null || v1.Count == 0 || !long.TryParse(t, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(t + ".").Concat(body).ToArray();
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), signed)).ToLowerInvariant();
        return v1.Contains(expected);
    }
}

/// <summary>One push a <see cref="SignageReceiverPeer"/> received.</summary>
public sealed record SignagePush(byte[] Body, string Signature, bool SignatureValid, string? ContentType, string DeliveryKey, string Attempt, bool PossibleDuplicate);
