using System.Text.Json.Serialization;

namespace BeAlert.Gateway.Web.Compose;

/// <summary>
/// The compose form of the operator console (<c>/console/compose</c>) as JSON: the texts per language, the CAP
/// enumerations, the channels and the target. The server turns it into a CAP 1.2 alert (<see cref="ComposeBuilder"/>);
/// the page never writes XML itself.
/// </summary>
public sealed class ComposeBody
{
    /// <summary>Texts by language: keys <c>nl</c>, <c>fr</c>, <c>de</c>, <c>en</c>; at least one with a headline.</summary>
    public Dictionary<string, ComposeText?>? Texts { get; set; }

    public string? Event { get; set; }

    /// <summary>A CAP category (<c>Geo</c>, <c>Met</c>, <c>Safety</c>, …); Safety when absent.</summary>
    public string? Category { get; set; }

    /// <summary>A CAP responseType (<c>Shelter</c>, <c>Evacuate</c>, …), optional.</summary>
    public string? ResponseType { get; set; }

    public string? Urgency { get; set; }

    public string? Severity { get; set; }

    public string? Certainty { get; set; }

    /// <summary><c>Actual</c> (default), <c>Exercise</c> or <c>Test</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Hours until the alert expires (1 to 72); 6 when absent.</summary>
    public int? ExpiresHours { get; set; }

    /// <summary>The campaign channels (<c>sms</c>, <c>email</c>, <c>voice</c>, <c>cellBroadcast</c>, <c>signage</c>).</summary>
    public List<string>? Channels { get; set; }

    public ComposeTarget? Target { get; set; }

    /// <summary>The campaign's name (<c>POST /api/compose/send</c> only; the first headline when absent).</summary>
    public string? Name { get; set; }

    /// <summary>True when the body names none of the form's fields (for example only unknown keys).</summary>
    [JsonIgnore]
    public bool IsEmpty => Texts is null && Event is null && Category is null && ResponseType is null && Urgency is null
        && Severity is null && Certainty is null && Status is null && ExpiresHours is null && Channels is null && Target is null;
}

/// <summary>One language's texts.</summary>
public sealed class ComposeText
{
    public string? Headline { get; set; }

    public string? Description { get; set; }

    public string? Instruction { get; set; }
}

/// <summary>Who and where: a drawn polygon or circle (CAP text), municipalities (NIS codes) and/or groups.</summary>
public sealed class ComposeTarget
{
    /// <summary>A CAP polygon <c>"lat,lon lat,lon …"</c>.</summary>
    public string? Polygon { get; set; }

    /// <summary>A CAP circle <c>"lat,lon radiusKm"</c>.</summary>
    public string? Circle { get; set; }

    public List<int>? Municipalities { get; set; }

    public List<long>? Groups { get; set; }

    /// <summary>Streets (<c>{ nis, name, from?, to? }</c>), as in the campaign audience.</summary>
    public List<BeAlert.Gateway.Campaigns.StreetBody>? Streets { get; set; }
}
