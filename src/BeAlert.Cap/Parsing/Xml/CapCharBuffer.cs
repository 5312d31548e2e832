using System.Buffers;

namespace BeAlert.Cap;

/// <summary>
/// A growable run of characters on a pooled array, reused for every value of one parse that is consumed as text
/// and never kept (polygons, circles, numbers): large values then cost no string and no large-object-heap allocation.
/// </summary>
internal sealed class CapCharBuffer : IDisposable
{
    private char[] _array = [];
    private int _length;

    public int Length => _length;

    public ReadOnlySpan<char> Span => _array.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Space for at least <paramref name="size"/> more characters, to be confirmed with <see cref="Advance"/>.</summary>
    public Span<char> GetSpan(int size)
    {
        if (_array.Length - _length < size)
        {
            Grow(size);
        }

        return _array.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(GetSpan(text.Length));
        _length += text.Length;
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_array);
            _array = [];
        }

        _length = 0;
    }

    private void Grow(int size)
    {
        var needed = (long)_length + size;
        var bigger = ArrayPool<char>.Shared.Rent((int)Math.Min(Math.Max(needed, Math.Max(256L, _array.Length * 2L)), Array.MaxLength));
        _array.AsSpan(0, _length).CopyTo(bigger);
        if (_array.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_array);
        }

        _array = bigger;
    }
}
