namespace BeAlert.Dispatch;

/// <summary>The CBSP category of a broadcast (how the network schedules it against other messages).</summary>
public enum CellBroadcastCategory
{
    /// <summary>Sent as soon as possible, before normal messages (<c>high_priority</c>).</summary>
    HighPriority = 0,

    /// <summary>Sent in its normal slots (<c>normal</c>).</summary>
    Normal = 1,

    /// <summary>Sent when nothing else is waiting (<c>background</c>).</summary>
    Background = 2,
}
