namespace BeAlert.Cap;

/// <summary>
/// A model object's place in the <see cref="CapSourceMap"/> of the document it was read from. It is not part of the
/// object's value: it compares equal to every other slot, so <c>Parse(Write(x)) == x</c> still holds.
/// </summary>
internal readonly struct CapSourceSlot(CapSourceMap? map, int start, int count, int line, int column) : IEquatable<CapSourceSlot>
{
    internal CapSourceMap? Map { get; } = map;

    internal int Start { get; } = start;

    internal int Count { get; } = count;

    internal int Line { get; } = line;

    internal int Column { get; } = column;

    public bool Equals(CapSourceSlot other) => true;

    public override bool Equals(object? obj) => obj is CapSourceSlot;

    public override int GetHashCode() => 0;

    public static bool operator ==(CapSourceSlot left, CapSourceSlot right) => true;

    public static bool operator !=(CapSourceSlot left, CapSourceSlot right) => false;
}
