using System.Globalization;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Web;
using BeAlert.Gateway.Web.Geo;

namespace BeAlert.Gateway.Population;

/// <summary>
/// <c>GET /api/streets?nis=44021&amp;q=kor&amp;limit=20</c>: the streets of a municipality the caller may alert whose
/// name starts with or contains the query (ignoring case and accents), with their address points, registered people
/// and the house numbers present — for the console's street picker and for API users building a street audience.
/// </summary>
public static class StreetEndpoints
{
    public const int MinQuery = 2;
    public const int MaxQuery = 100;
    public const int MaxLimit = 50;
    public const int DefaultLimit = 20;

    public static IServiceCollection AddStreets(this IServiceCollection services) => services.AddSingleton<StreetIndex>();

    public static WebApplication MapStreets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/streets", Search)
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithName("SearchStreets")
            .WithSummary("Streets of a municipality your authority may alert, matching a name (prefix first, then substring; case and accents ignored).")
            .WithTags("Campaigns")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Whether an authority may target the population of this municipality (streets are location-based).</summary>
    public static bool MayAlert(Authority authority, int nis)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return authority.Agreement != AgreementType.GroupAlerting && (authority.IsNational || authority.Municipalities.Contains(nis));
    }

    private static IResult Search(HttpContext context, StreetIndex index, string? nis, string? q, string? limit)
    {
        if (!int.TryParse(nis, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || nis!.Length != 5)
        {
            return Bad("nis", "Give the municipality's five-digit NIS code, e.g. nis=44021.");
        }

        var query = q?.Trim() ?? string.Empty;
        if (query.Length < MinQuery || query.Length > MaxQuery || query.Any(char.IsControl))
        {
            return Bad("q", $"Give {MinQuery} to {MaxQuery} characters of the street name (no control characters).");
        }

        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > MaxLimit))
        {
            return Bad("limit", $"limit is between 1 and {MaxLimit}.");
        }

        if (!BelgianBoundaries.Default.TryFind(nis, out var unit) || unit.Level != AdministrativeLevel.Municipality)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown municipality", detail: $"No municipality has NIS code {nis}.");
        }

        var authority = context.GetCaller().Authority!;
        if (!MayAlert(authority, code))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not your territory",
                detail: authority.Agreement == AgreementType.GroupAlerting
                    ? "A group-alerting (type 2) account alerts its groups only, not streets."
                    : "Your authority may not alert this municipality.");
        }

        var streets = index.Search(code, query, take + 1);
        return Results.Json(new
        {
            nis = unit.Code,
            municipality = MunicipalityNames.Get(unit, WebLanguage.Get(context)),
            query,
            truncated = streets.Count > take,
            streets = streets.Take(take).Select(s => new
            {
                name = s.Name,
                addresses = s.Addresses,
                people = s.People,
                from = s.FromHouseNumber,
                to = s.ToHouseNumber,
            }),
        });
    }

    private static IResult Bad(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, statusCode: StatusCodes.Status400BadRequest);
}
