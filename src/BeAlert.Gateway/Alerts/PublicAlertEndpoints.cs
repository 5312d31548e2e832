using BeAlert.Cap;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// The public alert map's data, without a key: Atom and GeoJSON of the active alerts with scope Public and status
/// Actual or Test from non-simulation accounts, and each such alert's CAP XML (the feed's links). ETag/304,
/// <c>Cache-Control: public</c>, and CORS for GET from any origin.
/// </summary>
internal static class PublicAlertEndpoints
{
    private const string CacheControl = "public, max-age=5";

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/public").WithTags("Public").AllowAnonymous();
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.AccessControlAllowOrigin = "*";
            headers.AccessControlExposeHeaders = "ETag";
            return await next(context).ConfigureAwait(false);
        });

        group.MapGet("/alerts.atom", (HttpContext context, ActiveAlertSet set, IOptions<AlertsOptions> options, TimeProvider time) =>
            {
                var baseUrl = AlertHttp.BaseUrl(context.Request);
                var snapshot = set.Current();
                var rendered = set.Render($"public|atom|{baseUrl}", snapshot, alerts =>
                    AlertHttp.RenderFeed(alerts.Where(IsPublic).Take(options.Value.MaxFeedEntries), CapFeedFormat.Atom, baseUrl, "/api/public/alerts.atom", "/api/public/alerts/", "BE-Alert: active public alerts", time));
                return AlertHttp.Cached(context, rendered, AlertHttp.AtomType, CacheControl);
            })
            .Produces(StatusCodes.Status200OK, contentType: AlertHttp.AtomType)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetPublicAtomFeed")
            .WithSummary("Atom feed of the active public alerts (no key needed).");

        group.MapGet("/alerts.geojson", (HttpContext context, ActiveAlertSet set, IOptions<AlertsOptions> options) =>
            {
                var snapshot = set.Current();
                var rendered = set.Render("public|geojson", snapshot, alerts => AlertHttp.RenderGeoJson(alerts.Where(IsPublic).Take(options.Value.MaxFeedEntries)));
                return AlertHttp.Cached(context, rendered, AlertHttp.GeoJsonType, CacheControl);
            })
            .Produces(StatusCodes.Status200OK, contentType: AlertHttp.GeoJsonType)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetPublicGeoJson")
            .WithSummary("GeoJSON of the active public alerts' areas, for the alert map (no key needed).");

        group.MapGet("/alerts/{identifier}", (HttpContext context, string identifier, string? sender, ActiveAlertSet set) =>
            {
                var matches = set.Current().Alerts.Where(a => IsPublic(a) && a.Identifier == identifier && (sender is null || a.Sender == sender)).ToList();
                if (matches.Count != 1)
                {
                    return AlertHttp.Problem(
                        matches.Count == 0 ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
                        matches.Count == 0 ? "Unknown alert" : "Ambiguous identifier",
                        matches.Count == 0 ? $"No active public alert '{identifier}'." : "Several senders used this identifier: add ?sender=.");
                }

                var raw = matches[0].Raw.ToArray();
                return AlertHttp.Cached(context, raw, AlertHttp.ETagOf(matches[0].Sequence, raw), CapFeedWriter.CapMediaType, CacheControl);
            })
            .Produces(StatusCodes.Status200OK, contentType: CapFeedWriter.CapMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetPublicAlert")
            .WithSummary("The CAP XML of an active public alert (no key needed).");

        group.MapMethods("/{**path}", ["OPTIONS"], (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.AccessControlAllowMethods = "GET, OPTIONS";
                headers.AccessControlAllowHeaders = "If-None-Match";
                headers.AccessControlMaxAge = "86400";
                return Results.NoContent();
            })
            .ExcludeFromDescription();
    }

    /// <summary>On the public map: scope Public, status Actual or Test, not from a simulation account.</summary>
    internal static bool IsPublic(StoredAlert alert) =>
        alert.IsForPublicChannels && alert.Alert.Status is CapStatus.Actual or CapStatus.Test;
}
