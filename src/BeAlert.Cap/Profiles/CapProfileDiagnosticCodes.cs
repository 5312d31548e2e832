namespace BeAlert.Cap;

/// <summary>
/// The stable codes of the diagnostics that a <see cref="CapProfile"/> adds on top of CAP 1.2 (whose own codes are in
/// <see cref="CapDiagnosticCodes"/>). Each profile has its own prefix: BEA (BE-Alert), EUA (EU-Alert), IPW (IPAWS),
/// CCP (CAP-CP), CAU (CAP-AU). Codes never change meaning; docs/specs.md ("Profiles") maps each to its source.
/// </summary>
public static class CapProfileDiagnosticCodes
{
    /// <summary>BEA001: An info block in a language other than Dutch, French, German or English.</summary>
    public const string BeAlertLanguageNotOfficial = "BEA001";

    /// <summary>BEA002: Info blocks (translations of one alert) describe different events: category, urgency, severity, certainty, eventCode, times or areas differ.</summary>
    public const string BeAlertInfosDiffer = "BEA002";

    /// <summary>BEA003: No info block in a language that the affected municipalities need.</summary>
    public const string BeAlertRegionLanguageMissing = "BEA003";

    /// <summary>BEA004: A NIS geocode that is not the code of a Belgian municipality, arrondissement, province or region.</summary>
    public const string BeAlertUnknownNisCode = "BEA004";

    /// <summary>BEA005: A geocode valueName that is a case variant of NIS.</summary>
    public const string BeAlertNisValueNameCase = "BEA005";

    /// <summary>BEA006: The sender is neither an e-mail address nor an OID URN.</summary>
    public const string BeAlertSenderConvention = "BEA006";

    /// <summary>BEA007: The identifier uses characters outside letters, digits, '-', '_', '.' and ':'.</summary>
    public const string BeAlertIdentifierConvention = "BEA007";

    /// <summary>BEA008: A Test or Exercise message whose headline does not say so.</summary>
    public const string BeAlertTestNotInHeadline = "BEA008";

    /// <summary>BEA009: An Actual public Alert or Update without an expiry time.</summary>
    public const string BeAlertExpiresRequired = "BEA009";

    /// <summary>BEA010: An Actual public Alert or Update without an instruction.</summary>
    public const string BeAlertInstructionRequired = "BEA010";

    /// <summary>EUA001: A Draft or System message cannot be broadcast.</summary>
    public const string EuAlertNotBroadcastable = "EUA001";

    /// <summary>EUA002: An info block maps to no EU-Alert level.</summary>
    public const string EuAlertNoLevel = "EUA002";

    /// <summary>EUA003: The EU-Alert-Level parameter has an unknown value or contradicts urgency, severity and certainty.</summary>
    public const string EuAlertLevelParameter = "EUA003";

    /// <summary>EUA004: The info blocks of one alert map to different cell broadcast message identifiers.</summary>
    public const string EuAlertLevelsDiffer = "EUA004";

    /// <summary>EUA005: A language that a cell broadcast message cannot indicate (not a two-letter ISO 639 code).</summary>
    public const string EuAlertLanguage = "EUA005";

    /// <summary>EUA006: An info block with no text to broadcast (no headline, description or instruction).</summary>
    public const string EuAlertNoText = "EUA006";

    /// <summary>EUA007: Headline and instruction alone do not fit in one cell broadcast message (15 pages).</summary>
    public const string EuAlertTextTooLong = "EUA007";

    /// <summary>EUA008: Headline, description and instruction together do not fit in one cell broadcast message (15 pages).</summary>
    public const string EuAlertDescriptionTooLong = "EUA008";

    /// <summary>IPW001: The alert does not declare the profile with &lt;code&gt;IPAWSv1.0&lt;/code&gt;.</summary>
    public const string IpawsVersionCode = "IPW001";

    /// <summary>IPW002: An info block without exactly one SAME eventCode of three letters.</summary>
    public const string IpawsSameEventCode = "IPW002";

    /// <summary>IPW003: An info block without an expiry time.</summary>
    public const string IpawsExpiresRequired = "IPW003";

    /// <summary>IPW004: An info block without an area.</summary>
    public const string IpawsAreaRequired = "IPW004";

    /// <summary>IPW005: Info blocks with different categories or eventCodes.</summary>
    public const string IpawsInfosDiffer = "IPW005";

    /// <summary>IPW006: An area without a SAME geocode.</summary>
    public const string IpawsSameGeocodeMissing = "IPW006";

    /// <summary>IPW007: A SAME geocode whose value is not six digits.</summary>
    public const string IpawsSameGeocodeFormat = "IPW007";

    /// <summary>IPW008: An EAS-ORG parameter whose value is not an EAS originator code.</summary>
    public const string IpawsEasOrg = "IPW008";

    /// <summary>IPW009: A CMAMtext parameter longer than 90 characters.</summary>
    public const string IpawsCmamTextTooLong = "IPW009";

    /// <summary>IPW010: A CMAMlongtext parameter longer than 360 characters.</summary>
    public const string IpawsCmamLongTextTooLong = "IPW010";

    /// <summary>IPW011: An info block in a language other than English or Spanish.</summary>
    public const string IpawsLanguage = "IPW011";

    /// <summary>IPW012: An info block without a description or an instruction.</summary>
    public const string IpawsDescriptionOrInstruction = "IPW012";

    /// <summary>CCP001: The alert does not declare the profile with a &lt;code&gt; profile:CAP-CP:version.</summary>
    public const string CapCpVersionCode = "CCP001";

    /// <summary>CCP002: An Alert, Update or Cancel without an info block.</summary>
    public const string CapCpInfoRequired = "CCP002";

    /// <summary>CCP003: Info blocks with different eventCodes (one alert, one subject event).</summary>
    public const string CapCpInfosDiffer = "CCP003";

    /// <summary>CCP004: An info block without a CAP-CP event code (valueName profile:CAP-CP:Event:version).</summary>
    public const string CapCpEventCode = "CCP004";

    /// <summary>CCP005: An info block without an area.</summary>
    public const string CapCpAreaRequired = "CCP005";

    /// <summary>CCP006: An area without a CAP-CP location geocode (valueName profile:CAP-CP:Location:version).</summary>
    public const string CapCpLocationGeocode = "CCP006";

    /// <summary>CCP007: A CAP-CP location value that is not a Standard Geographical Classification code.</summary>
    public const string CapCpLocationFormat = "CCP007";

    /// <summary>CCP008: An info block whose language is not en-CA or fr-CA.</summary>
    public const string CapCpLanguage = "CCP008";

    /// <summary>CCP009: The alert lacks an English or a French info block.</summary>
    public const string CapCpEnglishAndFrench = "CCP009";

    /// <summary>CCP010: An info block without an expiry time.</summary>
    public const string CapCpExpiresRecommended = "CCP010";

    /// <summary>CCP011: An info block without a senderName.</summary>
    public const string CapCpSenderNameRecommended = "CCP011";

    /// <summary>CCP012: An info block without a responseType or an instruction.</summary>
    public const string CapCpResponseRecommended = "CCP012";

    /// <summary>CAU001: The alert does not declare the profile with its CAP-AU &lt;code&gt;.</summary>
    public const string CapAuVersionCode = "CAU001";

    /// <summary>CAU002: An Alert, Update or Cancel without an info block.</summary>
    public const string CapAuInfoRequired = "CAU002";

    /// <summary>CAU003: Info blocks with different categories or eventCodes.</summary>
    public const string CapAuInfosDiffer = "CAU003";

    /// <summary>CAU004: An info block without exactly one AUeventLIST event code.</summary>
    public const string CapAuEventCode = "CAU004";

    /// <summary>CAU005: An AUeventLIST event code that the list does not define.</summary>
    public const string CapAuUnknownEventCode = "CAU005";

    /// <summary>CAU006: An English &lt;event&gt; that is not the AUeventLIST event name of its event code.</summary>
    public const string CapAuEventName = "CAU006";

    /// <summary>CAU007: Info blocks in the same language with different events.</summary>
    public const string CapAuEventsDifferInLanguage = "CAU007";

    /// <summary>CAU008: A Cancel with an effective time.</summary>
    public const string CapAuEffectiveInCancel = "CAU008";

    /// <summary>CAU009: An info block without an area.</summary>
    public const string CapAuAreaRequired = "CAU009";

    /// <summary>CAU010: The sender is not an e-mail address.</summary>
    public const string CapAuSenderEmail = "CAU010";

    /// <summary>CAU011: An info block without an expiry time.</summary>
    public const string CapAuExpiresRecommended = "CAU011";

    /// <summary>CAU012: An info block without a senderName.</summary>
    public const string CapAuSenderNameRecommended = "CAU012";

    /// <summary>CAU013: An info block without a responseType or an instruction.</summary>
    public const string CapAuResponseRecommended = "CAU013";
}
