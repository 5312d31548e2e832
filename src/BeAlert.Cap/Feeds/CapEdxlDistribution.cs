namespace BeAlert.Cap;

/// <summary>The envelope fields of an OASIS EDXL-DE 1.0 <c>EDXLDistribution</c>, as written (<see langword="null"/> when absent).</summary>
public sealed record CapEdxlDistribution
{
    /// <summary><c>distributionID</c>, unique for the sender.</summary>
    public string? DistributionId { get; init; }

    /// <summary><c>senderID</c>, the sender's unique identifier (for example <c>name@domain</c>).</summary>
    public string? SenderId { get; init; }

    /// <summary><c>dateTimeSent</c>, when it could be read.</summary>
    public DateTimeOffset? DateTimeSent { get; init; }

    /// <summary><c>distributionStatus</c>: Actual, Exercise, System or Test.</summary>
    public string? DistributionStatus { get; init; }

    /// <summary><c>distributionType</c>: Report, Update, Cancel, Request, Response, Dispatch, Ack, Error, or a Sensor* type.</summary>
    public string? DistributionType { get; init; }

    /// <summary><c>combinedConfidentiality</c>, for example UNCLASSIFIED AND NOT SENSITIVE.</summary>
    public string? CombinedConfidentiality { get; init; }
}
