using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Hosting;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Public registration (anonymous, confirmed with a one-time code) and self-service with the citizen's own token
/// (<c>Authorization: Bearer cit_…</c>): view, export (GDPR art. 15/20), change (art. 16), erase (art. 17).
/// </summary>
internal static class CitizenEndpoints
{
    private const string CitizenItem = "bealert.citizen";

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/citizens").WithTags("Citizens").AllowAnonymous();
        api.MapPost("/", RegisterAsync)
            .WithName("RegisterCitizen")
            .WithSummary("Registers a citizen (phones, e-mails, up to five addresses, languages, channels, consent); a one-time code goes to the first phone (SMS) or e-mail.")
            .Accepts<CitizenProfileInput>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/confirm", ConfirmAsync)
            .WithName("ConfirmCitizen")
            .WithSummary("Confirms a registration with its one-time code; answers the citizen's access token (shown once).")
            .Accepts<ConfirmInput>("application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/resend", ResendAsync)
            .WithName("ResendCitizenCode")
            .WithSummary("Sends a new one-time code for a pending registration (at most three per destination per 15 minutes).")
            .Accepts<ConfirmInput>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        CitizenSignIn.Map(api);

        var me = api.MapGroup("/me").AddEndpointFilter(AuthenticateAsync).ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/", GetAsync).WithName("GetCitizen").WithSummary("The citizen's registration.").Produces(StatusCodes.Status200OK);
        me.MapGet("/export", ExportAsync).WithName("ExportCitizen")
            .WithSummary("Everything stored about the citizen, as a JSON file: contacts, addresses, languages, channels, consent history, group memberships (GDPR art. 15 and 20).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        me.MapPut("/", ChangeAsync).WithName("ChangeCitizen")
            .WithSummary("Replaces the citizen's data; a phone number or e-mail address not verified before gets a code and is used only once confirmed (GDPR art. 16).")
            .Accepts<CitizenProfileInput>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        me.MapDelete("/", EraseAsync).WithName("EraseCitizen")
            .WithSummary("Erases the registration: rows, directory entry, group memberships, the phone numbers and addresses in every campaign's delivery plan (past and running; counts stay) and the codes in the verification messages; deliveries not yet sent do not go out (GDPR art. 17).")
            .Produces(StatusCodes.Status204NoContent);
        me.MapPost("/contacts/{contactId:long}/code", SendContactCodeAsync).WithName("SendCitizenContactCode")
            .WithSummary("Sends a one-time code to one of the citizen's unverified phone numbers or e-mail addresses.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        me.MapPost("/contacts/{contactId:long}/confirm", ConfirmContactAsync).WithName("ConfirmCitizenContact")
            .WithSummary("Confirms a phone number or e-mail address with its one-time code.")
            .Accepts<CodeInput>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, CitizenStore store, CitizenErasure erasure, VerificationSender sender, AuditLog audit)
    {
        var (input, problem) = await RequestBodies.ReadJsonAsync<CitizenProfileInput>(context, RequestBody.MaxJsonBytes(context)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (profile, errors) = CitizenProfile.Validate(input!, consentRequired: true);
        if (profile is null)
        {
            return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The registration is not valid");
        }

        var cancel = context.RequestAborted;
        await erasure.PurgeStalePendingAsync(cancel).ConfigureAwait(false);
        var record = await store.CreatePendingAsync(profile, cancel).ConfigureAwait(false);
        var contact = record.Contacts.FirstOrDefault(c => c.Kind == CitizenContact.Phone) ?? record.Contacts.First(c => c.Kind == CitizenContact.Email);
        if (!await sender.SendAsync(record, contact, cancel).ConfigureAwait(false))
        {
            await store.DeleteAsync(record.Id, cancel).ConfigureAwait(false);
            return TooManyCodes(context);
        }

        await audit.RecordAsync(context, "citizen.register", $"citizen:{record.Id}", $"code sent by {(contact.Kind == CitizenContact.Phone ? "sms" : "email")}", cancel).ConfigureAwait(false);
        return Results.Accepted(value: new { registrationId = record.RegistrationId, codeSentBy = contact.Kind == CitizenContact.Phone ? "sms" : "email", expiresInSeconds = (int)CitizenSecrets.CodeLifetime.TotalSeconds });
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, CitizenStore store, CitizenPopulation population, VerificationSender sender, AuditLog audit)
    {
        var (input, problem) = await RequestBodies.ReadJsonAsync<ConfirmInput>(context, RequestBody.MaxJsonBytes(context)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(input!.RegistrationId) || input.RegistrationId.Length > 64 || string.IsNullOrWhiteSpace(input.Code))
        {
            return Results.Problem(statusCode: 422, title: "Incomplete", detail: "Give the registrationId and the six-digit code.");
        }

        var cancel = context.RequestAborted;
        var id = await store.FindIdByRegistrationAsync(input.RegistrationId, cancel).ConfigureAwait(false);
        var record = id is null ? null : await store.FindAsync(id.Value, cancel).ConfigureAwait(false);
        if (record is null)
        {
            return Results.Problem(statusCode: 404, title: "Unknown registration", detail: "No pending registration has this id (it may have been confirmed, erased or expired).");
        }

        if (record.IsActive)
        {
            return Results.Problem(statusCode: 409, title: "Already confirmed", detail: "This registration is already confirmed; use the access token given then.");
        }

        var (stored, codeProblem) = await CheckCodeAsync(store, record, null, input.Code, cancel).ConfigureAwait(false);
        if (codeProblem is not null)
        {
            return codeProblem;
        }

        var token = CitizenSecrets.NewToken();
        await store.ActivateAsync(record.Id, stored!.ContactId, CitizenSecrets.Hash(token), cancel).ConfigureAwait(false);
        record = (await store.FindAsync(record.Id, cancel).ConfigureAwait(false))!;
        population.Put(record);
        await SendPendingCodesAsync(sender, record, cancel).ConfigureAwait(false);
        await audit.RecordAsync(context, "citizen.confirm", $"citizen:{record.Id}", null, cancel).ConfigureAwait(false);
        return Results.Created("/api/citizens/me", new { token, subscriberId = record.SubscriberId, citizen = View(record) });
    }

    private static async Task<IResult> ResendAsync(HttpContext context, CitizenStore store, VerificationSender sender, AuditLog audit)
    {
        var (input, problem) = await RequestBodies.ReadJsonAsync<ConfirmInput>(context, RequestBody.MaxJsonBytes(context)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var cancel = context.RequestAborted;
        var id = string.IsNullOrWhiteSpace(input!.RegistrationId) || input.RegistrationId.Length > 64 ? null : await store.FindIdByRegistrationAsync(input.RegistrationId, cancel).ConfigureAwait(false);
        var record = id is null ? null : await store.FindAsync(id.Value, cancel).ConfigureAwait(false);
        if (record is null || record.IsActive)
        {
            return Results.Problem(statusCode: 404, title: "Unknown registration", detail: "No pending registration has this id.");
        }

        var contact = record.Contacts.FirstOrDefault(c => c.Kind == CitizenContact.Phone) ?? record.Contacts.First(c => c.Kind == CitizenContact.Email);
        if (!await sender.SendAsync(record, contact, cancel).ConfigureAwait(false))
        {
            return TooManyCodes(context);
        }

        await audit.RecordAsync(context, "citizen.code.resend", $"citizen:{record.Id}", null, cancel).ConfigureAwait(false);
        return Results.Accepted(value: new { registrationId = record.RegistrationId, expiresInSeconds = (int)CitizenSecrets.CodeLifetime.TotalSeconds });
    }

    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        string detail;
        if (token is null)
        {
            detail = "A citizen access token is required: 'Authorization: Bearer cit_…' (given when the registration was confirmed).";
        }
        else if (!CitizenSecrets.IsWellFormedToken(token))
        {
            detail = "The citizen access token is malformed: expected 'cit_' followed by 43 base64url characters.";
        }
        else
        {
            var store = context.RequestServices.GetRequiredService<CitizenStore>();
            var id = await store.FindIdByTokenAsync(token, context.RequestAborted).ConfigureAwait(false);
            if (id is { } found && await store.FindAsync(found, context.RequestAborted).ConfigureAwait(false) is { } record)
            {
                context.Items[CitizenItem] = record;
                return await next(invocation).ConfigureAwait(false);
            }

            detail = "The citizen access token is unknown (the registration may have been erased).";
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"BeAlert citizens\"";
        return Results.Problem(statusCode: 401, title: "Unauthorized", detail: detail);
    }

    private static CitizenRecord Me(HttpContext context) => (CitizenRecord)context.Items[CitizenItem]!;

    private static IResult GetAsync(HttpContext context) => Results.Ok(View(Me(context)));

    private static async Task<IResult> ExportAsync(HttpContext context, CitizenStore store, AuditLog audit)
    {
        var record = Me(context);
        var groups = await store.GroupsOfAsync(record.SubscriberId, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, "citizen.export", $"citizen:{record.Id}", null, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.ContentDisposition = "attachment; filename=\"bealert-my-data.json\"";
        return Results.Ok(new
        {
            exportedAt = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            controller = "BE-Alert (Nationaal Crisiscentrum / Centre de Crise National)",
            registration = View(record),
            registrationId = record.RegistrationId,
            createdAt = record.CreatedAt,
            confirmedAt = record.ConfirmedAt,
            updatedAt = record.UpdatedAt,
            consents = record.Consents.Select(c => new { version = c.Version, accepted = c.Accepted, at = c.At }),
            groups = groups.Select(g => new { groupId = g.GroupId, name = g.Name, authority = g.AuthorityId }),
        });
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, CitizenStore store, CitizenPopulation population, VerificationSender sender, AuditLog audit)
    {
        var (input, problem) = await RequestBodies.ReadJsonAsync<CitizenProfileInput>(context, RequestBody.MaxJsonBytes(context)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (profile, errors) = CitizenProfile.Validate(input!, consentRequired: false);
        if (profile is null)
        {
            return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The change is not valid");
        }

        var cancel = context.RequestAborted;
        var before = Me(context);
        await store.ReplaceProfileAsync(before, profile, cancel).ConfigureAwait(false);
        var after = (await store.FindAsync(before.Id, cancel).ConfigureAwait(false))!;
        population.Put(after);
        await SendPendingCodesAsync(sender, after, cancel).ConfigureAwait(false);
        await audit.RecordAsync(context, "citizen.change", $"citizen:{after.Id}", profile.Consent is { } c ? $"consent {(c.Accepted ? "accepted" : "withdrawn")} ({c.Version})" : null, cancel).ConfigureAwait(false);
        return Results.Ok(View(after));
    }

    private static async Task<IResult> EraseAsync(HttpContext context, CitizenErasure erasure, AuditLog audit)
    {
        var record = Me(context);
        var cancel = context.RequestAborted;
        var (erased, redacted) = await erasure.EraseAsync(record, cancel).ConfigureAwait(false);
        await audit.RecordAsync(
            context,
            "citizen.erase",
            $"citizen:{record.Id}",
            $"{erased.Erased} planned deliveries in {erased.Campaigns.Count} campaigns erased, {erased.Cancelled.Count} of them stopped, {redacted} code messages redacted",
            cancel).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> SendContactCodeAsync(long contactId, HttpContext context, VerificationSender sender, AuditLog audit)
    {
        var record = Me(context);
        var contact = record.Contacts.FirstOrDefault(c => c.Id == contactId);
        if (contact is null)
        {
            return Results.Problem(statusCode: 404, title: "Unknown contact", detail: $"You have no phone number or e-mail address with id {contactId}.");
        }

        if (contact.Verified)
        {
            return Results.Problem(statusCode: 409, title: "Already verified", detail: "This contact is already verified.");
        }

        if (!await sender.SendAsync(record, contact, context.RequestAborted).ConfigureAwait(false))
        {
            return TooManyCodes(context);
        }

        await audit.RecordAsync(context, "citizen.code.send", $"citizen:{record.Id}", $"contact {contactId}", context.RequestAborted).ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult> ConfirmContactAsync(long contactId, HttpContext context, CitizenStore store, CitizenPopulation population, AuditLog audit)
    {
        var (input, problem) = await RequestBodies.ReadJsonAsync<CodeInput>(context, RequestBody.MaxJsonBytes(context)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var record = Me(context);
        var contact = record.Contacts.FirstOrDefault(c => c.Id == contactId);
        if (contact is null)
        {
            return Results.Problem(statusCode: 404, title: "Unknown contact", detail: $"You have no phone number or e-mail address with id {contactId}.");
        }

        var cancel = context.RequestAborted;
        var (_, codeProblem) = await CheckCodeAsync(store, record, contactId, input!.Code, cancel).ConfigureAwait(false);
        if (codeProblem is not null)
        {
            return codeProblem;
        }

        await store.VerifyContactAsync(record.Id, contactId, cancel).ConfigureAwait(false);
        var after = (await store.FindAsync(record.Id, cancel).ConfigureAwait(false))!;
        population.Put(after);
        await audit.RecordAsync(context, "citizen.contact.verify", $"citizen:{record.Id}", $"contact {contactId}", cancel).ConfigureAwait(false);
        return Results.Ok(View(after));
    }

    /// <summary>Checks a presented code against the newest one: locked after five wrong attempts, gone once expired or used.</summary>
    internal static async Task<(StoredCode? Code, IResult? Problem)> CheckCodeAsync(CitizenStore store, CitizenRecord record, long? contactId, string? presented, CancellationToken cancel)
    {
        var code = await store.LatestCodeAsync(record.Id, contactId, cancel).ConfigureAwait(false);
        if (code is null)
        {
            return (null, Results.Problem(statusCode: 404, title: "No code", detail: "No code was sent for this; ask for one."));
        }

        if (code.Attempts >= CitizenSecrets.MaxCodeAttempts)
        {
            return (null, Results.Problem(statusCode: 429, title: "Code locked", detail: $"The code was entered wrongly {CitizenSecrets.MaxCodeAttempts} times and no longer works; ask for a new one."));
        }

        if (code.Used)
        {
            return (null, Results.Problem(statusCode: 410, title: "Code used", detail: "This code was already used or replaced by a newer one; ask for a new one."));
        }

        if (code.ExpiresAt <= store.UtcNow)
        {
            return (null, Results.Problem(statusCode: 410, title: "Code expired", detail: $"Codes are valid for {CitizenSecrets.CodeLifetime.TotalMinutes:0} minutes; ask for a new one."));
        }

        if (presented is null || !CitizenSecrets.CodeMatches(record.RegistrationId, presented.Trim(), code.CodeHash))
        {
            var attempts = await store.CountAttemptAsync(code.Id, cancel).ConfigureAwait(false);
            var left = CitizenSecrets.MaxCodeAttempts - attempts;
            return (null, left <= 0
                ? Results.Problem(statusCode: 429, title: "Code locked", detail: $"The code was entered wrongly {CitizenSecrets.MaxCodeAttempts} times and no longer works; ask for a new one.")
                : Results.Problem(statusCode: 422, title: "Wrong code", detail: $"The code is not right; {left} attempt(s) left.", extensions: new Dictionary<string, object?> { ["attemptsLeft"] = left }));
        }

        if (!await store.UseCodeAsync(code.Id, cancel).ConfigureAwait(false))
        {
            return (null, Results.Problem(statusCode: 410, title: "Code used", detail: "This code was already used."));
        }

        return (code, null);
    }

    private static async Task SendPendingCodesAsync(VerificationSender sender, CitizenRecord record, CancellationToken cancel)
    {
        foreach (var contact in record.Contacts.Where(c => !c.Verified))
        {
            if (await sender.HasLiveCodeAsync(record, contact, cancel).ConfigureAwait(false))
            {
                continue;
            }

            await sender.SendAsync(record, contact, cancel).ConfigureAwait(false);
        }
    }

    internal static IResult TooManyCodes(HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)VerificationSender.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: 429, title: "Too many codes", detail: $"At most {VerificationSender.MaxCodesPerWindow} codes per phone number or e-mail address every {VerificationSender.Window.TotalMinutes:0} minutes.");
    }

    internal static object View(CitizenRecord r) => new
    {
        subscriberId = r.SubscriberId,
        status = r.Status,
        languages = r.Languages,
        channels = r.Channels.ToString(),
        phones = r.Contacts.Where(c => c.Kind == CitizenContact.Phone).Select(c => new { id = c.Id, number = c.Value, verified = c.Verified }),
        emails = r.Contacts.Where(c => c.Kind == CitizenContact.Email).Select(c => new { id = c.Id, address = c.Value, verified = c.Verified }),
        addresses = r.Addresses.Select(a => new { nis = a.Nis, street = a.Street, houseNumber = a.HouseNumber, postalCode = a.PostalCode, lat = a.Lat, lon = a.Lon, locatedBy = a.LocatedBy }),
        consent = r.Consents.Count == 0 ? null : new { version = r.Consents[^1].Version, accepted = r.Consents[^1].Accepted, at = r.Consents[^1].At },
        consents = r.Consents.Select(c => new { version = c.Version, accepted = c.Accepted, at = c.At }),
        createdAt = r.CreatedAt,
        confirmedAt = r.ConfirmedAt,
        updatedAt = r.UpdatedAt,
    };
}
