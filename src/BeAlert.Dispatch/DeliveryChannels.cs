namespace BeAlert.Dispatch;

/// <summary>A set of <see cref="DeliveryChannel"/> values: bit <c>1 &lt;&lt; (int)channel</c> per channel.</summary>
[Flags]
public enum DeliveryChannels : byte
{
    /// <summary>No channel.</summary>
    None = 0,

    /// <summary><see cref="DeliveryChannel.Sms"/>.</summary>
    Sms = 1 << DeliveryChannel.Sms,

    /// <summary><see cref="DeliveryChannel.CellBroadcast"/>.</summary>
    CellBroadcast = 1 << DeliveryChannel.CellBroadcast,

    /// <summary><see cref="DeliveryChannel.Voice"/>.</summary>
    Voice = 1 << DeliveryChannel.Voice,

    /// <summary><see cref="DeliveryChannel.Email"/>.</summary>
    Email = 1 << DeliveryChannel.Email,

    /// <summary><see cref="DeliveryChannel.Signage"/>.</summary>
    Signage = 1 << DeliveryChannel.Signage,

    /// <summary>Every channel.</summary>
    All = Sms | CellBroadcast | Voice | Email | Signage,
}
