using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>The priorities the engine gives campaigns: real alerts overtake everything already queued.</summary>
public static class CampaignPriorities
{
    /// <summary>An Actual alert of severity Extreme, Severe or Moderate.</summary>
    public const int Alert = 100;

    /// <summary>An Actual alert of severity Minor or Unknown only: a general-interest message.</summary>
    public const int GeneralInterest = 50;

    /// <summary>An exercise.</summary>
    public const int Exercise = 20;

    /// <summary>A test, a system message or a draft.</summary>
    public const int Test = 10;

    /// <summary>The priority of <paramref name="alert"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>One of the constants of this class.</returns>
    public static int For(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        switch (alert.Status)
        {
            case CapStatus.Actual:
                foreach (var info in alert.Infos)
                {
                    if (info.Severity is CapSeverity.Extreme or CapSeverity.Severe or CapSeverity.Moderate)
                    {
                        return Alert;
                    }
                }

                return alert.Infos.Count == 0 ? Alert : GeneralInterest;
            case CapStatus.Exercise:
                return Exercise;
            default:
                return Test;
        }
    }
}
