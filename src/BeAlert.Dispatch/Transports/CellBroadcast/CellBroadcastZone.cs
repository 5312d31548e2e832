using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>
/// A named broadcast zone: the cells that cover it, or a polygon the CBC turns into cells. Deliveries of the cell
/// broadcast channel name their zone as <see cref="OutboundMessage.Destination"/>.
/// </summary>
public sealed class CellBroadcastZone
{
    /// <summary>The zone's name, as the deliveries give it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The cells (operator cell global identities such as <c>206-01-1234-56789</c>); empty when the zone is a polygon.</summary>
    public IList<string> Cells { get; init; } = [];

    /// <summary>The zone's outline (closed, at least four points, WGS 84), or <see langword="null"/> when it is a list of cells.</summary>
    public CapPolygon? Polygon { get; set; }
}
