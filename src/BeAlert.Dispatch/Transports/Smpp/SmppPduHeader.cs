namespace BeAlert.Dispatch.Smpp;

/// <summary>The 16-octet header every SMPP PDU starts with (SMPP 3.4 §3.2): four big-endian unsigned integers.</summary>
/// <param name="Length">command_length: the whole PDU, header included.</param>
/// <param name="CommandId">command_id.</param>
/// <param name="Status">command_status (0 in requests).</param>
/// <param name="Sequence">sequence_number: a response carries its request's.</param>
internal readonly record struct SmppPduHeader(uint Length, SmppCommandId CommandId, uint Status, uint Sequence)
{
    /// <summary>The size of the header in octets.</summary>
    public const int Size = 16;

    /// <summary>Whether the PDU is a response (the high bit of command_id is set, SMPP 3.4 §5.1.2.1).</summary>
    public bool IsResponse => ((uint)CommandId & 0x80000000u) != 0;
}
