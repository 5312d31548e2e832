using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BeAlert.Dispatch;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// <c>/api/campaigns</c>: start (202 + Location), estimate, history, status, live progress (SSE), cancel, final report
/// as JSON and CSV. Operators only; an operator sees its own authority's campaigns (another's answer 404).
/// </summary>
internal static class CampaignEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/campaigns").RequireAuthorization(GatewayPolicies.Operator).WithTags("Campaigns");

        group.MapPost(string.Empty, StartFromBodyAsync)
            .WithName("StartCampaign")
            .WithSummary("Starts a campaign: an alert (posted, from a template, or inline CAP) over channels to an audience.")
            .Accepts<CampaignBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/estimate", EstimateAsync)
            .WithName("EstimateCampaign")
            .WithSummary("The audience and cost of a campaign, without sending anything.")
            .Accepts<CampaignBody>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet(string.Empty, ListAsync)
            .WithName("ListCampaigns")
            .WithSummary("Your authority's campaigns, newest first (paged: limit, before = the previous page's next cursor).")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id}", GetAsync)
            .WithName("GetCampaign")
            .WithSummary("A campaign's status and, while it runs here, a progress snapshot.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/events", EventsAsync)
            .WithName("WatchCampaign")
            .WithSummary("Server-sent events: 'progress' snapshots (at most ~4/s), a 'command' when a cancel or an Update/Cancel alert was applied, then one 'report'; after the end, the report at once.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/cancel", CancelAsync)
            .WithName("CancelCampaign")
            .WithSummary("Cancels a running campaign on whichever instance runs it: the request is recorded durably (202), then what is still queued is not sent.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/report", ReportAsync)
            .WithName("GetCampaignReport")
            .WithSummary("The final report (JSON): per channel counts, failure reasons, rates, cost, cost per municipality.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/report.csv", ReportCsvAsync)
            .WithName("GetCampaignReportCsv")
            .WithSummary("The final report as CSV (RFC 4180): one row per channel and per municipality's cost.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Starts the campaign a body describes (also used by <c>POST /api/templates/{id}/send</c>).</summary>
    internal static async Task<IResult> StartAsync(CampaignBody body, HttpContext context, CampaignCommandBuilder builder, CampaignService campaigns)
    {
        var built = await builder.BuildAsync(body, context.GetCaller(), context.RequestAborted).ConfigureAwait(false);
        if (built.Error is not null)
        {
            return built.Error;
        }

        try
        {
            var launched = await campaigns.LaunchAsync(built.Command!, built.AudienceJson, context, context.RequestAborted).ConfigureAwait(false);
            var entry = launched.Entry;
            var result = Results.Json(
                new
                {
                    id = entry.Id,
                    name = entry.Name,
                    status = entry.Status.ToString(),
                    simulation = entry.Simulation,
                    mode = Mode(entry.Simulation),
                    alertIdentifier = entry.AlertIdentifier,
                    channels = entry.Channels,
                    audience = AudienceJson(launched.Plan),
                    estimate = EstimateJson(launched.Plan.Estimate),
                },
                CampaignRequestModel.Json,
                statusCode: StatusCodes.Status202Accepted);
            return new LocatedResult(result, $"/api/campaigns/{entry.Id:D}");
        }
        catch (CampaignRefusedException e)
        {
            return Refused(e);
        }
        catch (EmptyAudienceException e)
        {
            return CampaignHttp.Invalid(new Dictionary<string, string[]> { ["audience"] = [e.Message] }, "The audience is empty.");
        }
        catch (ArgumentException e)
        {
            // the dispatch engine refused the request (too many members or zones, a channel without endpoint)
            return CampaignHttp.Invalid(new Dictionary<string, string[]> { ["campaign"] = [e.Message] }, "The dispatch engine cannot send this campaign.");
        }
    }

    private static async Task<IResult> StartFromBodyAsync(HttpContext context, CampaignCommandBuilder builder, CampaignService campaigns)
    {
        var (body, error) = await CampaignHttp.ReadJsonAsync<CampaignBody>(context).ConfigureAwait(false);
        return error ?? await StartAsync(body!, context, builder, campaigns).ConfigureAwait(false);
    }

    private static async Task<IResult> EstimateAsync(HttpContext context, CampaignCommandBuilder builder, CampaignService campaigns)
    {
        var (body, error) = await CampaignHttp.ReadJsonAsync<CampaignBody>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var built = await builder.BuildAsync(body!, context.GetCaller(), context.RequestAborted).ConfigureAwait(false);
        if (built.Error is not null)
        {
            return built.Error;
        }

        try
        {
            var plan = await campaigns.PlanAsync(built.Command!, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(
                new
                {
                    simulation = plan.Simulation,
                    mode = Mode(plan.Simulation),
                    alertIdentifier = built.Command!.Alert.Identifier,
                    audience = AudienceJson(plan),
                    estimate = EstimateJson(plan.Estimate),
                },
                CampaignRequestModel.Json);
        }
        catch (CampaignRefusedException e)
        {
            return Refused(e);
        }
        catch (EmptyAudienceException e)
        {
            return CampaignHttp.Invalid(new Dictionary<string, string[]> { ["audience"] = [e.Message] }, "The audience is empty.");
        }
        catch (ArgumentException e)
        {
            // the dispatch engine refused the request (too many members or zones, a channel without endpoint)
            return CampaignHttp.Invalid(new Dictionary<string, string[]> { ["campaign"] = [e.Message] }, "The dispatch engine cannot send this campaign.");
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, CampaignStore store, int? limit, string? before)
    {
        var caller = context.GetCaller();
        if (limit is < 1 or > MaxPageSize)
        {
            return Results.Problem(statusCode: 400, title: "Bad request", detail: $"limit is between 1 and {MaxPageSize}.");
        }

        (long, string)? cursor = null;
        if (before is not null)
        {
            var cut = before.IndexOf('_', StringComparison.Ordinal);
            if (before.Length > 100 || cut <= 0 || !long.TryParse(before.AsSpan(0, cut), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                || !Guid.TryParse(before.AsSpan(cut + 1), out var beforeId))
            {
                return Results.Problem(statusCode: 400, title: "Bad request", detail: "before is the 'next' cursor of a previous page.");
            }

            cursor = (at, beforeId.ToString("D"));
        }

        var size = limit ?? DefaultPageSize;
        var entries = await store.ListAsync(caller.Authority!.Id, size, cursor, context.RequestAborted).ConfigureAwait(false);
        var next = entries.Count == size ? $"{entries[^1].CreatedAt.ToUnixTimeMilliseconds()}_{entries[^1].Id:D}" : null;
        return Results.Json(new { items = entries.Select(e => Summary(e)), next }, CampaignRequestModel.Json);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, CampaignStore store, CampaignService campaigns)
    {
        var entry = await FindAsync(id, context, store).ConfigureAwait(false);
        if (entry is null)
        {
            return UnknownCampaign(id);
        }

        var node = Summary(entry);
        if (entry.Status == CampaignState.Running && campaigns.FindLive(entry.Id) is { } handle)
        {
            node["progress"] = ProgressJson(handle.GetProgress(), entry.Simulation);
        }

        return Results.Text(node.ToJsonString(CampaignRequestModel.Json), "application/json", Encoding.UTF8);
    }

    private static async Task EventsAsync(string id, HttpContext context, CampaignStore store, CampaignService campaigns, CampaignCommandStore queue)
    {
        var entry = await FindAsync(id, context, store).ConfigureAwait(false);
        if (entry is null)
        {
            await UnknownCampaign(id).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        var aborted = context.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(aborted).ConfigureAwait(false);
        var shown = new HashSet<long>();
        try
        {
            if (entry.Status == CampaignState.Running && campaigns.FindLive(entry.Id) is { } handle)
            {
                // A campaign that has just ended (its record not yet written as such) gets the report at once, like
                // one that ended long ago: no replay of its last progress snapshot.
                if (!handle.Completion.IsCompleted)
                {
                    await foreach (var progress in handle.Progress.WithCancellation(aborted).ConfigureAwait(false))
                    {
                        await WriteCommandsAsync(response, campaigns.AppliedCommands(entry.Id), shown, aborted).ConfigureAwait(false);
                        await WriteEventAsync(response, "progress", ProgressJson(progress, entry.Simulation).ToJsonString(CampaignRequestModel.Json), aborted).ConfigureAwait(false);
                    }
                }

                CampaignReport report;
                try
                {
                    report = await handle.Completion.WaitAsync(aborted).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !aborted.IsCancellationRequested)
                {
                    // faulted, or the engine stopped: the stored record says what happened
                    var settled = await store.FindAsync(entry.Id, aborted).ConfigureAwait(false);
                    if (settled?.ReportJson is { } json)
                    {
                        await WriteEventAsync(response, "report", json, aborted).ConfigureAwait(false);
                    }

                    return;
                }

                await WriteCommandsAsync(response, campaigns.AppliedCommands(entry.Id), shown, aborted).ConfigureAwait(false);
                await WriteEventAsync(response, "report", await campaigns.ReportJsonAsync(report, entry, aborted).ConfigureAwait(false), aborted).ConfigureAwait(false);
                return;
            }

            // Finished, or running in another instance: wait for the stored report (status events meanwhile).
            while (true)
            {
                var current = await store.FindAsync(entry.Id, aborted).ConfigureAwait(false);
                if (current is null)
                {
                    return;
                }

                var applied = (await queue.ForCampaignAsync(entry.Id, aborted).ConfigureAwait(false)).Where(c => c.Result is not null).Select(c => (c, c.Result!)).ToList();
                await WriteCommandsAsync(response, applied, shown, aborted).ConfigureAwait(false);
                if (current.Status != CampaignState.Running)
                {
                    await WriteEventAsync(response, "report", current.ReportJson ?? "{}", aborted).ConfigureAwait(false);
                    return;
                }

                await WriteEventAsync(response, "status", Summary(current).ToJsonString(CampaignRequestModel.Json), aborted).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away
        }
    }

    /// <summary>
    /// Records the cancel durably (a <c>campaign_commands</c> row) whichever instance got the request, and answers 202 with
    /// the campaign's current state; the instance that runs the campaign applies it (at once when it is this one, else
    /// at its next poll). Cancelling twice is one command; cancelling an ended campaign is a 409.
    /// </summary>
    private static async Task<IResult> CancelAsync(string id, HttpContext context, CampaignStore store, CampaignCommandStore queue, CampaignCommandProcessor processor, CampaignService campaigns, Audit.AuditLog audit)
    {
        var entry = await FindAsync(id, context, store).ConfigureAwait(false);
        if (entry is null)
        {
            return UnknownCampaign(id);
        }

        if (entry.Status != CampaignState.Running)
        {
            return Results.Problem(statusCode: 409, title: "Conflict", detail: $"The campaign has already ended ({entry.Status}).");
        }

        var (command, created) = await queue.RequestCancelAsync(entry.Id, Audit.AuditActor.Of(context), CancellationToken.None).ConfigureAwait(false);
        if (created)
        {
            await audit.RecordAsync(context, "campaign.cancel.requested", entry.Id.ToString("D"), $"command {command.Id}; alert {entry.AlertIdentifier}", CancellationToken.None).ConfigureAwait(false);
        }

        if (campaigns.FindLive(entry.Id) is not null)
        {
            processor.Wake(); // runs here: apply now rather than at the next poll
        }

        var node = Summary(entry);
        node["status"] = "Cancelling";
        node["command"] = CampaignService.CommandJson(command);
        return Results.Json(node, CampaignRequestModel.Json, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ReportAsync(string id, HttpContext context, CampaignStore store, CampaignService campaigns)
    {
        var (entry, json, error) = await FindReportAsync(id, context, store, campaigns).ConfigureAwait(false);
        return error ?? Results.Text(json!, "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> ReportCsvAsync(string id, HttpContext context, CampaignStore store, CampaignService campaigns)
    {
        var (entry, json, error) = await FindReportAsync(id, context, store, campaigns).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var csv = CampaignReportCsv.Write(entry!, json!);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"campaign-{entry!.Id:D}.csv\"";
        return Results.Text(csv, "text/csv; charset=utf-8; header=present", Encoding.UTF8);
    }

    private static async Task<(CampaignEntry? Entry, string? Json, IResult? Error)> FindReportAsync(string id, HttpContext context, CampaignStore store, CampaignService campaigns)
    {
        var entry = await FindAsync(id, context, store).ConfigureAwait(false);
        if (entry is null)
        {
            return (null, null, UnknownCampaign(id));
        }

        if (entry.ReportJson is { } json)
        {
            return (entry, json, null);
        }

        // Finished a moment ago: the record is being written.
        if (campaigns.FindLive(entry.Id) is { Completion.IsCompletedSuccessfully: true } handle)
        {
            return (entry, await campaigns.ReportJsonAsync(handle.Completion.Result, entry, context.RequestAborted).ConfigureAwait(false), null);
        }

        return (entry, null, Results.Problem(statusCode: 409, title: "Conflict", detail: "The campaign is still running: its report is ready when it ends (watch /events)."));
    }

    private static async Task<CampaignEntry?> FindAsync(string id, HttpContext context, CampaignStore store)
    {
        if (id.Length > 64 || !Guid.TryParse(id, out var guid))
        {
            return null;
        }

        var entry = await store.FindAsync(guid, context.RequestAborted).ConfigureAwait(false);
        return entry is not null && string.Equals(entry.AuthorityId, context.GetCaller().Authority?.Id, StringComparison.Ordinal) ? entry : null;
    }

    private static IResult UnknownCampaign(string id) =>
        CampaignHttp.NotFound($"Your authority has no campaign '{(id.Length > 64 ? id[..64] + "…" : id)}'.");

    private static IResult Refused(CampaignRefusedException e) =>
        Results.Problem(
            statusCode: 403,
            title: "Refused by the authority rules",
            detail: string.Join(" ", e.Reasons),
            extensions: new Dictionary<string, object?> { ["reasons"] = e.Reasons });

    private static string Mode(bool simulation) => simulation ? "SIMULATION" : "LIVE";

    private static JsonObject Summary(CampaignEntry entry)
    {
        var node = new JsonObject
        {
            ["id"] = entry.Id,
            ["name"] = entry.Name,
            ["status"] = entry.Status.ToString(),
            ["simulation"] = entry.Simulation,
            ["mode"] = Mode(entry.Simulation),
            ["alertIdentifier"] = entry.AlertIdentifier,
            ["templateId"] = entry.TemplateId,
            ["channels"] = new JsonArray([.. entry.Channels.Select(c => (JsonNode?)c)]),
            ["audience"] = JsonNode.Parse(entry.AudienceJson),
            ["people"] = entry.People,
            ["createdAt"] = entry.CreatedAt,
            ["finishedAt"] = entry.FinishedAt,
        };
        return node;
    }

    private static JsonObject ProgressJson(CampaignProgress progress, bool simulation)
    {
        var node = JsonSerializer.SerializeToNode(progress, CampaignRequestModel.Json)!.AsObject();
        node["mode"] = Mode(simulation);
        return node;
    }

    private static object AudienceJson(CampaignPlan plan) => new
    {
        people = plan.Counts.People,
        recipients = plan.Counts.Recipients,
        deliveries = plan.Estimate.Channels.ToDictionary(c => CampaignRequestModel.NameOf(c.Channel), c => c.Deliveries),
    };

    private static object EstimateJson(CostEstimate estimate) => new
    {
        cost = estimate.Channels.ToDictionary(c => CampaignRequestModel.NameOf(c.Channel), c => c.Cost),
        totalCost = estimate.TotalCost,
        estimatedDuration = estimate.EstimatedDuration,
        currency = "EUR",
    };

    /// <summary>One <c>event: command</c> per applied command (cancel, Update/Cancel alert) not shown yet on this stream.</summary>
    private static async Task WriteCommandsAsync(HttpResponse response, IReadOnlyList<(CampaignCommandRow Command, string Result)> applied, HashSet<long> shown, CancellationToken cancellationToken)
    {
        foreach (var (command, result) in applied)
        {
            if (shown.Add(command.Id))
            {
                await WriteEventAsync(response, "command", CampaignService.CommandJson(command, result).ToJsonString(CampaignRequestModel.Json), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, string json, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A result with a Location header.</summary>
    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
