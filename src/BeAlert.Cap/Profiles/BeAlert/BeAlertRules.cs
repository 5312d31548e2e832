namespace BeAlert.Cap;

/// <summary>The rules of the BE-Alert profile (<see cref="CapProfile.BeAlert"/>), in code order.</summary>
internal static class BeAlertRules
{
    /// <summary>The languages a BE-Alert info block may be written in: the three official languages and English.</summary>
    internal static readonly string[] Languages = ["nl", "fr", "de", "en"];

    internal static readonly IReadOnlyList<CapRule> All =
    [
        new BeAlertLanguageRule(),
        new BeAlertInfosDifferRule(),
        new BeAlertRegionLanguageRule(),
        new BeAlertNisCodeRule(),
        new BeAlertSenderRule(),
        new BeAlertIdentifierRule(),
        new BeAlertTestHeadlineRule(),
        new BeAlertActualPublicRule(),
    ];

    /// <summary>Whether the alert is an Actual, public Alert or Update: what the public receives as a real alert.</summary>
    internal static bool IsActualPublicAlert(CapAlert alert) =>
        alert is { Status: CapStatus.Actual, Scope: CapScope.Public, MsgType: CapMessageType.Alert or CapMessageType.Update };

    /// <summary>The name of a language for messages.</summary>
    internal static string LanguageName(string language) => language switch
    {
        "nl" => "Dutch (nl)",
        "fr" => "French (fr)",
        "de" => "German (de)",
        "en" => "English (en)",
        _ => language,
    };
}
