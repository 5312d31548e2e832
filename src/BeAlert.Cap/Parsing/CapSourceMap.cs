namespace BeAlert.Cap;

/// <summary>
/// Where the elements of one parsed document were, in document order: for each container (alert, info, area,
/// resource, name/value pair, polygon, circle) the position of its start tag and of its child elements, and which
/// children were unreadable. One growing table per document; each model object holds a <see cref="CapSourceSlot"/>
/// pointing into it, so looking a position up costs no hashing and adds no allocation per object.
/// </summary>
internal sealed class CapSourceMap
{
    /// <summary>Marks entries that record an unreadable field rather than a position.</summary>
    internal const string UnreadablePrefix = "!";

    // While the document is read, entries go to a pooled array; Freeze keeps an exact copy for the document's life.
    private (string Field, int Line, int Column)[] _entries = [];
    private int _count;
    private bool _frozen;

    /// <summary>Appends a container's child entries and returns the slot that refers to them.</summary>
    internal CapSourceSlot Add((int Line, int Column) element, List<(string Field, int Line, int Column)> pending, int from)
    {
        var start = _count;
        var count = pending.Count - from;
        if (count > 0)
        {
            if (_entries.Length - _count < count)
            {
                var bigger = System.Buffers.ArrayPool<(string, int, int)>.Shared.Rent(Math.Max(64, Math.Max(_count + count, _entries.Length * 2)));
                _entries.AsSpan(0, _count).CopyTo(bigger);
                ReturnEntries();
                _entries = bigger;
            }

            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending)[from..].CopyTo(_entries.AsSpan(_count));
            _count += count;
        }

        return new CapSourceSlot(this, start, count, element.Line, element.Column);
    }

    /// <summary>Ends the reading: the entries move to an array of their exact size and the pooled one goes back.</summary>
    internal void Freeze()
    {
        var exact = _entries.AsSpan(0, _count).ToArray();
        ReturnEntries();
        _entries = exact;
        _frozen = true;
    }

    private void ReturnEntries()
    {
        if (!_frozen && _entries.Length > 0)
        {
            System.Buffers.ArrayPool<(string, int, int)>.Shared.Return(_entries, clearArray: true);
        }
    }

    internal (int Line, int Column) Find(in CapSourceSlot slot, string field)
    {
        if (slot.Map != this)
        {
            return (0, 0);
        }

        if (field.Length > 0)
        {
            for (var i = slot.Start; i < slot.Start + slot.Count; i++)
            {
                var (name, line, column) = _entries[i];
                if (string.Equals(name, field, StringComparison.Ordinal))
                {
                    return (line, column);
                }
            }
        }

        return (slot.Line, slot.Column);
    }

    internal bool IsUnreadable(in CapSourceSlot slot, string field)
    {
        if (slot.Map != this)
        {
            return false;
        }

        for (var i = slot.Start; i < slot.Start + slot.Count; i++)
        {
            var name = _entries[i].Field;
            if (name.Length == field.Length + 1 && name.StartsWith(UnreadablePrefix, StringComparison.Ordinal) && name.AsSpan(1).SequenceEqual(field))
            {
                return true;
            }
        }

        return false;
    }
}
