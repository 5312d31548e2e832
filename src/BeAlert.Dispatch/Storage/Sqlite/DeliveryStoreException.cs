namespace BeAlert.Dispatch;

/// <summary>
/// A delivery store's file or database cannot be used: it is not a store (a foreign or corrupt file), was written by a
/// newer schema, is locked by another process, or the database failed underneath. The message says which, and the
/// inner exception (when there is one) carries the database's own error.
/// </summary>
/// <remarks>
/// Caller bugs (unknown campaign, gaps in sequences, appending after the seal) are not reported with this type but
/// with the standard exceptions <see cref="IDeliveryStore"/> documents, exactly as <see cref="InMemoryDeliveryStore"/>
/// reports them.
/// </remarks>
public sealed class DeliveryStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeliveryStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    public DeliveryStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="innerException">The database's own error.</param>
    public DeliveryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
