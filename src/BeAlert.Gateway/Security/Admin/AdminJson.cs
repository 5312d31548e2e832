using System.Text.Json;
using BeAlert.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Security.Admin;

/// <summary>
/// Reads a JSON request body for the admin API with explicit checks: content type (415), size
/// (<c>BeAlert:Limits:MaxJsonBytes</c>, 413) and shape (400 ValidationProblem naming the JSON path).
/// </summary>
internal static class AdminJson
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send a JSON body with 'Content-Type: application/json'."));
        }

        var max = RequestBody.MaxJsonBytes(context);
        var (bytes, tooLarge) = await RequestBody.ReadBytesAsync(context, max, "BeAlert:Limits:MaxJsonBytes").ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["A JSON object is required."] }))
                : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            return (null, Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"Not valid here: {FirstSentence(e.Message)}"] }));
        }
    }

    /// <summary>
    /// Documents a JSON request body in the OpenAPI document without <c>Accepts</c> metadata: that metadata would make
    /// routing answer a wrong content type with a bare 415, before <see cref="ReadAsync"/> can explain it.
    /// </summary>
    public static RouteHandlerBuilder DocumentJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
