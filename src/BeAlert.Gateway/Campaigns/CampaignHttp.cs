using BeAlert.Gateway.Hosting;

namespace BeAlert.Gateway.Campaigns;

/// <summary>Shared HTTP plumbing of the campaigns API: bounded JSON bodies and ProblemDetails answers.</summary>
internal static class CampaignHttp
{
    /// <summary>Reads a JSON body of at most <see cref="RequestBody.MaxJsonBytes"/> (413 beyond, 415 for another type, 400 when malformed).</summary>
    public static Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext context, bool optional = false)
        where T : class =>
        RequestBody.ReadJsonAsync<T>(context, RequestBody.MaxJsonBytes(context), CampaignRequestModel.Json, optional);

    public static IResult NotFound(string what) => Results.Problem(statusCode: 404, title: "Not found", detail: what);

    public static IResult Invalid(Dictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail: detail ?? "The request cannot be processed as sent.", statusCode: 422);
}
