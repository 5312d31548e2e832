namespace BeAlert.Dispatch;

/// <summary>
/// The writer's least-recently-used cache of chunk status arrays, keyed by campaign row and chunk number. It only ever
/// holds committed arrays: writers work on copies and put them here after their transaction committed. Not thread-safe
/// (used under the store's write gate).
/// </summary>
internal sealed class StatusChunkCache(int capacity)
{
    private readonly Dictionary<(long Campaign, long Chunk), LinkedListNode<Entry>> _map = [];
    private readonly LinkedList<Entry> _order = new();

    public int Count => _map.Count;

    public bool TryGet(long campaign, long chunk, out byte[] data)
    {
        if (_map.TryGetValue((campaign, chunk), out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            data = node.Value.Data;
            return true;
        }

        data = [];
        return false;
    }

    public void Put(long campaign, long chunk, byte[] data)
    {
        if (_map.TryGetValue((campaign, chunk), out var node))
        {
            node.Value = new Entry(campaign, chunk, data);
            _order.Remove(node);
            _order.AddFirst(node);
            return;
        }

        _map.Add((campaign, chunk), _order.AddFirst(new Entry(campaign, chunk, data)));
        while (_map.Count > capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _map.Remove((last.Value.Campaign, last.Value.Chunk));
        }
    }

    public void Clear()
    {
        _map.Clear();
        _order.Clear();
    }

    private readonly record struct Entry(long Campaign, long Chunk, byte[] Data);
}
