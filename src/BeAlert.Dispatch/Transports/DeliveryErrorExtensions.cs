namespace BeAlert.Dispatch;

/// <summary>Facts about <see cref="DeliveryError"/> values.</summary>
public static class DeliveryErrorExtensions
{
    /// <summary>Whether trying again later may succeed: the engine retries only these.</summary>
    /// <param name="error">An error.</param>
    /// <returns><see langword="true"/> for the transient errors (values 1 to 15).</returns>
    public static bool IsTransient(this DeliveryError error) => error is > DeliveryError.None and < DeliveryError.InvalidDestination;
}
