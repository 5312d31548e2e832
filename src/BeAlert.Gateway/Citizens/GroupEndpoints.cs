using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Operators' groups (members or a map area) and contact lists, own authority only: another authority's group or list
/// is 404, as if it did not exist. CSV imports go through the dispatch engine's <see cref="ContactListImporter"/>:
/// all rows or none, with a per-row report.
/// </summary>
internal static class GroupEndpoints
{
    private const int MaxMembers = 100_000;

    public static void Map(WebApplication app)
    {
        var groups = app.MapGroup("/api/groups").WithTags("Groups").RequireAuthorization(GatewayPolicies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        groups.MapGet("/", ListAsync).WithName("ListGroups").WithSummary("The authority's groups.").Produces(StatusCodes.Status200OK);
        groups.MapPost("/", CreateAsync).WithName("CreateGroup")
            .WithSummary("Creates a group: members (subscriber ids and/or contacts) or a map area (CAP polygon and/or circle: whoever lives inside at send time).")
            .Accepts<GroupInput>("application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        groups.MapGet("/{id:long}", GetAsync).WithName("GetGroup").WithSummary("One group with its members.").Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPut("/{id:long}", ReplaceAsync).WithName("ReplaceGroup").WithSummary("Replaces a group's name, members or area.")
            .Accepts<GroupInput>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        groups.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteGroup").WithSummary("Deletes a group and its contacts.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("/{id:long}/import", ImportAsync).WithName("ImportGroupContacts")
            .WithSummary("Adds the contacts of a CSV file (name, phone, email, language columns) to a member group: every row or none, with a per-row report.")
            .Accepts<string>("text/csv")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var lists = app.MapGroup("/api/lists").WithTags("Groups").RequireAuthorization(GatewayPolicies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        lists.MapGet("/", ListListsAsync).WithName("ListContactLists").WithSummary("The authority's contact lists.").Produces(StatusCodes.Status200OK);
        lists.MapPost("/", CreateListAsync).WithName("CreateContactList")
            .WithSummary("Imports a contact list from CSV (?name=…): every row or none, with a per-row report.")
            .Accepts<string>("text/csv")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        lists.MapGet("/{id:long}", GetListAsync).WithName("GetContactList").WithSummary("One contact list (summary).").Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        lists.MapDelete("/{id:long}", DeleteListAsync).WithName("DeleteContactList").WithSummary("Deletes a contact list.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string Authority(HttpContext context) => context.GetCaller().Authority!.Id;

    private static LimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.Limits;

    private static IResult NotFound(long id) => Results.Problem(statusCode: 404, title: "Unknown group", detail: $"Your authority has no group {id}.");

    private static async Task<IResult> ListAsync(HttpContext context, GroupStore store) =>
        Results.Ok(await store.ListAsync(Authority(context), context.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> GetAsync(long id, HttpContext context, GroupStore store) =>
        await store.FindAsync(Authority(context), id, context.RequestAborted).ConfigureAwait(false) is { } group ? Results.Ok(View(group)) : NotFound(id);

    private static async Task<IResult> CreateAsync(HttpContext context, GroupStore store, CitizenPopulation population, AuditLog audit)
    {
        var (definition, problem) = await ReadDefinitionAsync(context, population).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var cancel = context.RequestAborted;
        var authority = Authority(context);
        var id = await store.CreateAsync(authority, definition!, cancel).ConfigureAwait(false);
        var group = (await store.FindAsync(authority, id, cancel).ConfigureAwait(false))!;
        population.SyncGroupContacts(null, group.Contacts);
        await audit.RecordAsync(context, "group.create", $"group:{id}", $"{group.SubscriberIds.Count + group.Contacts.Count} members{(group.IsArea ? ", area" : string.Empty)}", cancel).ConfigureAwait(false);
        return Results.Created($"/api/groups/{id}", View(group));
    }

    private static async Task<IResult> ReplaceAsync(long id, HttpContext context, GroupStore store, CitizenPopulation population, AuditLog audit)
    {
        var cancel = context.RequestAborted;
        var authority = Authority(context);
        var before = await store.FindAsync(authority, id, cancel).ConfigureAwait(false);
        if (before is null)
        {
            return NotFound(id);
        }

        var (definition, problem) = await ReadDefinitionAsync(context, population).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!await store.ReplaceAsync(authority, id, definition!, cancel).ConfigureAwait(false))
        {
            return NotFound(id);
        }

        var after = (await store.FindAsync(authority, id, cancel).ConfigureAwait(false))!;
        population.SyncGroupContacts(before.Contacts, after.Contacts);
        await audit.RecordAsync(context, "group.replace", $"group:{id}", $"{after.SubscriberIds.Count + after.Contacts.Count} members{(after.IsArea ? ", area" : string.Empty)}", cancel).ConfigureAwait(false);
        return Results.Ok(View(after));
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, GroupStore store, CitizenPopulation population, AuditLog audit)
    {
        var cancel = context.RequestAborted;
        var authority = Authority(context);
        var before = await store.FindAsync(authority, id, cancel).ConfigureAwait(false);
        if (before is null || !await store.DeleteAsync(authority, id, cancel).ConfigureAwait(false))
        {
            return NotFound(id);
        }

        population.SyncGroupContacts(before.Contacts, null);
        await audit.RecordAsync(context, "group.delete", $"group:{id}", null, cancel).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> ImportAsync(long id, HttpContext context, GroupStore store, CitizenPopulation population, AuditLog audit)
    {
        var cancel = context.RequestAborted;
        var authority = Authority(context);
        var before = await store.FindAsync(authority, id, cancel).ConfigureAwait(false);
        if (before is null)
        {
            return NotFound(id);
        }

        if (before.IsArea)
        {
            return Results.Problem(statusCode: 422, title: "Area group", detail: "An area group's members are whoever lives inside it; it has no member list to import into.");
        }

        var (result, problem) = await ImportCsvAsync(context, id, before.Name, authority).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (before.SubscriberIds.Count + before.Contacts.Count + result!.List!.Contacts.Count > MaxMembers)
        {
            return Results.Problem(statusCode: 422, title: "Group too large", detail: $"A group has at most {MaxMembers} members.");
        }

        var contacts = result.List.Contacts.Select(c => new GroupContact(0, c.Name, c.Phone.IsEmpty ? null : c.Phone.ToString(), c.Email, NormalizeLanguage(c.Language))).ToList();
        await store.AddContactsAsync(id, contacts, cancel).ConfigureAwait(false);
        var after = (await store.FindAsync(authority, id, cancel).ConfigureAwait(false))!;
        population.SyncGroupContacts(before.Contacts, after.Contacts);
        await audit.RecordAsync(context, "group.import", $"group:{id}", $"{contacts.Count} contacts", cancel).ConfigureAwait(false);
        return Results.Ok(Report(result));
    }

    private static async Task<IResult> ListListsAsync(HttpContext context, GroupStore store) =>
        Results.Ok(await store.ListListsAsync(Authority(context), context.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> GetListAsync(long id, HttpContext context, GroupStore store) =>
        await store.FindListAsync(Authority(context), id, context.RequestAborted).ConfigureAwait(false) is { } list
            ? Results.Ok(new { id = list.Id, name = list.Name, contactCount = list.Contacts.Count })
            : Results.Problem(statusCode: 404, title: "Unknown list", detail: $"Your authority has no contact list {id}.");

    private static async Task<IResult> CreateListAsync(HttpContext context, GroupStore store, AuditLog audit)
    {
        var name = context.Request.Query["name"].ToString();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return Results.Problem(statusCode: 422, title: "Name required", detail: "Name the list with ?name=… (1 to 200 characters).");
        }

        var authority = Authority(context);
        var (result, problem) = await ImportCsvAsync(context, 1, name, authority).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var id = await store.CreateListAsync(authority, name.Trim(), result!.List!.Contacts, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, "list.create", $"list:{id}", $"{result.List.Contacts.Count} contacts", context.RequestAborted).ConfigureAwait(false);
        return Results.Created($"/api/lists/{id}", new { id, name = name.Trim(), report = Report(result) });
    }

    private static async Task<IResult> DeleteListAsync(long id, HttpContext context, GroupStore store, AuditLog audit)
    {
        if (!await store.DeleteListAsync(Authority(context), id, context.RequestAborted).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: 404, title: "Unknown list", detail: $"Your authority has no contact list {id}.");
        }

        await audit.RecordAsync(context, "list.delete", $"list:{id}", null, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<(ContactListImportResult? Result, IResult? Problem)> ImportCsvAsync(HttpContext context, long listId, string name, string authority)
    {
        var max = Limits(context).MaxCsvBytes;
        var (bytes, problem) = await RequestBodies.ReadCsvAsync(context, max).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        var importer = new ContactListImporter(new ContactListImportOptions { MaxBytes = max, MaxRows = MaxMembers });
        var result = importer.Import(bytes, listId, name, authority);
        if (!result.Succeeded)
        {
            var report = Report(result);
            return (null, Results.Problem(
                statusCode: 422,
                title: "The file was not imported",
                detail: $"{result.Errors.Count} problem(s); nothing was imported. Fix the rows listed and send the whole file again.",
                extensions: new Dictionary<string, object?> { ["report"] = report }));
        }

        return (result, null);
    }

    private static object Report(ContactListImportResult result) => new
    {
        rowCount = result.RowCount,
        imported = result.List?.Contacts.Count ?? 0,
        errors = result.Errors.Select(e => new { line = e.Line, row = e.Row, column = e.Column, code = e.Code.ToString(), message = e.Message }),
    };

    /// <summary>nl, fr, de or en (a region such as fr-BE is dropped); null for anything else.</summary>
    private static string? NormalizeLanguage(string? language)
    {
        var tag = language?.Trim().ToLowerInvariant();
        if (tag is { Length: > 2 } && tag[2] is '-' or '_')
        {
            tag = tag[..2];
        }

        return tag is not null && CitizenProfile.SupportedLanguages.Contains(tag) ? tag : null;
    }

    private static async Task<(GroupDefinition? Definition, IResult? Problem)> ReadDefinitionAsync(HttpContext context, CitizenPopulation population)
    {
        var (input, problem) = await RequestBodies.ReadJsonAsync<GroupInput>(context, Limits(context).MaxJsonBytes).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = input!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["A group has a name of 1 to 200 characters."];
        }

        var ids = input.SubscriberIds ?? [];
        var contacts = new List<GroupContact>();
        string? polygon = null, circle = null;
        if (input.Area is { } area)
        {
            polygon = string.IsNullOrWhiteSpace(area.Polygon) ? null : area.Polygon.Trim();
            circle = string.IsNullOrWhiteSpace(area.Circle) ? null : area.Circle.Trim();
            if (polygon is null && circle is null)
            {
                errors["area"] = ["An area has a polygon (\"lat,lon lat,lon …\", closed) and/or a circle (\"lat,lon radiusKm\")."];
            }
            else if ((polygon?.Length ?? 0) + (circle?.Length ?? 0) > 100_000)
            {
                errors["area"] = ["The area is too detailed (at most 100,000 characters)."];
            }
            else if (GroupAreas.ToGeometry(polygon, circle, out var error) is null)
            {
                errors["area"] = [error ?? "The area is not valid."];
            }

            if (ids.Count > 0 || (input.Contacts?.Count ?? 0) > 0)
            {
                errors["subscriberIds"] = ["An area group's members are whoever lives inside the area: give an area or members, not both."];
            }
        }
        else
        {
            if (ids.Count + (input.Contacts?.Count ?? 0) > MaxMembers)
            {
                errors["subscriberIds"] = [$"A group has at most {MaxMembers} members."];
            }
            else
            {
                var unknown = ids.Where(id => !population.Contains(id)).Take(10).ToList();
                if (unknown.Count > 0)
                {
                    errors["subscriberIds"] = [$"Not registered: {string.Join(", ", unknown)}."];
                }

                var rawContacts = input.Contacts ?? [];
                for (var i = 0; i < rawContacts.Count; i++)
                {
                    var c = rawContacts[i];
                    string? phone = null, email = null;
                    var messages = new List<string>();
                    if (c is null)
                    {
                        errors[$"contacts[{i}]"] = ["A contact is an object."];
                        continue;
                    }

                    if (!string.IsNullOrWhiteSpace(c.Phone))
                    {
                        if (PhoneNumber.TryParse(c.Phone, out var number, out var error))
                        {
                            phone = number.ToString();
                        }
                        else
                        {
                            messages.Add(error);
                        }
                    }

                    if (!string.IsNullOrWhiteSpace(c.Email))
                    {
                        if (EmailAddress.TryNormalize(c.Email, out var normalized, out var error))
                        {
                            email = normalized;
                        }
                        else
                        {
                            messages.Add(error ?? "Not an e-mail address.");
                        }
                    }

                    if (string.IsNullOrWhiteSpace(c.Phone) && string.IsNullOrWhiteSpace(c.Email))
                    {
                        messages.Add("A contact needs a phone number or an e-mail address.");
                    }

                    if ((c.Name?.Length ?? 0) > 200)
                    {
                        messages.Add("The name has at most 200 characters.");
                    }

                    var language = c.Language is null ? null : NormalizeLanguage(c.Language);
                    if (c.Language is not null && language is null)
                    {
                        messages.Add("Languages are nl, fr, de or en.");
                    }

                    if (messages.Count > 0)
                    {
                        errors[$"contacts[{i}]"] = [.. messages];
                    }
                    else
                    {
                        contacts.Add(new GroupContact(0, c.Name?.Trim(), phone, email, language));
                    }
                }
            }
        }

        return errors.Count > 0
            ? (null, Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The group is not valid"))
            : (new GroupDefinition(name!, ids, contacts, polygon, circle), null);
    }

    private static object View(GroupRecord g) => new
    {
        id = g.Id,
        name = g.Name,
        kind = g.IsArea ? "area" : "members",
        area = g.IsArea ? new { polygon = g.Polygon, circle = g.Circle } : null,
        subscriberIds = g.SubscriberIds,
        contacts = g.Contacts.Select(c => new { id = c.Id, subscriberId = c.SubscriberId, name = c.Name, phone = c.Phone, email = c.Email, language = c.Language }),
        createdAt = g.CreatedAt,
        updatedAt = g.UpdatedAt,
    };
}
