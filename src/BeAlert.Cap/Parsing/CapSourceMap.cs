namespace BeAlert.Cap;

/// <summary>
/// Where each model object and each of its fields came from in the source text, keyed by object identity, so that
/// rules running on the immutable model can report line and column without the model carrying positions.
/// </summary>
internal sealed class CapSourceMap
{
    internal static readonly CapSourceMap Empty = new();

    /// <summary>Marks pending entries that record an unreadable field rather than a position.</summary>
    internal const string UnreadablePrefix = "!";

    private readonly Dictionary<(object Owner, string Field), (int Line, int Column)> _positions = new(KeyComparer.Instance);

    internal void Add(object owner, string field, int line, int column) => _positions.TryAdd((owner, field), (line, column));

    /// <summary>Records that a field's text could not be read (it was reported), so rules do not also report its absence.</summary>
    internal void AddUnreadable(object owner, string field) => _positions.TryAdd((owner, UnreadablePrefix + field), (0, 0));

    internal bool IsUnreadable(object owner, string field) => _positions.ContainsKey((owner, UnreadablePrefix + field));

    /// <summary>The position of a field of an object (its element), or of the object itself when <paramref name="field"/> is empty.</summary>
    internal (int Line, int Column) Find(object owner, string field) =>
        _positions.TryGetValue((owner, field), out var position) ? position
        : field.Length > 0 && _positions.TryGetValue((owner, string.Empty), out position) ? position
        : (0, 0);

    private sealed class KeyComparer : IEqualityComparer<(object Owner, string Field)>
    {
        internal static readonly KeyComparer Instance = new();

        public bool Equals((object Owner, string Field) x, (object Owner, string Field) y) =>
            ReferenceEquals(x.Owner, y.Owner) && string.Equals(x.Field, y.Field, StringComparison.Ordinal);

        public int GetHashCode((object Owner, string Field) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Owner), StringComparer.Ordinal.GetHashCode(obj.Field));
    }
}
