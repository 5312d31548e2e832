using System.Text;
using BeAlert.Cap;
using BeAlert.Gateway.Alerts;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Web.Compose;

/// <summary>
/// <c>POST /api/compose/send</c>: the console's send in one server-side step. From the compose form it builds the CAP
/// alert (as <c>/api/compose/preview</c> does), builds and checks the campaign (authority rules, audience, engine
/// limits: as <c>POST /api/campaigns/estimate</c>), and only then stores the alert (which publishes it, as
/// <c>POST /api/alerts</c>) and starts the campaign. So a campaign that would be refused leaves no published alert. If
/// the campaign still fails after the alert was stored (the rules changed in between, the engine refused it), the
/// alert is withdrawn at once with a CAP Cancel, and the answer says so. <c>/api/alerts</c> and
/// <c>/api/campaigns</c> stay as they are for API users.
/// </summary>
internal static partial class ComposeSend
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/send", SendAsync)
            .WithName("ComposeSend")
            .WithSummary("Builds the CAP alert of a compose form, checks the campaign, then publishes the alert and starts the campaign in one step (a refused campaign publishes nothing).")
            .Accepts<ComposeBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> SendAsync(
        HttpContext context,
        TimeProvider time,
        CampaignCommandBuilder builder,
        CampaignService campaigns,
        AlertIngest ingest,
        AuditLog audit,
        ILoggerFactory loggers)
    {
        var (body, error) = await CampaignHttp.ReadJsonAsync<ComposeBody>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (body!.IsEmpty)
        {
            return CampaignHttp.Invalid(new Dictionary<string, string[]> { ["texts"] = ["The body names none of the compose fields."] }, "Nothing to send.");
        }

        var caller = context.GetCaller();
        var authority = caller.Authority!;
        var composed = ComposeBuilder.Build(body, authority, time.GetUtcNow());
        if (!composed.IsValid)
        {
            return Results.ValidationProblem(
                composed.Errors.Count > 0 ? composed.Errors : new Dictionary<string, string[]> { ["alert"] = ["The alert is not valid CAP."] },
                detail: "The form does not make a valid alert yet.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["diagnostics"] = composed.Diagnostics });
        }

        // 1. The campaign, checked without side effects: a refusal here publishes nothing.
        var campaignBody = new CampaignBody
        {
            CapXml = composed.CapXml,
            Channels = body.Channels,
            Audience = ComposeBuilder.ToAudience(body.Target),
            Name = string.IsNullOrWhiteSpace(body.Name) ? null : body.Name.Trim(),
        };
        var built = await builder.BuildAsync(campaignBody, caller, context.RequestAborted).ConfigureAwait(false);
        if (built.Error is not null)
        {
            return built.Error;
        }

        if (await CheckAsync(campaigns, built.Command!, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            await audit.RecordAsync(context, "compose.send.refused", built.Command!.Alert.Identifier, "campaign refused before the alert was published", context.RequestAborted).ConfigureAwait(false);
            return refused;
        }

        // 2. The alert: stored and published (its "alert.posted" audit row commits with it).
        var ingested = await ingest.IngestAsync(Encoding.UTF8.GetBytes(composed.CapXml!), caller, AuditActor.Of(context), context.RequestAborted).ConfigureAwait(false);
        if (ingested.Outcome != IngestOutcome.Created)
        {
            return await AlertProblemAsync(ingested, context, audit, ingest.MaxBytes).ConfigureAwait(false);
        }

        // 3. The campaign. From here the request's cancellation no longer applies: the alert is public.
        try
        {
            var launched = await campaigns.LaunchAsync(built.Command!, built.AudienceJson, context, CancellationToken.None).ConfigureAwait(false);
            var entry = launched.Entry;
            context.Response.Headers.Location = $"/api/campaigns/{entry.Id:D}";
            return Results.Json(
                new
                {
                    alert = new { identifier = ingested.Alert!.Identifier, sender = ingested.Alert.Sender, location = AlertJson.Summary(ingested.Alert).Location },
                    campaign = new
                    {
                        id = entry.Id,
                        name = entry.Name,
                        status = entry.Status.ToString(),
                        simulation = entry.Simulation,
                        channels = entry.Channels,
                        location = $"/api/campaigns/{entry.Id:D}",
                    },
                },
                CampaignRequestModel.Json,
                statusCode: StatusCodes.Status202Accepted);
        }
        catch (Exception e) when (e is CampaignRefusedException or EmptyAudienceException or ArgumentException or InvalidOperationException)
        {
            var withdrawn = await WithdrawAsync(ingested.Alert!, caller, context, ingest, time, loggers.CreateLogger(typeof(ComposeSend))).ConfigureAwait(false);
            await audit.RecordAsync(context, "compose.send.failed", ingested.Alert!.Identifier, withdrawn ? "campaign failed after the alert was stored; alert withdrawn (Cancel)" : "campaign failed after the alert was stored; the withdrawal failed", CancellationToken.None).ConfigureAwait(false);
            return Results.Problem(
                statusCode: e is CampaignRefusedException ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity,
                title: "The campaign could not start",
                detail: e is CampaignRefusedException r ? string.Join(" ", r.Reasons) : e.Message,
                extensions: new Dictionary<string, object?> { ["alertWithdrawn"] = withdrawn, ["alertIdentifier"] = ingested.Alert.Identifier });
        }
    }

    /// <summary>The campaign's plan (rules, audience, engine limits) as <c>POST /api/campaigns</c> would check it; null when it may start.</summary>
    private static async Task<IResult?> CheckAsync(CampaignService campaigns, CampaignCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await campaigns.PlanAsync(command, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (CampaignRefusedException e)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Refused by the authority rules",
                detail: string.Join(" ", e.Reasons),
                extensions: new Dictionary<string, object?> { ["reasons"] = e.Reasons });
        }
        catch (EmptyAudienceException e)
        {
            return CampaignHttp.Invalid(new Dictionary<string, string[]> { ["audience"] = [e.Message] }, "The audience is empty.");
        }
        catch (ArgumentException e)
        {
            return CampaignHttp.Invalid(new Dictionary<string, string[]> { ["campaign"] = [e.Message] }, "The dispatch engine cannot send this campaign.");
        }
    }

    /// <summary>The answer <c>POST /api/alerts</c> gives for an alert it does not store.</summary>
    private static async Task<IResult> AlertProblemAsync(IngestResult result, HttpContext context, AuditLog audit, int maxBytes)
    {
        switch (result.Outcome)
        {
            case IngestOutcome.TooLarge:
                return AlertHttp.Problem(StatusCodes.Status413PayloadTooLarge, "Alert too large", $"A CAP alert may be at most {maxBytes:N0} bytes.");
            case IngestOutcome.Forbidden:
                await audit.RecordAsync(context, "alert.refused", null, result.Detail, context.RequestAborted).ConfigureAwait(false);
                return AlertHttp.Problem(StatusCodes.Status403Forbidden, "Outside your authority", result.Detail!, new()
                {
                    ["violations"] = (result.Violations ?? []).Select(v => new { code = v.Code.ToString(), message = v.Message }).ToList(),
                    ["municipalitiesOutside"] = result.Outside ?? [],
                });
            case IngestOutcome.Duplicate:
                return AlertHttp.Problem(StatusCodes.Status409Conflict, "Duplicate alert", result.Detail!);
            default:
                return AlertHttp.Problem(StatusCodes.Status422UnprocessableEntity, "Invalid CAP alert", result.Detail ?? "The alert was not accepted.", new()
                {
                    ["diagnostics"] = (result.Diagnostics ?? []).Select(DiagnosticView.Of).ToList(),
                });
        }
    }

    /// <summary>Withdraws a just-published alert with a CAP Cancel of the same sender (true when the Cancel was stored).</summary>
    private static async Task<bool> WithdrawAsync(StoredAlert stored, Caller caller, HttpContext context, AlertIngest ingest, TimeProvider time, ILogger logger)
    {
        try
        {
            var original = stored.Alert;
            var sent = new CapDateTime(DateTimeOffset.FromUnixTimeSeconds(Math.Max(time.GetUtcNow().ToUnixTimeSeconds(), original.Sent.UtcValue.ToUnixTimeSeconds() + 1)));
            var cancel = CapAlertBuilder.Create(original.Identifier + "-cancel", original.Sender, sent)
                .Status(original.Status)
                .MsgType(CapMessageType.Cancel)
                .Scope(original.Scope)
                .Restriction(original.Restriction)
                .Note("The campaign of this alert could not start; the alert is withdrawn.")
                .AddReference(new CapReference(original.Sender, original.Identifier, original.Sent))
                .Build();
            var result = await ingest.IngestAsync(Encoding.UTF8.GetBytes(CapWriter.WriteToString(cancel)), caller, AuditActor.Of(context), CancellationToken.None).ConfigureAwait(false);
            if (result.Outcome == IngestOutcome.Created)
            {
                return true;
            }

            LogWithdrawRefused(logger, original.Identifier, result.Outcome.ToString(), result.Detail);
            return false;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            LogWithdrawFailed(logger, e, stored.Alert.Identifier);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not withdraw alert {Identifier} after its campaign failed: {Outcome} {Detail}")]
    private static partial void LogWithdrawRefused(ILogger logger, string identifier, string outcome, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not withdraw alert {Identifier} after its campaign failed.")]
    private static partial void LogWithdrawFailed(ILogger logger, Exception exception, string identifier);
}
