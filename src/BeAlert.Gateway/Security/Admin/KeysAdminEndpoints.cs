using System.Globalization;
using System.Text.RegularExpressions;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;

namespace BeAlert.Gateway.Security.Admin;

/// <summary>
/// The admin API (policy <see cref="GatewayPolicies.Admin"/>): authorities, access keys, the audit log; and
/// <c>GET /api/audit</c>, an operator's view of its own authority's audit log. Every change is audited.
/// </summary>
internal static partial class KeysAdminEndpoints
{
    public const int MaxNameLength = 200;
    public const int DefaultAuditLimit = 100;
    public const int MaxAuditLimit = 1_000;

    public static void Map(WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(GatewayPolicies.Admin).WithTags("Admin");

        admin.MapGet("/authorities", ListAuthoritiesAsync)
            .WithName("ListAuthorities").WithSummary("Every authority (operator account): territory, agreement type, training, simulation.")
            .Produces<AuthorityResponse[]>();
        admin.MapGet("/authorities/{id}", GetAuthorityAsync)
            .WithName("GetAuthority").WithSummary("One authority.")
            .Produces<AuthorityResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/authorities", CreateAuthorityAsync)
            .WithName("CreateAuthority").WithSummary("Creates an authority. Municipalities are NIS codes; a province code expands to its municipalities.")
            .DocumentJsonBody<CreateAuthorityRequest>()
            .Produces<AuthorityResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapPatch("/authorities/{id}", UpdateAuthorityAsync)
            .WithName("UpdateAuthority").WithSummary("Changes an authority's name, training, simulation switch or municipalities (only the fields given).")
            .DocumentJsonBody<UpdateAuthorityRequest>()
            .Produces<AuthorityResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        admin.MapGet("/keys", ListKeysAsync)
            .WithName("ListKeys").WithSummary("Every access key: id, name, role, authority or vendor areas, created, revoked. Never a key or its hash.")
            .Produces<AccessKeyInfo[]>();
        admin.MapGet("/keys/{id}", GetKeyAsync)
            .WithName("GetKey").WithSummary("One access key (never the key or its hash).")
            .Produces<AccessKeyInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/keys", CreateKeyAsync)
            .WithName("CreateKey").WithSummary("Makes a random access key and returns it once; only its SHA-256 is stored.")
            .DocumentJsonBody<CreateKeyRequest>()
            .Produces<CreatedKeyResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapDelete("/keys/{id}", RevokeKeyAsync)
            .WithName("RevokeKey").WithSummary("Revokes a key: it fails at once on this instance, within 5 s on the others.")
            .Produces<AccessKeyInfo>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapGet("/audit", AdminAuditAsync)
            .WithName("ListAuditLog").WithSummary("The audit log, newest first; optionally one authority's entries (?authority=ID&limit=N, N ≤ 1000).")
            .Produces<AuditEntry[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/audit", OwnAuditAsync)
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithTags("Audit")
            .WithName("ListOwnAuditLog").WithSummary("The audit log of the caller's own authority, newest first (?limit=N, N ≤ 1000).")
            .Produces<AuditEntry[]>().ProducesValidationProblem();
    }

    private static async Task<IResult> ListAuthoritiesAsync(AuthorityStore authorities, CancellationToken cancellationToken) =>
        Results.Ok((await authorities.ListAsync(cancellationToken).ConfigureAwait(false)).Select(AuthorityResponse.From));

    private static async Task<IResult> GetAuthorityAsync(string id, AuthorityStore authorities, CancellationToken cancellationToken) =>
        await FindAuthorityAsync(id, authorities, cancellationToken).ConfigureAwait(false) is { } authority
            ? Results.Ok(AuthorityResponse.From(authority))
            : UnknownAuthority(id);

    private static async Task<IResult> CreateAuthorityAsync(HttpContext context, AuthorityStore authorities, AuditLog audit, CancellationToken cancellationToken)
    {
        var (body, error) = await AdminJson.ReadAsync<CreateAuthorityRequest>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        if (body!.Id is null || !AuthorityIdPattern().IsMatch(body.Id))
        {
            errors["id"] = ["Required: 2 to 64 characters, lower-case letters, digits and '-', starting with a letter or digit."];
        }

        CheckName(body.Name, "name", errors, required: true);
        AuthorityLevel level = default;
        if (body.Level is null || !Enum.TryParse(body.Level, ignoreCase: true, out level) || !Enum.IsDefined(level) || char.IsAsciiDigit(body.Level[0]))
        {
            errors["level"] = [$"Required: one of {string.Join(", ", Enum.GetNames<AuthorityLevel>())}."];
        }

        var agreement = ParseAgreement(body.Agreement, errors);
        var municipalities = TerritoryInput.ExpandCodes(body.Municipalities, "municipalities", errors);
        if (!errors.ContainsKey("level") && !errors.ContainsKey("municipalities"))
        {
            CheckTerritory(level, municipalities, errors);
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var authority = new Authority(body.Id!, body.Name!.Trim(), level, municipalities, agreement, body.Trained ?? false, body.Simulation ?? false);
        if (!await authorities.TryCreateAsync(authority, cancellationToken).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"An authority '{authority.Id}' already exists.");
        }

        await RecordAsync(context, audit, authority.Id, "authority.create", authority.Id, Describe(authority), cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/admin/authorities/{authority.Id}", AuthorityResponse.From(authority));
    }

    private static async Task<IResult> UpdateAuthorityAsync(string id, HttpContext context, AuthorityStore authorities, AccessKeyStore keys, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAuthorityAsync(id, authorities, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return UnknownAuthority(id);
        }

        var (body, error) = await AdminJson.ReadAsync<UpdateAuthorityRequest>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        CheckName(body!.Name, "name", errors, required: false);
        var municipalities = body.Municipalities is null ? current.Municipalities : TerritoryInput.ExpandCodes(body.Municipalities, "municipalities", errors);
        if (body.Municipalities is not null && !errors.ContainsKey("municipalities"))
        {
            CheckTerritory(current.Level, municipalities, errors);
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var updated = current with
        {
            Name = body.Name?.Trim() ?? current.Name,
            IsTrained = body.Trained ?? current.IsTrained,
            Simulation = body.Simulation ?? current.Simulation,
            Municipalities = municipalities,
        };
        if (!await authorities.UpdateAsync(updated, cancellationToken).ConfigureAwait(false))
        {
            return UnknownAuthority(id);
        }

        keys.ForgetCachedCallers();
        await RecordAsync(context, audit, updated.Id, "authority.update", updated.Id, DescribeChanges(current, updated), cancellationToken).ConfigureAwait(false);
        return Results.Ok(AuthorityResponse.From(updated));
    }

    private static async Task<IResult> ListKeysAsync(AccessKeyStore keys, CancellationToken cancellationToken) =>
        Results.Ok(await keys.ListAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> GetKeyAsync(string id, AccessKeyStore keys, CancellationToken cancellationToken) =>
        await FindKeyAsync(id, keys, cancellationToken).ConfigureAwait(false) is { } key ? Results.Ok(key) : UnknownKey(id);

    private static async Task<IResult> CreateKeyAsync(HttpContext context, AccessKeyStore keys, AuthorityStore authorities, AuditLog audit, CancellationToken cancellationToken)
    {
        var (body, error) = await AdminJson.ReadAsync<CreateKeyRequest>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        CheckName(body!.Name, "name", errors, required: true);
        KeyRole role = default;
        if (body.Role is null || !Enum.TryParse(body.Role, ignoreCase: true, out role) || !Enum.IsDefined(role) || char.IsAsciiDigit(body.Role[0]))
        {
            errors["role"] = ["Required: operator, vendor or admin."];
        }
        else if (role == KeyRole.Operator)
        {
            if (string.IsNullOrWhiteSpace(body.AuthorityId))
            {
                errors["authorityId"] = ["An operator key needs the authority it acts for."];
            }
            else if (await FindAuthorityAsync(body.AuthorityId, authorities, cancellationToken).ConfigureAwait(false) is null)
            {
                errors["authorityId"] = [$"No authority '{Truncate(body.AuthorityId)}'."];
            }

            if (body.Vendor is not null)
            {
                errors["vendor"] = ["Only a vendor key has vendor areas."];
            }
        }
        else if (body.AuthorityId is not null)
        {
            errors["authorityId"] = [$"Only an operator key is bound to an authority (this is a {role.ToString().ToLowerInvariant()} key)."];
        }

        VendorScope? vendor = null;
        if (!errors.ContainsKey("role") && role == KeyRole.Vendor)
        {
            var codes = TerritoryInput.ExpandCodes(body.Vendor?.Municipalities, "vendor.municipalities", errors);
            var polygon = TerritoryInput.CheckPolygon(body.Vendor?.Polygon, "vendor.polygon", errors);
            if (codes.Length == 0 && polygon is null && !errors.ContainsKey("vendor.municipalities") && !errors.ContainsKey("vendor.polygon"))
            {
                errors["vendor"] = ["A vendor key needs areas: municipalities (NIS codes) and/or a polygon."];
            }

            vendor = new VendorScope(codes, polygon);
        }
        else if (role == KeyRole.Admin && body.Vendor is not null)
        {
            errors["vendor"] = ["Only a vendor key has vendor areas."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var request = new AccessKeyRequest(body.Name!.Trim(), role, role == KeyRole.Operator ? body.AuthorityId : null, vendor);
        var created = await keys.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var info = await keys.FindAsync(created.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A key just made is not in the store.");
        await RecordAsync(context, audit, info.AuthorityId, "key.create", info.Id, DescribeKey(info), cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/admin/keys/{info.Id}", new CreatedKeyResponse(info.Id, created.Key, info.Name, info.Role, info.AuthorityId, info.Vendor, info.CreatedAt));
    }

    private static async Task<IResult> RevokeKeyAsync(string id, HttpContext context, AccessKeyStore keys, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindKeyAsync(id, keys, cancellationToken).ConfigureAwait(false) is not { } key)
        {
            return UnknownKey(id);
        }

        if (key.RevokedAt is not null || !await keys.RevokeAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"The key '{key.Id}' is already revoked.");
        }

        await RecordAsync(context, audit, key.AuthorityId, "key.revoke", key.Id, DescribeKey(key), cancellationToken).ConfigureAwait(false);
        return Results.Ok(await keys.FindAsync(id, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> AdminAuditAsync(string? authority, string? limit, AuditLog audit, AuthorityStore authorities, CancellationToken cancellationToken)
    {
        if (!TryParseLimit(limit, out var count, out var problem))
        {
            return problem!;
        }

        if (authority is not null && await FindAuthorityAsync(authority, authorities, cancellationToken).ConfigureAwait(false) is null)
        {
            return UnknownAuthority(authority);
        }

        return Results.Ok(await audit.ListAsync(authority, count, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> OwnAuditAsync(HttpContext context, string? limit, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!TryParseLimit(limit, out var count, out var problem))
        {
            return problem!;
        }

        var authority = context.GetCaller().Authority
            ?? throw new InvalidOperationException("An operator key without an authority.");
        return Results.Ok(await audit.ListAsync(authority.Id, count, cancellationToken).ConfigureAwait(false));
    }

    private static bool TryParseLimit(string? text, out int limit, out IResult? problem)
    {
        problem = null;
        limit = DefaultAuditLimit;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxAuditLimit)
        {
            return true;
        }

        problem = Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"A whole number from 1 to {MaxAuditLimit}."] });
        return false;
    }

    /// <summary>Records an admin action by the caller, filed under the authority it concerns so that its operators see it too.</summary>
    private static Task RecordAsync(HttpContext context, AuditLog audit, string? authorityId, string action, string target, string detail, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        return audit.RecordAsync(caller.KeyId, caller.KeyName, authorityId ?? caller.Authority?.Id, action, target, detail, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
    }

    private static Task<Authority?> FindAuthorityAsync(string id, AuthorityStore authorities, CancellationToken cancellationToken) =>
        id.Length > 64 ? Task.FromResult<Authority?>(null) : authorities.FindAsync(id, cancellationToken);

    private static Task<AccessKeyInfo?> FindKeyAsync(string id, AccessKeyStore keys, CancellationToken cancellationToken) =>
        id.Length > 64 ? Task.FromResult<AccessKeyInfo?>(null) : keys.FindAsync(id, cancellationToken);

    private static void CheckName(string? name, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (name is null ? required : string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors[field] = [$"{(required ? "Required: " : string.Empty)}1 to {MaxNameLength} characters, no control characters."];
        }
    }

    private static AgreementType ParseAgreement(string? text, Dictionary<string, string[]> errors)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "1" or "POPULATIONALERTING":
                return AgreementType.PopulationAlerting;
            case "2" or "GROUPALERTING":
                return AgreementType.GroupAlerting;
            default:
                errors["agreement"] = ["Required: PopulationAlerting (type 1) or GroupAlerting (type 2)."];
                return default;
        }
    }

    private static void CheckTerritory(AuthorityLevel level, IReadOnlyList<int> municipalities, Dictionary<string, string[]> errors)
    {
        if (level == AuthorityLevel.Federal && municipalities.Count > 0)
        {
            errors["municipalities"] = ["The federal level covers the whole country: give no municipalities."];
        }
        else if (level != AuthorityLevel.Federal && municipalities.Count == 0)
        {
            errors["municipalities"] = ["At least one municipality (or a province code)."];
        }
    }

    private static string Describe(Authority a) => string.Create(
        CultureInfo.InvariantCulture,
        $"level={a.Level} agreement={(int)a.Agreement} trained={a.IsTrained} simulation={a.Simulation} municipalities={a.Municipalities.Count}");

    private static string DescribeChanges(Authority before, Authority after)
    {
        var changes = new List<string>();
        if (before.Name != after.Name)
        {
            changes.Add("name");
        }

        if (before.IsTrained != after.IsTrained)
        {
            changes.Add($"trained={after.IsTrained}");
        }

        if (before.Simulation != after.Simulation)
        {
            changes.Add($"simulation={after.Simulation}");
        }

        if (!before.Municipalities.SequenceEqual(after.Municipalities))
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"municipalities={after.Municipalities.Count}"));
        }

        return changes.Count == 0 ? "no change" : string.Join(' ', changes);
    }

    private static string DescribeKey(AccessKeyInfo key) => key.Role switch
    {
        KeyRole.Operator => $"role=Operator authority={key.AuthorityId}",
        KeyRole.Vendor => string.Create(CultureInfo.InvariantCulture, $"role=Vendor municipalities={key.Vendor?.Municipalities.Count ?? 0} polygon={key.Vendor?.Polygon is not null}"),
        _ => $"role={key.Role}",
    };

    private static IResult UnknownAuthority(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No authority '{Truncate(id)}'.");

    private static IResult UnknownKey(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: AccessKeyFormat.IsWellFormed(id)
            ? "No access key with that id (that is a key itself, not its id: revoke it by its id, from GET /api/admin/keys)."
            : $"No access key '{Truncate(id)}'.");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorityIdPattern();
}
