namespace BeAlert.Cap;

/// <summary>A CAP <c>circle</c>: a centre point and a radius in kilometres.</summary>
/// <param name="Center">The centre of the circle.</param>
/// <param name="RadiusKm">The radius in kilometres (zero denotes a point).</param>
public sealed record CapCircle(CapPoint Center, double RadiusKm)
{
    /// <summary>Where this object was read from (not part of its value).</summary>
    internal CapSourceSlot SourceSlot { get; init; }

    /// <inheritdoc />
    public override string ToString() => Center + " " + CapNumber.Format(RadiusKm);
}
