using System.Collections;

namespace BeAlert.Cap;

/// <summary>
/// An immutable list with value equality, so that records holding lists compare by content
/// (<c>Parse(Write(x)) == x</c>). Every list property of the CAP model stores one of these.
/// </summary>
internal sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    public static readonly EquatableList<T> Empty = new([]);

    private readonly T[] _items;

    private EquatableList(T[] items) => _items = items;

    public static EquatableList<T> From(IEnumerable<T>? items)
    {
        switch (items)
        {
            case null:
                return Empty;
            case EquatableList<T> list:
                return list;
            default:
                var array = items.ToArray();
                foreach (var item in array)
                {
                    if (item is null)
                    {
                        throw new ArgumentException("The list must not contain null items.", nameof(items));
                    }
                }

                return array.Length == 0 ? Empty : new EquatableList<T>(array);
        }
    }

    internal static EquatableList<T> Wrap(T[] owned) => owned.Length == 0 ? Empty : new EquatableList<T>(owned);

    public T this[int index] => _items[index];

    /// <summary>The items as a span, for loops over long lists (a polygon's points) without an interface call per item.</summary>
    internal ReadOnlySpan<T> AsSpan() => _items;

    public int Count => _items.Length;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(EquatableList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", _items)}]";
}
