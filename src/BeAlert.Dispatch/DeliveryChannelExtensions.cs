namespace BeAlert.Dispatch;

/// <summary>Conversions between <see cref="DeliveryChannel"/> and <see cref="DeliveryChannels"/>.</summary>
public static class DeliveryChannelExtensions
{
    /// <summary>The set holding only <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns>The one-channel set.</returns>
    public static DeliveryChannels ToSet(this DeliveryChannel channel) => (DeliveryChannels)(1 << (int)channel);

    /// <summary>Whether <paramref name="channels"/> holds <paramref name="channel"/>.</summary>
    /// <param name="channels">A set of channels.</param>
    /// <param name="channel">The channel to look for.</param>
    /// <returns><see langword="true"/> when the set holds the channel.</returns>
    public static bool Includes(this DeliveryChannels channels, DeliveryChannel channel) => (channels & channel.ToSet()) != 0;
}
