using System.Text.Json;
using BeAlert.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Campaigns;

/// <summary>Shared HTTP plumbing of the campaigns API: bounded JSON bodies and ProblemDetails answers.</summary>
internal static class CampaignHttp
{
    public static int MaxJsonBytes(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.Limits.MaxJsonBytes;

    /// <summary>Reads a JSON body of at most <see cref="MaxJsonBytes"/> (413 beyond, 415 for another type, 400 when malformed).</summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext context, bool optional = false)
        where T : class
    {
        var request = context.Request;
        var max = MaxJsonBytes(context);
        if (optional && request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send the body as JSON (Content-Type: application/json)."));
        }

        if (request.ContentLength > max)
        {
            return (null, TooLarge(max));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return (null, TooLarge(max));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return optional ? (null, null) : (null, Results.Problem(statusCode: 400, title: "Bad request", detail: "A JSON body is required."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), CampaignRequestModel.Json);
            return value is null
                ? (null, Results.Problem(statusCode: 400, title: "Bad request", detail: "The JSON body must be an object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not the expected JSON: {e.Message}"));
        }
    }

    public static IResult TooLarge(int max) =>
        Results.Problem(statusCode: 413, title: "Payload too large", detail: $"The body is larger than the {max:N0} bytes allowed (BeAlert:Limits:MaxJsonBytes).");

    public static IResult NotFound(string what) => Results.Problem(statusCode: 404, title: "Not found", detail: what);

    public static IResult Invalid(Dictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail: detail ?? "The request cannot be processed as sent.", statusCode: 422);
}
