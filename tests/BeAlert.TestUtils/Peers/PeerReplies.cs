using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace BeAlert.TestUtils.Peers;

/// <summary>Writes a <see cref="PeerReply"/> to a response.</summary>
public static class PeerReplies
{
    /// <summary>Writes the reply, after its delay.</summary>
    public static async Task WriteAsync(HttpContext context, PeerReply reply, string contentType = "text/plain")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (reply.Body.Length == 0 && reply.PaddingBytes == 0)
        {
            return;
        }

        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(reply.Body), context.RequestAborted);
        var chunk = new byte[8192];
        Array.Fill(chunk, (byte)'x');
        for (var left = reply.PaddingBytes; left > 0; left -= chunk.Length)
        {
            await context.Response.Body.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)), context.RequestAborted);
        }
    }
}
