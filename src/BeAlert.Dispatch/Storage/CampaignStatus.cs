namespace BeAlert.Dispatch;

/// <summary>Where a campaign stands in its store.</summary>
public enum CampaignStatus : byte
{
    /// <summary>Created; its delivery plan is being written.</summary>
    Planning = 0,

    /// <summary>The plan is complete (sealed) and deliveries are going out; resumed after a restart.</summary>
    Running = 1,

    /// <summary>Every delivery reached a final state.</summary>
    Completed = 2,

    /// <summary>Stopped by an operator or a Cancel alert; what was still queued is Cancelled.</summary>
    Cancelled = 3,
}
