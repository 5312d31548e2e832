namespace BeAlert.Gateway.Web.Pages.Citizen;

/// <summary>Constants of the citizen pages.</summary>
public static class CitizenPages
{
    /// <summary>The version of the privacy notice shown on the registration page (recorded with the consent).</summary>
    public const string ConsentVersion = "2026-11-web";
}
