using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Cap;

/// <summary>
/// A CAP <c>polygon</c>: a closed ring of at least four points whose first and last points are equal.
/// The model keeps the points as written; the validator reports rings that break the rules.
/// </summary>
public sealed record CapPolygon
{
    /// <summary>Creates a polygon from its points, in order.</summary>
    /// <param name="points">The ring, first point repeated last.</param>
    public CapPolygon(IEnumerable<CapPoint> points) => Points = EquatableList<CapPoint>.From(points);

    /// <summary>The points of the ring, in order.</summary>
    [AllowNull]
    public IReadOnlyList<CapPoint> Points { get; init => field = EquatableList<CapPoint>.From(value); }

    /// <summary>The points as a span (the setter always stores an <see cref="EquatableList{T}"/>).</summary>
    internal ReadOnlySpan<CapPoint> PointSpan => ((EquatableList<CapPoint>)Points).AsSpan();

    /// <summary>Where this object was read from (not part of its value).</summary>
    internal CapSourceSlot SourceSlot { get; init; }

    /// <summary>Whether the ring is closed (first point equals last point).</summary>
    public bool IsClosed => Points.Count > 1 && Points[0] == Points[^1];

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', Points);
}
