using System.Globalization;
using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Citizens;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Web.Compose;

/// <summary>
/// The small JSON endpoints behind the console's compose page (<c>/console/compose</c>), for operators (key or console
/// cookie + CSRF): <c>POST /api/compose/preview</c> builds the CAP 1.2 alert from the form server-side, validates it
/// with the BE-Alert profile and renders every channel per language as recipients will see it;
/// <c>POST /api/compose/audience</c> counts the registered people and addresses a target reaches;
/// <c>GET /api/compose/templates/{id}</c> turns a template into the form; <c>POST /api/compose/send</c>
/// (<see cref="ComposeSend"/>) publishes the alert and starts its campaign in one step.
/// </summary>
internal static class ComposeEndpoints
{
    private static readonly CapRenderer Renderer = new(new RenderOptions());
    private static readonly CapRenderer SimulationRenderer = new(new RenderOptions { Simulation = true });
    private static readonly LanguageChooser AllLanguages = new(["nl", "fr", "de", "en"]);

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/compose").RequireAuthorization(GatewayPolicies.Operator).WithTags("Console");

        group.MapPost("/preview", PreviewAsync)
            .WithName("ComposePreview")
            .WithSummary("Builds the CAP 1.2 alert of a compose form (nothing stored): problems per field, CAP diagnostics, the XML when valid, and each channel's text per language.")
            .Accepts<ComposeBody>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/audience", AudienceAsync)
            .WithName("ComposeAudience")
            .WithSummary("How many registered people and addresses a compose target reaches; 403 with the reasons (and no counts) when your authority may not alert it.")
            .Accepts<ComposeBody>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        ComposeSend.Map(group);

        group.MapGet("/templates/{id}", TemplateAsync)
            .WithName("ComposeFromTemplate")
            .WithSummary("One of your templates as a compose form (texts per language, enumerations, channels, target).")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, TimeProvider time)
    {
        var (body, error) = await CampaignHttp.ReadJsonAsync<ComposeBody>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (body!.IsEmpty)
        {
            return CampaignHttp.Invalid(
                new Dictionary<string, string[]> { ["texts"] = ["The body names none of the compose fields: texts, event, category, severity, urgency, certainty, status, expiresHours, channels, target."] },
                "Nothing to compose.");
        }

        var authority = context.GetCaller().Authority!;
        var result = ComposeBuilder.Build(body, authority, time.GetUtcNow());
        var renderer = authority.Simulation ? SimulationRenderer : Renderer;
        var previews = new List<object>();
        if (result.Alert is { } alert)
        {
            foreach (var info in alert.Infos)
            {
                previews.Add(Render(renderer, alert, info.Language ?? "en"));
            }
        }

        return Results.Json(
            new
            {
                valid = result.IsValid,
                identifier = result.Alert?.Identifier,
                capXml = result.CapXml,
                simulation = authority.Simulation,
                errors = result.Errors,
                diagnostics = result.Diagnostics,
                previews,
                audience = ComposeBuilder.ToAudience(body.Target),
            },
            CampaignRequestModel.Json);
    }

    private static object Render(CapRenderer renderer, CapAlert alert, string language)
    {
        var key = language.Length >= 2 ? language[..2] : language;
        var sms = renderer.RenderSms(alert, language);
        var broadcast = renderer.RenderCellBroadcast(alert, language);
        var voice = renderer.RenderVoice(alert, language);
        var email = renderer.RenderEmail(alert, language);
        var signage = renderer.RenderSignage(alert, language);
        return new
        {
            language = key,
            sms = new
            {
                text = sms.Text,
                segments = sms.Segments,
                segmentCount = sms.SegmentCount,
                encoding = Encoding(sms.DataCoding),
                characters = sms.Text.Length,
                costPerRecipient = sms.CostPerRecipient,
                shortened = sms.Shortened != RenderParts.None || sms.Omitted != RenderParts.None,
            },
            cellBroadcast = new
            {
                pages = broadcast.Pages,
                encoding = Encoding(broadcast.DataCoding),
                shortened = broadcast.Shortened != RenderParts.None || broadcast.Omitted != RenderParts.None,
            },
            voice = new
            {
                text = voice.Text,
                seconds = (int)Math.Ceiling(voice.EstimatedDuration.TotalSeconds),
                shortened = voice.Shortened != RenderParts.None || voice.Omitted != RenderParts.None,
            },
            email = new { subject = email.Subject, text = email.TextBody, sender = email.SenderName },
            signage = new
            {
                lines = signage.Lines,
                columns = signage.Columns,
                shortened = signage.Shortened != RenderParts.None || signage.Omitted != RenderParts.None,
            },
        };
    }

    private static string Encoding(SmsDataCoding coding) => coding == SmsDataCoding.Gsm7 ? "GSM-7" : "UCS-2";

    private static async Task<IResult> AudienceAsync(HttpContext context, IAudienceSources sources, PopulationService population, StreetIndex streetIndex)
    {
        var (body, error) = await CampaignHttp.ReadJsonAsync<ComposeBody>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var authority = context.GetCaller().Authority!;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var target = ComposeBuilder.CheckTarget(body!.Target, authority, errors);
        var channels = DeliveryChannels.None;
        if (body.Channels is { Count: > 0 })
        {
            channels = CampaignRequestModel.ParseChannels(body.Channels, errors);
        }

        if (errors.Count > 0 || target is null)
        {
            return CampaignHttp.Invalid(errors, "The target cannot be counted.");
        }

        var parsed = CampaignRequestModel.ParseAudience(ComposeBuilder.ToAudience(target), errors)!;
        var groups = new List<Group>();
        foreach (var id in parsed.Groups)
        {
            var found = await sources.FindGroupAsync(authority.Id, id, context.RequestAborted).ConfigureAwait(false);
            if (found is null)
            {
                errors["target"] = [$"Your authority has no group {id.ToString(CultureInfo.InvariantCulture)}."];
                return CampaignHttp.Invalid(errors, "Unknown group.");
            }

            groups.Add(found);
        }

        CampaignStreets.CheckKnown(parsed.Streets, streetIndex, errors);
        if (errors.Count > 0)
        {
            return CampaignHttp.Invalid(errors, "Unknown street.");
        }

        var spec = new AudienceSpec { Municipalities = parsed.Municipalities, Streets = parsed.Streets, Areas = parsed.Areas, Groups = groups };
        var violations = new AuthorityRules().Check(spec, channels, authority.ToOperatorAuthority());
        if (violations.Count > 0)
        {
            // As the campaign API would answer: the reasons, never how many people live where the authority may not alert.
            return Refused([.. violations.Select(v => v.Message)]);
        }

        var engineChannels = channels == DeliveryChannels.None ? DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email : channels & ~DeliveryChannels.Signage;
        var (counts, addresses) = population.Read(directory =>
        {
            var resolution = new AudienceResolver(directory).Resolve(spec, AllLanguages, engineChannels);
            return (resolution.Count(), resolution.AddressCount);
        });
        return Results.Json(
            new
            {
                people = counts.People,
                addresses,
                recipients = counts.Recipients,
                unreachable = counts.Unreachable,
                allowed = true,
                refused = Array.Empty<string>(),
            },
            CampaignRequestModel.Json);
    }

    /// <summary>The campaign API's refusal (403, title and <c>reasons</c> as <c>POST /api/campaigns</c> gives them).</summary>
    private static IResult Refused(IReadOnlyList<string> reasons) =>
        Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Refused by the authority rules",
            detail: string.Join(" ", reasons),
            extensions: new Dictionary<string, object?> { ["reasons"] = reasons });

    private static async Task<IResult> TemplateAsync(string id, HttpContext context, TemplateStore store, CampaignCommandBuilder builder)
    {
        var authority = context.GetCaller().Authority!;
        var template = id.Length <= CampaignCommandBuilder.MaxIdLength ? await store.FindAsync(authority.Id, id, context.RequestAborted).ConfigureAwait(false) : null;
        if (template is null)
        {
            return CampaignHttp.NotFound($"Your authority has no template '{(id.Length > 64 ? id[..64] + "…" : id)}'.");
        }

        var errors = new Dictionary<string, string[]>();
        var alert = builder.Instantiate(template.CapXml, null, errors, sample: true);
        if (alert is null)
        {
            return CampaignHttp.Invalid(errors, "The template's alert cannot be read.");
        }

        var texts = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var info in alert.Infos)
        {
            var key = (info.Language ?? "en").Length >= 2 ? (info.Language ?? "en")[..2].ToLowerInvariant() : "en";
            if (ComposeBuilder.Languages.Any(l => l.Key == key) && !texts.ContainsKey(key))
            {
                texts[key] = new { headline = info.Headline, description = info.Description, instruction = info.Instruction };
            }
        }

        var first = alert.Infos.Count > 0 ? alert.Infos[0] : null;
        AudienceBody? audience = null;
        try
        {
            audience = JsonSerializer.Deserialize<AudienceBody>(template.AudienceJson, CampaignRequestModel.Json);
        }
        catch (JsonException)
        {
            // a template without a readable audience: the operator picks the target
        }

        var area = audience?.Areas?.FirstOrDefault(a => a.Polygon is not null || a.Circle is not null);
        return Results.Json(
            new
            {
                id = template.Id,
                name = template.Name,
                texts,
                @event = first?.Event,
                category = first is { Categories.Count: > 0 } ? first.Categories[0].ToString() : null,
                responseType = first?.ResponseTypes.Count > 0 ? first.ResponseTypes[0].ToString() : null,
                urgency = first?.Urgency.ToString(),
                severity = first?.Severity.ToString(),
                certainty = first?.Certainty.ToString(),
                status = alert.Status is CapStatus.Exercise or CapStatus.Test ? alert.Status.ToString() : "Actual",
                channels = template.Channels,
                target = new
                {
                    polygon = area?.Polygon,
                    circle = area?.Circle,
                    municipalities = audience?.Municipalities ?? [],
                    groups = audience?.Groups ?? [],
                },
            },
            CampaignRequestModel.Json);
    }
}
