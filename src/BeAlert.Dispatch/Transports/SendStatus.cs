namespace BeAlert.Dispatch;

/// <summary>What a transport says about one send attempt.</summary>
public enum SendStatus : byte
{
    /// <summary>The peer accepted the message; a delivery receipt may follow (state becomes Sent).</summary>
    Accepted = 0,

    /// <summary>The message reached the person and no receipt will follow (state becomes Delivered).</summary>
    Delivered = 1,

    /// <summary>The attempt failed; <see cref="SendResult.Error"/> says why and whether a retry may help.</summary>
    Failed = 2,
}
