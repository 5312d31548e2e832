namespace BeAlert.Cap;

/// <summary>
/// The kind of EU-Alert cell broadcast a CAP info block becomes (ETSI TS 102 900 Table 1, message identifiers of
/// 3GPP TS 23.041 §9.4.1.2.2). See <see cref="EuAlertMapper"/> for how an info block maps onto one.
/// </summary>
public enum EuAlertLevel
{
    /// <summary>EU-Alert Level 1, the highest threat, decided by the authority (identifier 4370, additional language 4383).</summary>
    Level1,
    /// <summary>EU-Alert Level 2, extreme threat: severity Extreme, urgency Immediate (identifiers 4371–4372, 4384–4385).</summary>
    Level2,
    /// <summary>EU-Alert Level 3, severe threat: Extreme and Expected, or Severe and Immediate or Expected (4373–4378, 4386–4391).</summary>
    Level3,
    /// <summary>EU-Alert Level 4, public safety message (identifier 4396, additional language 4397).</summary>
    Level4,
    /// <summary>EU-Amber, a child abduction alert (identifier 4379, additional language 4392).</summary>
    Amber,
    /// <summary>EU-Info, an informative message (identifier 6400, no additional-language identifier).</summary>
    Info,
    /// <summary>The monthly test channel, for CAP status Test (identifier 4380, additional language 4393).</summary>
    MonthlyTest,
    /// <summary>EU-Exercise, for CAP status Exercise (identifier 4381, additional language 4394).</summary>
    Exercise,
}
