namespace BeAlert.Gateway.Security;

/// <summary>What a key may do.</summary>
public enum KeyRole
{
    /// <summary>Manages keys and authorities.</summary>
    Admin,

    /// <summary>Posts alerts and runs campaigns for one authority.</summary>
    Operator,

    /// <summary>Reads the alerts for its areas (signage vendors).</summary>
    Vendor,
}

/// <summary>A vendor key's areas: municipalities (NIS codes) and/or one polygon (CAP "lat,lon lat,lon …").</summary>
public sealed record VendorScope(IReadOnlyList<int> Municipalities, string? Polygon);

/// <summary>
/// The authenticated caller of a request, set by the access-key handler. Endpoints get it with
/// <see cref="CallerExtensions.GetCaller"/>.
/// </summary>
public sealed record Caller(string KeyId, string KeyName, KeyRole Role, Authority? Authority, VendorScope? Vendor);

public static class CallerExtensions
{
    /// <summary>The authenticated caller; throws when the endpoint is not behind one of the <see cref="GatewayPolicies"/>.</summary>
    public static Caller GetCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Caller>() ?? throw new InvalidOperationException("No access key on this request: put the endpoint behind a GatewayPolicies policy.");
    }

    public static Caller? FindCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Caller>();
    }
}

/// <summary>Authorization policies by key role.</summary>
public static class GatewayPolicies
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Vendor = "vendor";

    /// <summary>Operators and vendors (and admins): anything with a valid key.</summary>
    public const string AnyKey = "any-key";
}
