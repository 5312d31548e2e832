using System.Text.Json;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Campaigns;

/// <summary>The body of <c>POST/PUT /api/templates</c>.</summary>
public sealed class TemplateBody
{
    public string? Name { get; set; }

    /// <summary>A CAP alert, fixed or with <c>{{placeholders}}</c> (<c>{{identifier}}</c>, <c>{{sent}}</c>, <c>{{expires}}</c> are filled in at send time).</summary>
    public string? CapXml { get; set; }

    public List<string>? Channels { get; set; }

    /// <summary>The default audience (a send may give another).</summary>
    public AudienceBody? Audience { get; set; }
}

/// <summary>The body of <c>POST /api/templates/{id}/send</c> (optional): placeholder values and overrides.</summary>
public sealed class TemplateSendBody
{
    public Dictionary<string, string>? Values { get; set; }

    public List<string>? Channels { get; set; }

    public AudienceBody? Audience { get; set; }

    public string? Name { get; set; }

    public int? Priority { get; set; }

    public bool Simulation { get; set; }
}

/// <summary><c>/api/templates</c>: prepared alerts with default channels and audience; one call sends one.</summary>
internal static class TemplateEndpoints
{
    public const int MaxTemplateXmlChars = 200_000;

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/templates").RequireAuthorization(GatewayPolicies.Operator).WithTags("Templates");

        group.MapGet(string.Empty, async (HttpContext context, TemplateStore store) =>
                Results.Json(
                    (await store.ListAsync(context.GetCaller().Authority!.Id, context.RequestAborted).ConfigureAwait(false)).Select(ToJson),
                    CampaignRequestModel.Json))
            .WithName("ListTemplates")
            .WithSummary("Your authority's templates.")
            .Produces(StatusCodes.Status200OK);

        group.MapGet("/{id}", async (string id, HttpContext context, TemplateStore store) =>
                await FindAsync(id, context, store).ConfigureAwait(false) is { } template
                    ? Results.Json(ToJson(template), CampaignRequestModel.Json)
                    : Unknown(id))
            .WithName("GetTemplate")
            .WithSummary("One template.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost(string.Empty, CreateAsync)
            .WithName("CreateTemplate")
            .WithSummary("Stores a template: a CAP alert (fixed or with {{placeholders}}), default channels and audience.")
            .Accepts<TemplateBody>("application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/{id}", UpdateAsync)
            .WithName("UpdateTemplate")
            .WithSummary("Replaces a template.")
            .Accepts<TemplateBody>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{id}", async (string id, HttpContext context, TemplateStore store, AuditLog audit) =>
            {
                var authority = context.GetCaller().Authority!.Id;
                if (id.Length > CampaignCommandBuilder.MaxIdLength || !await store.DeleteAsync(authority, id, context.RequestAborted).ConfigureAwait(false))
                {
                    return Unknown(id);
                }

                await audit.RecordAsync(context, "template.delete", id, null, CancellationToken.None).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithName("DeleteTemplate")
            .WithSummary("Deletes a template.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/send", SendAsync)
            .WithName("SendTemplate")
            .WithSummary("Sends a template in one call: fresh identifier and sent time, its channels and audience unless the body gives others.")
            .Accepts<TemplateSendBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TemplateStore store, CampaignCommandBuilder builder, AuditLog audit, TimeProvider time)
    {
        var (body, error) = await CampaignHttp.ReadJsonAsync<TemplateBody>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var invalid = Check(body!, builder);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var template = new CampaignTemplate(
            TemplateStore.NewId(),
            context.GetCaller().Authority!.Id,
            body!.Name!,
            body.CapXml!,
            CampaignRequestModel.ChannelNamesOf(CampaignRequestModel.ParseChannels(body.Channels, [])),
            JsonSerializer.Serialize(body.Audience, CampaignRequestModel.Json),
            now,
            now);
        await store.InsertAsync(template, CancellationToken.None).ConfigureAwait(false);
        await audit.RecordAsync(context, "template.create", template.Id, template.Name, CancellationToken.None).ConfigureAwait(false);
        return new Located(Results.Json(ToJson(template), CampaignRequestModel.Json, statusCode: StatusCodes.Status201Created), $"/api/templates/{template.Id}");
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, TemplateStore store, CampaignCommandBuilder builder, AuditLog audit, TimeProvider time)
    {
        var existing = await FindAsync(id, context, store).ConfigureAwait(false);
        if (existing is null)
        {
            return Unknown(id);
        }

        var (body, error) = await CampaignHttp.ReadJsonAsync<TemplateBody>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var invalid = Check(body!, builder);
        if (invalid is not null)
        {
            return invalid;
        }

        var template = existing with
        {
            Name = body!.Name!,
            CapXml = body.CapXml!,
            Channels = CampaignRequestModel.ChannelNamesOf(CampaignRequestModel.ParseChannels(body.Channels, [])),
            AudienceJson = JsonSerializer.Serialize(body.Audience, CampaignRequestModel.Json),
            UpdatedAt = time.GetUtcNow(),
        };
        if (!await store.UpdateAsync(template, CancellationToken.None).ConfigureAwait(false))
        {
            return Unknown(id);
        }

        await audit.RecordAsync(context, "template.update", template.Id, template.Name, CancellationToken.None).ConfigureAwait(false);
        return Results.Json(ToJson(template), CampaignRequestModel.Json);
    }

    private static async Task<IResult> SendAsync(string id, HttpContext context, TemplateStore store, CampaignCommandBuilder builder, CampaignService campaigns)
    {
        if (await FindAsync(id, context, store).ConfigureAwait(false) is null)
        {
            return Unknown(id);
        }

        var (body, error) = await CampaignHttp.ReadJsonAsync<TemplateSendBody>(context, optional: true).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        body ??= new TemplateSendBody();
        var campaign = new CampaignBody
        {
            TemplateId = id,
            Values = body.Values,
            Channels = body.Channels,
            Audience = body.Audience,
            Name = body.Name,
            Priority = body.Priority,
            Simulation = body.Simulation,
        };
        return await CampaignEndpoints.StartAsync(campaign, context, builder, campaigns).ConfigureAwait(false);
    }

    private static IResult? Check(TemplateBody body, CampaignCommandBuilder builder)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            errors["name"] = ["A template needs a name."];
        }
        else
        {
            CampaignRequestModel.CheckName(body.Name, "name", errors);
        }

        if (string.IsNullOrWhiteSpace(body.CapXml))
        {
            errors["capXml"] = ["A template needs a CAP alert (capXml)."];
        }
        else if (body.CapXml.Length > MaxTemplateXmlChars)
        {
            errors["capXml"] = [$"A template's CAP alert has at most {MaxTemplateXmlChars:N0} characters."];
        }
        else
        {
            // Placeholders are filled with samples: the rest must be a valid BE-Alert CAP alert.
            builder.Instantiate(body.CapXml, null, errors, sample: true);
        }

        CampaignRequestModel.ParseChannels(body.Channels, errors);
        if (body.Audience is not null && !body.Audience.IsEmpty)
        {
            CampaignRequestModel.ParseAudience(body.Audience, errors);
        }

        return errors.Count > 0 ? CampaignHttp.Invalid(errors) : null;
    }

    private static async Task<CampaignTemplate?> FindAsync(string id, HttpContext context, TemplateStore store) =>
        id.Length > CampaignCommandBuilder.MaxIdLength
            ? null
            : await store.FindAsync(context.GetCaller().Authority!.Id, id, context.RequestAborted).ConfigureAwait(false);

    private static IResult Unknown(string id) =>
        CampaignHttp.NotFound($"Your authority has no template '{(id.Length > 64 ? id[..64] + "…" : id)}'.");

    private static object ToJson(CampaignTemplate t) => new
    {
        id = t.Id,
        name = t.Name,
        capXml = t.CapXml,
        channels = t.Channels,
        audience = JsonDocument.Parse(t.AudienceJson).RootElement,
        createdAt = t.CreatedAt,
        updatedAt = t.UpdatedAt,
    };

    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
