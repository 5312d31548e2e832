namespace BeAlert.Gateway.Billing;

/// <summary>Reads a small JSON body with a hard size limit, answering 415/413/400 ProblemDetails instead of throwing.</summary>
internal static class BillingJson
{
    public const int MaxBytes = 16 * 1024;

    public static Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class =>
        Hosting.RequestBody.ReadJsonAsync<T>(context, MaxBytes, limitName: "the billing API's 16 KiB");
}
