namespace BeAlert.Dispatch;

/// <summary>The agreement an operator signed, which decides what they may alert.</summary>
public enum AgreementType
{
    /// <summary>Type 1, population alerting: registered subscribers by place, location-based SMS (once trained), CAP publication, and their own groups.</summary>
    PopulationAlerting = 1,

    /// <summary>Type 2, group alerting only (school boards, volunteer corps, neighbourhood watches): the members of their own groups and lists.</summary>
    GroupAlerting = 2,
}
