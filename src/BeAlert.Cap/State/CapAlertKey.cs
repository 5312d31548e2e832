namespace BeAlert.Cap;

/// <summary>
/// What identifies one CAP message: its sender and identifier (CAP 1.2 §3.2.1: the identifier is unique for the
/// sender). Compared ordinally, as CAP compares them.
/// </summary>
/// <param name="Sender">The sender.</param>
/// <param name="Identifier">The identifier.</param>
public readonly record struct CapAlertKey(string Sender, string Identifier)
{
    /// <summary>The key of an alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>Its key.</returns>
    public static CapAlertKey Of(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new CapAlertKey(alert.Sender, alert.Identifier);
    }

    /// <summary>The key a reference points to.</summary>
    /// <param name="reference">The reference.</param>
    /// <returns>The referenced message's key.</returns>
    public static CapAlertKey Of(CapReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new CapAlertKey(reference.Sender, reference.Identifier);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Sender},{Identifier}";
}
