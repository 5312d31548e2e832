namespace BeAlert.Cap;

/// <summary>A WGS 84 coordinate pair as written in CAP: latitude first, then longitude, in decimal degrees.</summary>
/// <param name="Latitude">Latitude in decimal degrees (valid range -90 to 90).</param>
/// <param name="Longitude">Longitude in decimal degrees (valid range -180 to 180).</param>
public readonly record struct CapPoint(double Latitude, double Longitude)
{
    /// <summary>Whether both coordinates are finite and inside the WGS 84 ranges.</summary>
    public bool IsInRange => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <inheritdoc />
    public override string ToString() => CapNumber.Format(Latitude) + "," + CapNumber.Format(Longitude);
}
