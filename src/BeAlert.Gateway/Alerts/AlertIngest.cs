using System.Globalization;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>How an ingest ended.</summary>
internal enum IngestOutcome
{
    Created,
    TooLarge,
    Invalid,
    Forbidden,
    Duplicate,
}

/// <summary>A municipality an alert reaches outside its authority's territory.</summary>
internal sealed record OutsideMunicipality(int Nis, string Name);

/// <summary>The result of <see cref="AlertIngest.IngestAsync"/>.</summary>
internal sealed record IngestResult(
    IngestOutcome Outcome,
    StoredAlert? Alert = null,
    IReadOnlyList<CapDiagnostic>? Diagnostics = null,
    IReadOnlyList<AuthorityViolation>? Violations = null,
    IReadOnlyList<OutsideMunicipality>? Outside = null,
    string? Detail = null);

/// <summary>
/// Takes a CAP document from an operator to a stored alert: strict parse (bounded, hostile XML refused), CAP 1.2 and
/// BE-Alert profile validation, area location, the authority rules, then one insert transaction (which also checks
/// and applies an Update's or Cancel's references), and finally the active set and the subscribers (through <see cref="AlertFollower"/>, which other instances' alerts also take).
/// </summary>
internal sealed class AlertIngest
{
    private readonly CapParser _parser;
    private readonly CapValidator _validator = CapValidator.For(CapProfile.BeAlert);
    private readonly AuthorityRules _rules = new();
    private readonly AlertStore _store;
    private readonly AlertFollower _follower;
    private readonly AlertsOptions _options;
    private readonly TimeProvider _time;

    public AlertIngest(AlertStore store, AlertFollower follower, IOptions<GatewayOptions> gateway, IOptions<AlertsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _follower = follower;
        _options = options.Value;
        _time = time;
        MaxBytes = gateway.Value.Limits.MaxAlertBytes;
        _parser = new CapParser(new CapParserOptions { MaxDocumentBytes = MaxBytes });
    }

    public int MaxBytes { get; }

    /// <summary>Ingests one CAP document; a stored alert's audit row ("alert.posted", by <paramref name="actor"/>) commits with it.</summary>
    public async Task<IngestResult> IngestAsync(byte[] body, Caller caller, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(actor);
        var authority = caller.Authority ?? throw new InvalidOperationException("Only operator keys (with an authority) post alerts.");

        using var stream = new MemoryStream(body, writable: false);
        if (!_parser.TryParse(stream, out var document, out var error))
        {
            return error.Code == CapDiagnosticCodes.DocumentTooLarge
                ? new IngestResult(IngestOutcome.TooLarge, Detail: error.Reason)
                : new IngestResult(IngestOutcome.Invalid, Diagnostics: [error.ToDiagnostic()], Detail: "The body is not a readable CAP alert.");
        }

        var validation = _validator.Validate(document);
        if (!validation.IsValid)
        {
            return new IngestResult(IngestOutcome.Invalid, Diagnostics: validation.Diagnostics, Detail: "The alert breaks CAP 1.2 or the BE-Alert profile.");
        }

        var alert = document.Alert;
        var areas = AlertAreas.Of(alert);
        if (areas.Diagnostics.Any(d => d.IsError))
        {
            return new IngestResult(IngestOutcome.Invalid, Diagnostics: [.. validation.Diagnostics, .. areas.Diagnostics], Detail: "An area of the alert cannot be placed on the map.");
        }

        var forbidden = CheckAuthority(alert, areas, authority);
        if (forbidden is not null)
        {
            return forbidden;
        }

        var now = _time.GetUtcNow();
        var fallback = alert.Sent.Value + _options.DefaultLifetime;
        var expires = alert.Infos.Count == 0 ? fallback : alert.Infos.Max(i => i.Expires?.Value ?? fallback);
        var state = alert.MsgType is CapMessageType.Alert or CapMessageType.Update
            ? (expires <= now ? AlertState.Expired : AlertState.Active)
            : AlertState.Closed;
        var candidate = new StoredAlert
        {
            Sequence = 0,
            Alert = alert,
            Raw = body,
            AuthorityId = authority.Id,
            ReceivedAt = now,
            Expires = expires,
            Municipalities = areas.Municipalities,
            Nationwide = !areas.HasAreas,
            Simulation = authority.Simulation,
            State = state,
        };

        var inserted = await _store.InsertAsync(candidate, actor, cancellationToken).ConfigureAwait(false);
        switch (inserted.Outcome)
        {
            case InsertOutcome.Duplicate:
                return new IngestResult(IngestOutcome.Duplicate, Detail: $"An alert with sender '{alert.Sender}' and identifier '{alert.Identifier}' is already stored; a change is a new message (msgType Update) with a new identifier.");
            case InsertOutcome.ReferenceProblem:
                return new IngestResult(IngestOutcome.Invalid, Diagnostics: [.. validation.Diagnostics, .. inserted.Problems], Detail: $"The {alert.MsgType}'s references cannot be followed.");
        }

        var stored = inserted.Alert!;
        _follower.Accept(stored, inserted.Deactivated);
        return new IngestResult(IngestOutcome.Created, stored, [.. validation.Diagnostics, .. areas.Diagnostics]);
    }

    private IngestResult? CheckAuthority(CapAlert alert, AlertAreas areas, Authority authority)
    {
        if (authority.Agreement == AgreementType.GroupAlerting && alert.Scope == CapScope.Public)
        {
            return new IngestResult(IngestOutcome.Forbidden, Detail: "A group-alerting (type 2) account cannot alert the population: scope Public is refused. Use scope Private or Restricted for your groups.");
        }

        // A type-2 account may still describe where its (private or restricted) message applies, within its own territory.
        var rulesAuthority = authority.Agreement == AgreementType.GroupAlerting
            ? new OperatorAuthority(authority.Id, AgreementType.PopulationAlerting) { OwnMunicipalities = authority.Municipalities }
            : authority.ToOperatorAuthority();
        var audience = !areas.HasAreas && alert.MsgType is not (CapMessageType.Alert or CapMessageType.Update)
            ? AudienceSpec.Empty
            : areas.ToAudience();
        var violations = _rules.Check(audience, alert.Scope == CapScope.Public ? DeliveryChannels.Signage : default, rulesAuthority);
        if (violations.Count == 0)
        {
            return null;
        }

        return new IngestResult(
            IngestOutcome.Forbidden,
            Violations: violations,
            Outside: Outside(areas, rulesAuthority),
            Detail: $"The alert reaches beyond the territory of '{authority.Name}'.");
    }

    private static List<OutsideMunicipality> Outside(AlertAreas areas, OperatorAuthority authority)
    {
        var boundaries = BelgianBoundaries.Default;
        var allowed = new HashSet<int>(authority.OwnMunicipalities);
        if (authority.AllowsAdHocCooperation)
        {
            foreach (var own in authority.OwnMunicipalities)
            {
                if (boundaries.TryFind(own.ToString("D5", CultureInfo.InvariantCulture), out var unit))
                {
                    allowed.UnionWith(boundaries.GetAdjacentMunicipalities(unit).Select(u => int.Parse(u.Code, CultureInfo.InvariantCulture)));
                }
            }
        }

        return [.. areas.Municipalities
            .Where(m => !allowed.Contains(m))
            .Select(m => new OutsideMunicipality(m, boundaries.TryFind(m.ToString("D5", CultureInfo.InvariantCulture), out var u) ? $"{u.NameNl} / {u.NameFr}" : "unknown"))];
    }
}
