using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Hosting;

/// <summary>
/// Reads request bodies with explicit limits, for every module: a body over the limit is 413 (checked on
/// Content-Length, then again while reading, so a chunked upload cannot grow past it), the wrong content type 415,
/// malformed JSON 400 with its line, byte and path. Bad input never becomes an exception or a 500.
/// </summary>
internal static class RequestBody
{
    /// <summary>The configured limit for JSON bodies (<c>BeAlert:Limits:MaxJsonBytes</c>).</summary>
    public static int MaxJsonBytes(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.Limits.MaxJsonBytes;

    /// <summary>The body's bytes, or a 413 ProblemDetails once it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[] Bytes, IResult? Problem)> ReadBytesAsync(HttpContext context, int maxBytes, string limitName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength is { } length && length > maxBytes)
        {
            return ([], TooLarge(maxBytes, limitName));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return ([], TooLarge(maxBytes, limitName));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// A JSON body as <typeparamref name="T"/> (the app's JSON options unless <paramref name="options"/> is given).
    /// With <paramref name="optional"/>, an absent or empty body is (null, null); otherwise it is a 400.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(
        HttpContext context,
        int maxBytes,
        JsonSerializerOptions? options = null,
        bool optional = false,
        string limitName = "BeAlert:Limits:MaxJsonBytes")
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (optional && request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the body as JSON (Content-Type: application/json)."));
        }

        var (bytes, problem) = await ReadBytesAsync(context, maxBytes, limitName).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (bytes.Length == 0)
        {
            return optional ? (null, null) : (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: "A JSON body is required."));
        }

        try
        {
            options ??= context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: "The body is JSON null; an object is expected."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: $"The body is not valid JSON for this endpoint (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}, path {e.Path ?? "$"})."));
        }
    }

    private static IResult TooLarge(int maxBytes, string limitName) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"The body may be at most {maxBytes:N0} bytes ({limitName}).");
}
