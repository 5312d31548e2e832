namespace BeAlert.Dispatch.Smpp;

/// <summary>How a text longer than one SMS reaches the SMSC.</summary>
public enum SmppConcatenation
{
    /// <summary>
    /// One submit_sm per segment, each short_message starting with a concatenation user data header (3GPP TS 23.040
    /// §9.2.3.24.1: IEI 0x00, an 8-bit reference, the count and the part number) and esm_class 0x40. The default.
    /// </summary>
    Udh,

    /// <summary>One submit_sm per segment with the sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs (SMPP 3.4 §5.3.2.22-24).</summary>
    Sar,

    /// <summary>The whole text in one submit_sm's message_payload TLV (SMPP 3.4 §5.3.2.32); the SMSC segments it.</summary>
    Payload,
}
