using System.Buffers;
using System.Runtime.CompilerServices;

namespace BeAlert.Cap;

/// <summary>
/// Collects the items of one repeated element (categories, areas, geocodes, ...) and hands the model an array of exactly
/// their number: no list object, no growth copies, no spare capacity kept for the document's life. The first four items
/// stay in the collector itself (most repeated CAP elements occur one to four times); only longer runs rent a pooled array.
/// </summary>
internal struct CapListCollector<T>
{
    private const int InlineCapacity = 4;

    private InlineItems _inline;
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    public void Add(T item)
    {
        if (_count < InlineCapacity)
        {
            _inline[_count++] = item;
            return;
        }

        if (_items is null)
        {
            _items = ArrayPool<T>.Shared.Rent(InlineCapacity * 2);
            ((ReadOnlySpan<T>)_inline).CopyTo(_items);
        }
        else if (_count == _items.Length)
        {
            var bigger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<T>.Shared.Return(_items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _items = bigger;
        }

        _items[_count++] = item;
    }

    /// <summary>The collected items as the model's list (the shared empty list when there are none); the collector is empty after.</summary>
    public EquatableList<T> Build()
    {
        if (_count == 0)
        {
            return EquatableList<T>.Empty;
        }

        var exact = _items is null ? ((ReadOnlySpan<T>)_inline)[.._count].ToArray() : _items.AsSpan(0, _count).ToArray();
        Release();
        return EquatableList<T>.Wrap(exact);
    }

    private void Release()
    {
        if (_items is not null)
        {
            ArrayPool<T>.Shared.Return(_items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _items = null;
        }

        _inline = default;
        _count = 0;
    }

    [InlineArray(InlineCapacity)]
    private struct InlineItems
    {
        private T _element;
    }
}
