namespace BeAlert.Dispatch;

/// <summary>How many people an audience reaches, for the operator's confirmation screen and the plan's size.</summary>
/// <param name="People">People in the audience (deduplicated), reachable or not.</param>
/// <param name="Recipients">People reachable on at least one requested channel (the members the resolution yields).</param>
/// <param name="Sms">Members to receive an SMS.</param>
/// <param name="Voice">Members to receive a voice call.</param>
/// <param name="Email">Members to receive an e-mail.</param>
/// <param name="ByLanguage">Members per chosen language (an alert language tag).</param>
public sealed record AudienceCounts(long People, long Recipients, long Sms, long Voice, long Email, IReadOnlyDictionary<string, long> ByLanguage)
{
    /// <summary>People in the audience whom no requested channel reaches (no phone, no e-mail, or channels they refused).</summary>
    public long Unreachable => People - Recipients;

    /// <summary>Deliveries the plan will hold: one per member and channel.</summary>
    public long Deliveries => Sms + Voice + Email;
}
