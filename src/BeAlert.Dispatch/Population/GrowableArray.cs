namespace BeAlert.Dispatch;

/// <summary>An append-only array of unmanaged values, for building columns without per-item objects.</summary>
internal struct GrowableArray<T>
    where T : unmanaged
{
    private T[]? _items;

    public GrowableArray(int capacity) => _items = capacity == 0 ? [] : new T[capacity];

    public int Count { get; private set; }

    public readonly Span<T> Span => (_items ?? []).AsSpan(0, Count);

    public void Add(T item)
    {
        if (_items is null || Count == _items.Length)
        {
            Grow(Count + 1);
        }

        _items![Count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (_items is null || Count + items.Length > _items.Length)
        {
            Grow(Count + items.Length);
        }

        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    /// <summary>The filled part as an array of exactly <see cref="Count"/> items (the buffer itself when it fits).</summary>
    public T[] ToArrayTrimmed()
    {
        if (_items is not null && _items.Length == Count)
        {
            return _items;
        }

        var result = (_items ?? []).AsSpan(0, Count).ToArray();
        _items = result;
        return result;
    }

    private void Grow(int needed)
    {
        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(16L, (_items?.Length ?? 0) * 2L)));
        if (size < needed)
        {
            throw new InvalidOperationException("The directory column is full (more than Array.MaxLength items).");
        }

        Array.Resize(ref _items, size);
    }
}
