namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// Settings of one SMSC endpoint for <see cref="SmppTransport"/>. The defaults suit a Belgian operator's SMSC:
/// one transceiver bind, a window of 100, sender 1789. Call <see cref="Validate"/> (the transport does) to check them
/// all at once.
/// </summary>
public sealed class SmppOptions
{
    /// <summary>The SMSC's host name or address. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The SMSC's TCP port (1 to 65535). Default 2775, the port IANA registered for SMPP.</summary>
    public int Port { get; set; } = 2775;

    /// <summary>system_id of the bind (1 to 15 ASCII characters, SMPP 3.4 §4.1.1). Required.</summary>
    public string SystemId { get; set; } = string.Empty;

    /// <summary>password of the bind (at most 8 ASCII characters). Never logged nor put in an error message.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>system_type of the bind (at most 12 ASCII characters). Default empty.</summary>
    public string SystemType { get; set; } = string.Empty;

    /// <summary>Transceiver (default) or transmitter.</summary>
    public SmppBindMode BindMode { get; set; } = SmppBindMode.Transceiver;

    /// <summary>How many submit_sm one bind keeps outstanding before waiting for responses (1 to 10,000). Default 100.</summary>
    public int WindowSize { get; set; } = 100;

    /// <summary>How many binds (TCP sessions) to open to this endpoint (1 to 64). Default 1.</summary>
    public int BindsPerEndpoint { get; set; } = 1;

    /// <summary>How long to wait for the TCP connection and the bind response. Default 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for any response before giving the request up as timed out. Default 10 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle-or-not session sends enquire_link to prove the link is alive. Default 30 seconds.</summary>
    public TimeSpan EnquireLinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>source_addr of every message (at most 20 characters). Default <c>1789</c>, BE-Alert's short code.</summary>
    public string SourceAddress { get; set; } = "1789";

    /// <summary>
    /// source_addr_ton; <see langword="null"/> (default) chooses from the address: 1 (international) for <c>+</c> and
    /// digits, 3 (network specific) for a short code of at most 8 digits, 5 (alphanumeric) otherwise.
    /// </summary>
    public byte? SourceTon { get; set; }

    /// <summary>source_addr_npi; <see langword="null"/> (default) gives 1 (ISDN/E.164) for an international number, 0 otherwise.</summary>
    public byte? SourceNpi { get; set; }

    /// <summary>Which data_coding texts use. Default <see cref="SmppDataCodingPolicy.Auto"/>.</summary>
    public SmppDataCodingPolicy DataCoding { get; set; } = SmppDataCodingPolicy.Auto;

    /// <summary>How long texts are split. Default <see cref="SmppConcatenation.Udh"/>.</summary>
    public SmppConcatenation Concatenation { get; set; } = SmppConcatenation.Udh;

    /// <summary>Ask the SMSC for delivery receipts (registered_delivery 1). Default <see langword="true"/>.</summary>
    public bool RequestDeliveryReceipts { get; set; } = true;

    /// <summary>The first wait before reconnecting a dropped bind; it doubles up to <see cref="MaxReconnectDelay"/>. Default 1 second.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnection attempts. Default 30 seconds.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first pause of a bind after ESME_RTHROTTLED or ESME_RMSGQFUL; it doubles up to <see cref="MaxThrottleDelay"/>. Default 50 ms.</summary>
    public TimeSpan ThrottleDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest throttling pause. Default 5 seconds.</summary>
    public TimeSpan MaxThrottleDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many times one segment is sent again after throttling before the send returns
    /// <see cref="DeliveryError.Throttled"/> to the engine (0 to 1,000). Default 50.
    /// </summary>
    public int MaxThrottleRetries { get; set; } = 50;

    /// <summary>
    /// How many times a segment that was written but not acknowledged when its connection dropped is submitted again
    /// on a reconnected bind before the send returns <see cref="DeliveryError.ConnectionFailed"/> (0 to 100). Default 3.
    /// </summary>
    public int MaxResubmits { get; set; } = 3;

    /// <summary>The largest PDU accepted from the peer (64 to 1,048,576 octets); a larger command_length closes the session. Default 65,536.</summary>
    public int MaxPduLength { get; set; } = 64 * 1024;

    /// <summary>How many accepted messages wait for their delivery receipts, at most (0 to 100,000,000); beyond it receipts carry only the message id. Default 2,000,000.</summary>
    public int MaxTrackedReceipts { get; set; } = 2_000_000;

    /// <summary>
    /// Receive coalescing: while many requests are outstanding, the session's reader wakes once a batch of responses
    /// has arrived (a quarter of those owed, at most 64) or after this delay, whichever comes first, instead of once per
    /// response the SMSC writes. It saves most of the client's CPU time at high rates and delays a response by at most
    /// this much; at low rates nothing waits. A session whose SMSC holds its responses back (Nagle's algorithm) turns it
    /// off by itself. <see cref="TimeSpan.Zero"/> turns it off. Default 4 ms; otherwise 1 ms (poll(2) counts in milliseconds) to 20 ms (below the kernel's delayed
    /// acknowledgement, so that a stalled batch always ends on this side).
    /// </summary>
    public TimeSpan ReceiveCoalescingDelay { get; set; } = TimeSpan.FromMilliseconds(4);

    /// <summary>Checks the options, listing every problem at once (the password itself is never quoted).</summary>
    /// <exception cref="ArgumentException">One or more settings are missing or out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add($"{nameof(Host)} is required.");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"{nameof(Port)} must be 1 to 65535 (it is {Port}).");
        }

        CheckAscii(errors, nameof(SystemId), SystemId, 1, 15, quote: true);
        CheckAscii(errors, nameof(Password), Password, 0, 8, quote: false);
        CheckAscii(errors, nameof(SystemType), SystemType, 0, 12, quote: true);
        CheckAscii(errors, nameof(SourceAddress), SourceAddress, 1, 20, quote: true);
        CheckRange(errors, nameof(WindowSize), WindowSize, 1, 10_000);
        CheckRange(errors, nameof(BindsPerEndpoint), BindsPerEndpoint, 1, 64);
        CheckRange(errors, nameof(MaxThrottleRetries), MaxThrottleRetries, 0, 1_000);
        CheckRange(errors, nameof(MaxResubmits), MaxResubmits, 0, 100);
        CheckRange(errors, nameof(MaxPduLength), MaxPduLength, 64, 1024 * 1024);
        CheckRange(errors, nameof(MaxTrackedReceipts), MaxTrackedReceipts, 0, 100_000_000);
        CheckPositive(errors, nameof(ConnectTimeout), ConnectTimeout);
        CheckPositive(errors, nameof(ResponseTimeout), ResponseTimeout);
        CheckPositive(errors, nameof(EnquireLinkInterval), EnquireLinkInterval);
        CheckPositive(errors, nameof(ReconnectDelay), ReconnectDelay);
        CheckPositive(errors, nameof(ThrottleDelay), ThrottleDelay);
        if (ReceiveCoalescingDelay != TimeSpan.Zero
            && (ReceiveCoalescingDelay < TimeSpan.FromMilliseconds(1) || ReceiveCoalescingDelay > TimeSpan.FromMilliseconds(20)))
        {
            errors.Add($"{nameof(ReceiveCoalescingDelay)} must be zero (off) or 1 to 20 ms (it is {ReceiveCoalescingDelay}).");
        }

        if (MaxReconnectDelay < ReconnectDelay)
        {
            errors.Add($"{nameof(MaxReconnectDelay)} ({MaxReconnectDelay}) must not be shorter than {nameof(ReconnectDelay)} ({ReconnectDelay}).");
        }

        if (MaxThrottleDelay < ThrottleDelay)
        {
            errors.Add($"{nameof(MaxThrottleDelay)} ({MaxThrottleDelay}) must not be shorter than {nameof(ThrottleDelay)} ({ThrottleDelay}).");
        }

        if (!Enum.IsDefined(BindMode))
        {
            errors.Add($"{nameof(BindMode)} {(int)BindMode} is not a known mode.");
        }

        if (!Enum.IsDefined(Concatenation))
        {
            errors.Add($"{nameof(Concatenation)} {(int)Concatenation} is not a known mode.");
        }

        if (!Enum.IsDefined(DataCoding))
        {
            errors.Add($"{nameof(DataCoding)} {(int)DataCoding} is not a known policy.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SMPP options: " + string.Join(" ", errors));
        }
    }

    private static void CheckAscii(List<string> errors, string name, string? value, int min, int max, bool quote)
    {
        if (value is null)
        {
            errors.Add($"{name} must not be null.");
            return;
        }

        var shown = quote ? $" (it is \"{value}\")" : string.Empty;
        if (value.Length < min || value.Length > max)
        {
            errors.Add(min > 0 ? $"{name} must be {min} to {max} characters{shown}." : $"{name} must be at most {max} characters{shown}.");
        }

        foreach (var c in value)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                errors.Add($"{name} must be printable ASCII{shown}.");
                break;
            }
        }
    }

    private static void CheckRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be {min:N0} to {max:N0} (it is {value:N0}).");
        }
    }

    private static void CheckPositive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            errors.Add($"{name} must be more than zero and at most one day (it is {value}).");
        }
    }
}
