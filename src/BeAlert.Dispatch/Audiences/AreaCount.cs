namespace BeAlert.Dispatch;

/// <summary>How many subscribers, and how many of their address points, lie inside an area (for the map while drawing).</summary>
/// <param name="People">Subscribers with at least one address inside.</param>
/// <param name="Addresses">Address points inside.</param>
public readonly record struct AreaCount(long People, long Addresses);
