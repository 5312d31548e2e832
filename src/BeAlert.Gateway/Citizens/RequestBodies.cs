using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Reads request bodies with explicit limits: the wrong content type is 415, a body over the limit 413 (checked on
/// Content-Length and again while reading), malformed JSON 400 with the position. Never a 500 for bad input.
/// </summary>
internal static class RequestBodies
{
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpContext context, int maxBytes)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send the body as application/json."));
        }

        var (bytes, problem) = await ReadAsync(context, maxBytes).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? (null, Results.Problem(statusCode: 400, title: "Malformed body", detail: "The body is JSON null; an object is expected."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON for this endpoint (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}, path {e.Path})."));
        }
    }

    public static async Task<(byte[] Bytes, IResult? Problem)> ReadCsvAsync(HttpContext context, int maxBytes)
    {
        var type = context.Request.ContentType;
        if (type is null || !(type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            return ([], Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send the contact list as text/csv (UTF-8)."));
        }

        return await ReadAsync(context, maxBytes).ConfigureAwait(false);
    }

    private static async Task<(byte[] Bytes, IResult? Problem)> ReadAsync(HttpContext context, int maxBytes)
    {
        var tooLarge = Results.Problem(statusCode: 413, title: "Body too large", detail: $"The body may be at most {maxBytes} bytes.");
        if (context.Request.ContentLength is { } length && length > maxBytes)
        {
            return ([], tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return ([], tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }
}
