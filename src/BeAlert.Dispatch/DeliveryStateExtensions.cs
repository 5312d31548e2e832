namespace BeAlert.Dispatch;

/// <summary>Facts about <see cref="DeliveryState"/> values.</summary>
public static class DeliveryStateExtensions
{
    /// <summary>Whether nothing more will happen to a delivery in this state.</summary>
    /// <param name="state">A delivery state.</param>
    /// <returns><see langword="true"/> for Delivered, Failed, Cancelled and Skipped.</returns>
    public static bool IsFinal(this DeliveryState state) => state >= DeliveryState.Delivered;

    /// <summary>Whether the delivery still has to be (re)sent when a campaign resumes after a stop or a crash.</summary>
    /// <param name="state">A delivery state.</param>
    /// <returns><see langword="true"/> for Pending and InFlight.</returns>
    public static bool NeedsSending(this DeliveryState state) => state <= DeliveryState.InFlight;
}
