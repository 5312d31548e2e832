namespace BeAlert.Dispatch;

/// <summary>Phone number checks for the voice transport.</summary>
internal static class VoiceNumbers
{
    /// <summary>Whether a text is an E.164 number: a plus, then 8 to 15 digits, the first not zero.</summary>
    public static bool IsE164(string? number) =>
        number is { Length: >= 9 and <= 16 } && number[0] == '+' && number[1] is >= '1' and <= '9' && number.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
