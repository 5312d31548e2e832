namespace BeAlert.Cap;

/// <summary>
/// A <c>valueName</c>/<c>value</c> pair, as used by CAP <c>eventCode</c>, <c>parameter</c> and <c>geocode</c>.
/// </summary>
/// <param name="ValueName">The domain of the value (for example <c>NIS</c> or <c>SAME</c>).</param>
/// <param name="Value">The value itself.</param>
public sealed record CapNamedValue(string ValueName, string Value)
{
    /// <summary>Where this object was read from (not part of its value).</summary>
    internal CapSourceSlot SourceSlot { get; init; }

    /// <summary>The domain of the value (for example <c>NIS</c> or <c>SAME</c>).</summary>
    public string ValueName { get; init; } = ValueName ?? throw new ArgumentNullException(nameof(ValueName));

    /// <summary>The value itself.</summary>
    public string Value { get; init; } = Value ?? throw new ArgumentNullException(nameof(Value));
}
