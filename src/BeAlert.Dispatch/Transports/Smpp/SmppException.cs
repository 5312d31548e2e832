namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// An SMPP session could not be opened or ended with an error: the bind was refused, the peer broke the protocol
/// (a malformed or oversized PDU), or the connection failed. Sends never throw it; they return failure values.
/// </summary>
public sealed class SmppException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public SmppException()
        : this("The SMPP session failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SmppException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SmppException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that says whether trying again later may succeed.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SmppException(string message, bool isTransient, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Creates an exception for a command_status the peer answered.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="commandStatus">The peer's command_status.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    public SmppException(string message, uint commandStatus, bool isTransient)
        : base(message)
    {
        CommandStatus = commandStatus;
        IsTransient = isTransient;
    }

    /// <summary>The peer's command_status when it refused a request (e.g. 0x0000000E for a wrong password), otherwise 0.</summary>
    public uint CommandStatus { get; }

    /// <summary>
    /// Whether trying again later may succeed: <see langword="true"/> for connection failures and transient statuses,
    /// <see langword="false"/> for a refused bind (wrong credentials) or a peer that breaks the protocol.
    /// </summary>
    public bool IsTransient { get; }
}
