using System.Collections.Concurrent;
using System.Globalization;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// Remembers which delivery each accepted message id belongs to, until its receipt arrives. SMSCs do not always write
/// the id in a receipt as they wrote it in submit_sm_resp: some give the hex id in decimal or the decimal id in hex,
/// pad it with zeros or change its case. Ids are therefore kept in a canonical form (upper case, no leading zeros) and
/// a receipt's id is tried as written, then converted from decimal to hex and from hex to decimal. A multi-part
/// message is delivered when every part's receipt said so, and failed at the first part that failed.
/// Bounded by a capacity: beyond it new messages are not tracked and their receipts carry only the id.
/// </summary>
internal sealed class SmppReceiptTracker(int capacity)
{
    private readonly ConcurrentDictionary<string, TrackedDelivery> _byId = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>How many message ids wait for a receipt.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Starts a delivery of <paramref name="parts"/> parts whose ids arrive one by one through <see cref="Add"/> (the
    /// client adds each id as it reads the submit_sm_resp, before any receipt for it can be read).
    /// </summary>
    /// <returns><see langword="null"/> when the tracker is full (nothing is tracked then).</returns>
    public TrackedDelivery? Begin(DeliveryKey key, int parts) =>
        Volatile.Read(ref _count) + parts > capacity ? null : new TrackedDelivery(key, parts);

    /// <summary>Records the message id of one part.</summary>
    public void Add(TrackedDelivery delivery, int index, string messageId)
    {
        delivery.MessageIds[index] = messageId;
        var canonical = Canonical(messageId);
        if (_byId.TryAdd(canonical, delivery))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _byId[canonical] = delivery; // The SMSC reused an id: the newer message wins.
        }
    }

    /// <summary>Starts waiting for the receipts of a delivery whose ids are all known.</summary>
    /// <returns><see langword="false"/> when the tracker is full (nothing is tracked then).</returns>
    public bool Track(DeliveryKey key, string[] messageIds)
    {
        if (Begin(key, messageIds.Length) is not { } delivery)
        {
            return false;
        }

        for (var i = 0; i < messageIds.Length; i++)
        {
            Add(delivery, i, messageIds[i]);
        }

        return true;
    }

    /// <summary>Finds the delivery a receipt's id belongs to.</summary>
    public bool TryMatch(string receiptId, out TrackedDelivery delivery)
    {
        if (_byId.TryGetValue(Canonical(receiptId), out delivery!))
        {
            return true;
        }

        if (ulong.TryParse(receiptId, NumberStyles.None, CultureInfo.InvariantCulture, out var asDecimal) &&
            _byId.TryGetValue(Canonical(asDecimal.ToString("X", CultureInfo.InvariantCulture)), out delivery!))
        {
            return true;
        }

        if (ulong.TryParse(receiptId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var asHex) &&
            _byId.TryGetValue(asHex.ToString(CultureInfo.InvariantCulture), out delivery!))
        {
            return true;
        }

        delivery = null!;
        return false;
    }

    /// <summary>Stops tracking a delivery (its outcome is known).</summary>
    public void Forget(TrackedDelivery delivery)
    {
        foreach (var id in delivery.MessageIds)
        {
            if (id is not null && _byId.TryRemove(new KeyValuePair<string, TrackedDelivery>(Canonical(id), delivery)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>The canonical form of an id: upper case without leading zeros ("0" stays "0").</summary>
    public static string Canonical(string id)
    {
        var trimmed = id.AsSpan().TrimStart('0');
        if (trimmed.IsEmpty)
        {
            return id.Length == 0 ? id : "0";
        }

        foreach (var c in trimmed)
        {
            if (c is >= 'a' and <= 'z')
            {
                return trimmed.ToString().ToUpperInvariant();
            }
        }

        return trimmed.Length == id.Length ? id : trimmed.ToString();
    }

    /// <summary>One accepted delivery waiting for the receipts of its parts.</summary>
    internal sealed class TrackedDelivery(DeliveryKey key, int parts)
    {
        private int _remaining = parts;
        private int _finished;

        public DeliveryKey Key { get; } = key;

        /// <summary>The parts' ids, filled as they are accepted (a part not yet accepted is null).</summary>
        public string?[] MessageIds { get; } = new string?[parts];

        /// <summary>Counts one part delivered; <see langword="true"/> when it was the last.</summary>
        public bool PartDelivered() => Interlocked.Decrement(ref _remaining) == 0 && Interlocked.Exchange(ref _finished, 1) == 0;

        /// <summary>Marks the delivery failed; <see langword="true"/> only the first time.</summary>
        public bool Fail() => Interlocked.Exchange(ref _finished, 1) == 0;
    }
}
