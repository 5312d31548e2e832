namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// The SMPP 3.4 command_status values the client acts on (SMPP 3.4 §5.1.3), and which of them are worth trying again.
/// </summary>
internal static class SmppCommandStatus
{
    public const uint Ok = 0x00000000;
    public const uint InvalidMessageLength = 0x00000001;
    public const uint InvalidCommandLength = 0x00000002;
    public const uint InvalidCommandId = 0x00000003;
    public const uint IncorrectBindStatus = 0x00000004;
    public const uint AlreadyBound = 0x00000005;
    public const uint SystemError = 0x00000008;
    public const uint InvalidSourceAddress = 0x0000000A;
    public const uint InvalidDestinationAddress = 0x0000000B;
    public const uint BindFailed = 0x0000000D;
    public const uint InvalidPassword = 0x0000000E;
    public const uint InvalidSystemId = 0x0000000F;
    public const uint MessageQueueFull = 0x00000014;
    public const uint InvalidNumberOfDestinations = 0x00000033;
    public const uint SubmitFailed = 0x00000045;
    public const uint InvalidDestinationTon = 0x00000050;
    public const uint InvalidDestinationNpi = 0x00000051;
    public const uint Throttled = 0x00000058;
    public const uint ReceiverTemporaryError = 0x00000064;
    public const uint ReceiverPermanentError = 0x00000065;

    /// <summary>The peer asks us to slow down: the message is sent again later, never failed for this.</summary>
    public static bool IsThrottling(uint status) => status is Throttled or MessageQueueFull;

    /// <summary>
    /// Whether the same request may succeed later: throttling, a system error at the SMSC, a failed submit (the
    /// SMSC's generic "could not take it now"), a wrong bind state (the session is being re-established) and the
    /// receiver's temporary application error. Every other status is taken as permanent.
    /// </summary>
    public static bool IsTransient(uint status) => status is Throttled or MessageQueueFull or SystemError or SubmitFailed
        or IncorrectBindStatus or ReceiverTemporaryError;

    /// <summary>Whether the status blames the destination address.</summary>
    public static bool IsInvalidDestination(uint status) =>
        status is InvalidDestinationAddress or InvalidDestinationTon or InvalidDestinationNpi or InvalidNumberOfDestinations;

    /// <summary>The status's name in the specification, with its value, for reports (never a secret).</summary>
    public static string Describe(uint status) => status switch
    {
        Ok => "ESME_ROK (0x00000000)",
        InvalidMessageLength => "ESME_RINVMSGLEN (0x00000001)",
        InvalidCommandLength => "ESME_RINVCMDLEN (0x00000002)",
        InvalidCommandId => "ESME_RINVCMDID (0x00000003)",
        IncorrectBindStatus => "ESME_RINVBNDSTS (0x00000004)",
        AlreadyBound => "ESME_RALYBND (0x00000005)",
        SystemError => "ESME_RSYSERR (0x00000008)",
        InvalidSourceAddress => "ESME_RINVSRCADR (0x0000000A)",
        InvalidDestinationAddress => "ESME_RINVDSTADR (0x0000000B)",
        BindFailed => "ESME_RBINDFAIL (0x0000000D)",
        InvalidPassword => "ESME_RINVPASWD (0x0000000E)",
        InvalidSystemId => "ESME_RINVSYSID (0x0000000F)",
        MessageQueueFull => "ESME_RMSGQFUL (0x00000014)",
        InvalidNumberOfDestinations => "ESME_RINVNUMDESTS (0x00000033)",
        SubmitFailed => "ESME_RSUBMITFAIL (0x00000045)",
        InvalidDestinationTon => "ESME_RINVDSTTON (0x00000050)",
        InvalidDestinationNpi => "ESME_RINVDSTNPI (0x00000051)",
        Throttled => "ESME_RTHROTTLED (0x00000058)",
        ReceiverTemporaryError => "ESME_RX_T_APPN (0x00000064)",
        ReceiverPermanentError => "ESME_RX_P_APPN (0x00000065)",
        _ => $"command_status 0x{status:X8}",
    };
}
