namespace BeAlert.Cap;

/// <summary>One entry of an alert's <c>references</c>: the sender, identifier and sent time of an earlier message.</summary>
/// <param name="Sender">The sender of the referenced message.</param>
/// <param name="Identifier">The identifier of the referenced message.</param>
/// <param name="Sent">The sent time of the referenced message.</param>
public sealed record CapReference(string Sender, string Identifier, CapDateTime Sent)
{
    /// <summary>Creates a reference to an existing alert.</summary>
    /// <param name="alert">The alert to refer to.</param>
    /// <returns>The reference.</returns>
    public static CapReference To(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new CapReference(alert.Sender, alert.Identifier, alert.Sent);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Sender},{Identifier},{Sent}";
}
