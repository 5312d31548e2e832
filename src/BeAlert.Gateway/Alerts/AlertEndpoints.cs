using BeAlert.Cap;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// <c>POST /api/alerts</c> (operators post CAP XML), <c>GET /api/alerts/{identifier}</c> (the original bytes) with
/// <c>.json</c> and <c>.geojson</c> views, and <c>GET /api/alerts</c> (a list). Operators see their authority's
/// messages, vendors the public ones in their areas, admins everything.
/// </summary>
internal static class AlertEndpoints
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("Alerts");

        group.MapPost("/", PostAsync)
            .RequireAuthorization(GatewayPolicies.Operator)
            .Accepts<string>(CapFeedWriter.CapMediaType, "application/xml", "text/xml")
            .Produces<AlertCreated>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("PostAlert")
            .WithSummary("Posts a CAP 1.2 alert (BE-Alert profile); 201 once it is stored, 422 with every diagnostic otherwise.");

        group.MapGet("/", ListAsync)
            .RequireAuthorization(GatewayPolicies.AnyKey)
            .Produces<IReadOnlyList<AlertSummary>>()
            .WithName("ListAlerts")
            .WithSummary("The newest alerts this key may see (?active=true for those in force; ?limit=1..1000).");

        group.MapGet("/{identifier}.json", (HttpContext context, string identifier, string? sender, AlertStore store, TimeProvider time, CancellationToken ct) =>
                ViewAsync(context, identifier, sender, store, time, ViewKind.Json, ct))
            .RequireAuthorization(GatewayPolicies.AnyKey)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAlertJson")
            .WithSummary("The alert as JSON: where it stands and the whole CAP model.");

        group.MapGet("/{identifier}.geojson", (HttpContext context, string identifier, string? sender, AlertStore store, TimeProvider time, CancellationToken ct) =>
                ViewAsync(context, identifier, sender, store, time, ViewKind.GeoJson, ct))
            .RequireAuthorization(GatewayPolicies.AnyKey)
            .Produces(StatusCodes.Status200OK, contentType: AlertHttp.GeoJsonType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAlertGeoJson")
            .WithSummary("The alert's areas as a GeoJSON FeatureCollection.");

        group.MapGet("/{identifier}", (HttpContext context, string identifier, string? sender, AlertStore store, TimeProvider time, CancellationToken ct) =>
                ViewAsync(context, identifier, sender, store, time, ViewKind.Cap, ct))
            .RequireAuthorization(GatewayPolicies.AnyKey)
            .Produces(StatusCodes.Status200OK, contentType: CapFeedWriter.CapMediaType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("GetAlert")
            .WithSummary("The alert's original CAP XML, byte for byte (signatures intact), with a strong ETag. ?sender= picks one when several senders used the identifier.");
    }

    private static async Task<IResult> PostAsync(HttpContext context, AlertIngest ingest, AuditLog audit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!AlertHttp.IsCapMediaType(request.ContentType))
        {
            return AlertHttp.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the CAP XML as application/cap+xml (or application/xml, text/xml); got '{request.ContentType ?? "none"}'.");
        }

        var body = await AlertHttp.ReadBoundedAsync(request, ingest.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge(ingest.MaxBytes);
        }

        var caller = context.GetCaller();
        var result = await ingest.IngestAsync(body, caller, AuditActor.Of(context), cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case IngestOutcome.TooLarge:
                return TooLarge(ingest.MaxBytes);
            case IngestOutcome.Invalid:
                return AlertHttp.Problem(StatusCodes.Status422UnprocessableEntity, "Invalid CAP alert", result.Detail!, new()
                {
                    ["diagnostics"] = result.Diagnostics!.Select(DiagnosticView.Of).ToList(),
                });
            case IngestOutcome.Forbidden:
                await audit.RecordAsync(context, "alert.refused", null, result.Detail, cancellationToken).ConfigureAwait(false);
                return AlertHttp.Problem(StatusCodes.Status403Forbidden, "Outside your authority", result.Detail!, new()
                {
                    ["violations"] = (result.Violations ?? []).Select(v => new { code = v.Code.ToString(), message = v.Message }).ToList(),
                    ["municipalitiesOutside"] = result.Outside ?? [],
                });
            case IngestOutcome.Duplicate:
                return AlertHttp.Problem(StatusCodes.Status409Conflict, "Duplicate alert", result.Detail!);
        }

        // The "alert.posted" audit row was committed with the alert (AlertStore.InsertAsync).
        var stored = result.Alert!;
        var summary = AlertJson.Summary(stored);
        return Results.Created(summary.Location, new AlertCreated(summary, [.. result.Diagnostics!.Select(DiagnosticView.Of)]));
    }

    private static async Task<IResult> ListAsync(HttpContext context, bool? active, int? limit, AlertStore store, ActiveAlertSet set, TimeProvider time, CancellationToken cancellationToken)
    {
        var take = limit ?? 100;
        if (take is < 1 or > 1_000)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 1000."] });
        }

        var caller = context.GetCaller();
        IEnumerable<StoredAlert> alerts;
        if (caller.Role == KeyRole.Vendor)
        {
            // Vendors see what is in force in their areas.
            var areas = VendorAreas.For(caller.Vendor);
            alerts = set.Current().Alerts.Where(areas.Matches).Take(take);
        }
        else
        {
            var authorityId = caller.Role == KeyRole.Admin ? null : caller.Authority?.Id ?? "-";
            var now = time.GetUtcNow();
            var rows = await store.ListAsync(authorityId, active == true, take, cancellationToken).ConfigureAwait(false);
            alerts = rows.Select(a => a.State == AlertState.Active && a.Expires <= now ? a.WithState(AlertState.Expired) : a)
                .Where(a => active != true || a.State == AlertState.Active);
        }

        return Results.Ok(alerts.Select(AlertJson.Summary).ToList());
    }

    private enum ViewKind
    {
        Cap,
        Json,
        GeoJson,
    }

    private static async Task<IResult> ViewAsync(HttpContext context, string identifier, string? sender, AlertStore store, TimeProvider time, ViewKind kind, CancellationToken cancellationToken)
    {
        if (identifier.Length > 1024 || sender?.Length > 1024)
        {
            return AlertHttp.Problem(StatusCodes.Status400BadRequest, "Bad identifier", "An identifier or sender is at most 1,024 characters.");
        }

        var caller = context.GetCaller();
        var visible = (await store.FindAsync(identifier, cancellationToken).ConfigureAwait(false))
            .Where(a => sender is null || string.Equals(a.Sender, sender, StringComparison.Ordinal))
            .Where(a => CanSee(caller, a))
            .ToList();
        if (visible.Count == 0)
        {
            return AlertHttp.Problem(StatusCodes.Status404NotFound, "Unknown alert", $"No alert '{identifier}'" + (sender is null ? string.Empty : $" from '{sender}'") + " is visible to this key.");
        }

        if (visible.Count > 1)
        {
            return AlertHttp.Problem(StatusCodes.Status409Conflict, "Ambiguous identifier", $"Several senders used '{identifier}': add ?sender= (one of {string.Join(", ", visible.Select(a => a.Sender))}).");
        }

        var alert = visible[0];
        var state = alert.State == AlertState.Active && alert.Expires <= time.GetUtcNow() ? AlertState.Expired : alert.State;
        switch (kind)
        {
            case ViewKind.Json:
                return Results.Bytes(AlertJson.Full(alert, state), "application/json");
            case ViewKind.GeoJson:
                return Results.Bytes(AlertHttp.RenderGeoJson([alert]), AlertHttp.GeoJsonType);
            default:
                var raw = alert.Raw.ToArray();
                return AlertHttp.Cached(context, raw, AlertHttp.ETagOf(alert.Sequence, raw), CapFeedWriter.CapMediaType, "private, no-cache");
        }
    }

    internal static bool CanSee(Caller caller, StoredAlert alert) => caller.Role switch
    {
        KeyRole.Admin => true,
        KeyRole.Operator => string.Equals(caller.Authority?.Id, alert.AuthorityId, StringComparison.Ordinal),
        KeyRole.Vendor => VendorAreas.For(caller.Vendor).Matches(alert),
        _ => false,
    };

    private static IResult TooLarge(int max) =>
        AlertHttp.Problem(StatusCodes.Status413PayloadTooLarge, "Alert too large", $"A CAP alert may be at most {max:N0} bytes (BeAlert:Limits:MaxAlertBytes).", new()
        {
            ["diagnostics"] = new[] { new DiagnosticView(AlertProblemCodes.TooLarge, CapDiagnosticSeverity.Error, "/", 0, 0, $"The body is larger than {max} bytes.") },
        });
}
