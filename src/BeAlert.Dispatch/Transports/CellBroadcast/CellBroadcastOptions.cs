namespace BeAlert.Dispatch;

/// <summary>
/// One cell broadcast centre (CBC) and how alerts are broadcast through it. Validated once by <see cref="Validate"/>
/// (the transport's constructor calls it), listing every problem together.
/// </summary>
public sealed class CellBroadcastOptions
{
    /// <summary>The endpoint's name, unique among cell broadcast endpoints (e.g. the operator).</summary>
    public string Name { get; set; } = "cbc";

    /// <summary>
    /// The CBC's base URL (http or https). Required. ECBE requests go to <c>api/ecbe/v1/message</c> under it; CAP
    /// requests are posted to it as given.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The wire format. Default <see cref="CellBroadcastWireFormat.EcbeJson"/>.</summary>
    public CellBroadcastWireFormat WireFormat { get; set; } = CellBroadcastWireFormat.EcbeJson;

    /// <summary>How the ECBE format carries the text. Default <see cref="CellBroadcastEcbePayload.Encoded"/> (BeAlert's own pages and coding).</summary>
    public CellBroadcastEcbePayload EcbePayload { get; set; } = CellBroadcastEcbePayload.Encoded;

    /// <summary>The name the CBC knows this broadcasting entity by (<c>cbe_name</c>; 1 to 64 characters). Default <c>BeAlert</c>.</summary>
    public string CbeName { get; set; } = "BeAlert";

    /// <summary>The scheduling category. Default <see cref="CellBroadcastCategory.HighPriority"/>.</summary>
    public CellBroadcastCategory Category { get; set; } = CellBroadcastCategory.HighPriority;

    /// <summary>
    /// The repetition period as the CBC takes it (1 to 4,095; osmo-cbc passes it to the radio network unchanged:
    /// seconds over SBc-AP, units of 1.883 s over CBSP). Default 60.
    /// </summary>
    public int RepetitionPeriod { get; set; } = 60;

    /// <summary>How many times to broadcast (0 to 65,535; 0 means until the broadcast is killed). Default 0.</summary>
    public int NumberOfBroadcasts { get; set; }

    /// <summary>The geographical scope in the serial number. Default <see cref="CellBroadcastGeographicalScope.CellWideImmediate"/> (shown at once).</summary>
    public CellBroadcastGeographicalScope GeographicalScope { get; set; } = CellBroadcastGeographicalScope.CellWideImmediate;

    /// <summary>
    /// The zones this CBC serves. A delivery whose zone is not listed here is broadcast on the alert's own area of that
    /// name (areaDesc) if there is one, and refused as an invalid destination otherwise.
    /// </summary>
    public IList<CellBroadcastZone> Zones { get; init; } = [];

    /// <summary>The deadline of one request, answer included (100 ms to 5 minutes). Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer read from the CBC, in bytes (0 to 1 MiB). Default 64 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>Requests in flight at once (1 to 64). Default 2.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are missing or out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        TransportOptionChecks.Name(Name, errors);
        TransportOptionChecks.HttpUri(Endpoint, nameof(Endpoint), errors);
        if (!Enum.IsDefined(WireFormat))
        {
            errors.Add($"{nameof(WireFormat)} is not a known format ({WireFormat}).");
        }

        if (!Enum.IsDefined(EcbePayload))
        {
            errors.Add($"{nameof(EcbePayload)} is not a known payload form ({EcbePayload}).");
        }

        if (string.IsNullOrWhiteSpace(CbeName) || CbeName.Length > 64 || CbeName.Any(char.IsControl))
        {
            errors.Add($"{nameof(CbeName)} must be 1 to 64 characters without control characters.");
        }

        if (!Enum.IsDefined(Category))
        {
            errors.Add($"{nameof(Category)} is not a known category ({Category}).");
        }

        if (!Enum.IsDefined(GeographicalScope))
        {
            errors.Add($"{nameof(GeographicalScope)} is not a known scope ({GeographicalScope}).");
        }

        TransportOptionChecks.Range(RepetitionPeriod, 1, 4095, nameof(RepetitionPeriod), errors);
        TransportOptionChecks.Range(NumberOfBroadcasts, 0, 65535, nameof(NumberOfBroadcasts), errors);
        TransportOptionChecks.Range(Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), nameof(Timeout), errors);
        TransportOptionChecks.Range(MaxResponseBytes, 0, 1024 * 1024, nameof(MaxResponseBytes), errors);
        TransportOptionChecks.Range(MaxConcurrency, 1, 64, nameof(MaxConcurrency), errors);
        if (Zones is null)
        {
            errors.Add($"{nameof(Zones)} must not be null.");
        }
        else
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var zone in Zones)
            {
                CheckZone(zone, names, errors);
            }
        }

        TransportOptionChecks.Throw("cell broadcast options", errors);
    }

    private static void CheckZone(CellBroadcastZone? zone, HashSet<string> names, List<string> errors)
    {
        if (zone is null)
        {
            errors.Add($"{nameof(Zones)} must not contain null.");
            return;
        }

        if (string.IsNullOrWhiteSpace(zone.Name))
        {
            errors.Add("Every zone needs a name.");
            return;
        }

        if (!names.Add(zone.Name))
        {
            errors.Add($"The zone '{zone.Name}' is listed twice.");
        }

        var cells = zone.Cells?.Count ?? 0;
        if ((cells == 0) == (zone.Polygon is null))
        {
            errors.Add($"The zone '{zone.Name}' needs either cells or a polygon (not both).");
        }

        if (zone.Cells is not null && zone.Cells.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 64 || c.Any(char.IsControl) || c.Contains(' ', StringComparison.Ordinal)))
        {
            errors.Add($"The zone '{zone.Name}' has an empty or malformed cell identity.");
        }

        if (zone.Polygon is { } polygon && (polygon.Points.Count < 4 || !polygon.IsClosed || polygon.Points.Any(p => !p.IsInRange)))
        {
            errors.Add($"The polygon of zone '{zone.Name}' must be closed, have at least four points, and lie within latitude ±90 and longitude ±180.");
        }
    }
}
