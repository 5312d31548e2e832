namespace BeAlert.Gateway.Citizens;

/// <summary>The citizens' and groups' bodies: JSON and CSV through the gateway's bounded <see cref="Hosting.RequestBody"/>.</summary>
internal static class RequestBodies
{
    public static Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpContext context, int maxBytes)
        where T : class =>
        Hosting.RequestBody.ReadJsonAsync<T>(context, maxBytes);

    public static async Task<(byte[] Bytes, IResult? Problem)> ReadCsvAsync(HttpContext context, int maxBytes)
    {
        var type = context.Request.ContentType;
        if (type is null || !(type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            return ([], Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send the contact list as text/csv (UTF-8)."));
        }

        return await Hosting.RequestBody.ReadBytesAsync(context, maxBytes, "BeAlert:Limits:MaxCsvBytes").ConfigureAwait(false);
    }
}
