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

    private readonly List<(string Field, int Line, int Column)> _entries = new(128);

    /// <summary>Appends a container's child entries and returns the slot that refers to them.</summary>
    internal CapSourceSlot Add((int Line, int Column) element, List<(string Field, int Line, int Column)> pending, int from)
    {
        var start = _entries.Count;
        var count = pending.Count - from;
        for (var i = from; i < pending.Count; i++)
        {
            _entries.Add(pending[i]);
        }

        return new CapSourceSlot(this, start, count, element.Line, element.Column);
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
