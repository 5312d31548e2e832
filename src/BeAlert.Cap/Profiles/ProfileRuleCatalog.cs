namespace BeAlert.Cap;

/// <summary>
/// Every profile rule code with its severity, the clause of the profile it enforces and its title; the source of the
/// "Profiles" section of docs/specs.md. <see cref="CapRuleCatalog.Get"/> looks codes up here too, so profile rules
/// report through the same <see cref="CapRuleContext"/> as the CAP rules.
/// </summary>
internal static class ProfileRuleCatalog
{
    private const CapDiagnosticSeverity Error = CapDiagnosticSeverity.Error;
    private const CapDiagnosticSeverity Warning = CapDiagnosticSeverity.Warning;

    internal static readonly IReadOnlyList<CapRuleInfo> All =
    [
        // BE-Alert: our own profile, defined in docs/specs.md (Profiles / BE-Alert).
        Rule(CapProfileDiagnosticCodes.BeAlertLanguageNotOfficial, Error, "BE-Alert §1 languages", "An info block in a language other than Dutch, French, German or English."),
        Rule(CapProfileDiagnosticCodes.BeAlertInfosDiffer, Error, "BE-Alert §2 one event, several languages", "Info blocks describe different events: category, urgency, severity, certainty, eventCode, effective/onset/expires or areas differ."),
        Rule(CapProfileDiagnosticCodes.BeAlertRegionLanguageMissing, Warning, "BE-Alert §3 languages of the affected area", "No info block in a language that the affected municipalities need (nl in Flanders, fr in Wallonia, nl and fr in Brussels, de and fr in the German-language area)."),
        Rule(CapProfileDiagnosticCodes.BeAlertUnknownNisCode, Error, "BE-Alert §4 NIS geocodes", "A NIS geocode that is not the code of a Belgian municipality, arrondissement, province or region."),
        Rule(CapProfileDiagnosticCodes.BeAlertNisValueNameCase, Warning, "BE-Alert §4 NIS geocodes", "A geocode valueName that is a case variant of NIS."),
        Rule(CapProfileDiagnosticCodes.BeAlertSenderConvention, Error, "BE-Alert §5 sender", "The sender is neither an e-mail address nor an OID URN (urn:oid:...)."),
        Rule(CapProfileDiagnosticCodes.BeAlertIdentifierConvention, Error, "BE-Alert §6 identifier", "The identifier uses characters other than ASCII letters, digits, '-', '_', '.' and ':'."),
        Rule(CapProfileDiagnosticCodes.BeAlertTestNotInHeadline, Error, "BE-Alert §7 tests and exercises", "A Test or Exercise message whose headline does not say TEST, OEFENING, EXERCICE, ÜBUNG or EXERCISE."),
        Rule(CapProfileDiagnosticCodes.BeAlertExpiresRequired, Error, "BE-Alert §8 actual public alerts", "An Actual public Alert or Update without <expires>."),
        Rule(CapProfileDiagnosticCodes.BeAlertInstructionRequired, Error, "BE-Alert §8 actual public alerts", "An Actual public Alert or Update without <instruction>."),

        // EU-Alert: ETSI TS 102 900 and 3GPP TS 23.041 / 23.038.
        Rule(CapProfileDiagnosticCodes.EuAlertNotBroadcastable, Error, "ETSI TS 102 900 (public warning messages); CAP 1.2 §3.2.1 status", "A Draft or System Alert or Update cannot be broadcast."),
        Rule(CapProfileDiagnosticCodes.EuAlertNoLevel, Error, "ETSI TS 102 900 Table 1; 3GPP TS 23.041 §9.4.1.2.2", "An info block maps to no EU-Alert level."),
        Rule(CapProfileDiagnosticCodes.EuAlertLevelParameter, Error, "BeAlert EU-Alert mapping (parameter EU-Alert-Level); ETSI TS 102 900 Table 1", "The EU-Alert-Level parameter has an unknown value, appears with two values, or contradicts urgency, severity and certainty."),
        Rule(CapProfileDiagnosticCodes.EuAlertLevelsDiffer, Error, "3GPP TS 23.041 §9.4.1.2.2 (one identifier per message, additional languages on the paired identifier)", "The info blocks of one alert map to different cell broadcast message identifiers."),
        Rule(CapProfileDiagnosticCodes.EuAlertLanguage, Error, "3GPP TS 23.038 §5 (CBS data coding scheme: language as two ISO 639 characters)", "A language that a cell broadcast message cannot indicate (the primary subtag is not two letters)."),
        Rule(CapProfileDiagnosticCodes.EuAlertNoText, Error, "ETSI TS 102 900 (the warning message is text)", "An info block with no headline, description or instruction: nothing to broadcast."),
        Rule(CapProfileDiagnosticCodes.EuAlertTextTooLong, Error, "3GPP TS 23.041 §9.4.1.2, §9.4.2.2 (15 pages of 82 octets: 93 GSM-7 or 41 UCS-2 characters each)", "Headline and instruction alone exceed one cell broadcast message."),
        Rule(CapProfileDiagnosticCodes.EuAlertDescriptionTooLong, Warning, "3GPP TS 23.041 §9.4.1.2, §9.4.2.2 (15 pages of 82 octets: 93 GSM-7 or 41 UCS-2 characters each)", "Headline, description and instruction together exceed one cell broadcast message."),

        // IPAWS: OASIS CAP v1.2 USA IPAWS Profile v1.0; FCC 47 CFR parts 10 and 11.
        Rule(CapProfileDiagnosticCodes.IpawsVersionCode, Error, "IPAWS Profile v1.0 (alert/code)", "The alert does not carry <code>IPAWSv1.0</code>."),
        Rule(CapProfileDiagnosticCodes.IpawsSameEventCode, Error, "IPAWS Profile v1.0 (info/eventCode SAME)", "An info block without exactly one eventCode SAME with a three-letter event code."),
        Rule(CapProfileDiagnosticCodes.IpawsExpiresRequired, Error, "IPAWS Profile v1.0 (info/expires required)", "An info block without <expires>."),
        Rule(CapProfileDiagnosticCodes.IpawsAreaRequired, Error, "IPAWS Profile v1.0 (info/area required)", "An info block without <area>."),
        Rule(CapProfileDiagnosticCodes.IpawsInfosDiffer, Error, "IPAWS Profile v1.0 (same category and eventCode in every info)", "Info blocks with different categories or eventCodes."),
        Rule(CapProfileDiagnosticCodes.IpawsSameGeocodeMissing, Warning, "IPAWS Profile v1.0 (area/geocode SAME)", "An area without a SAME geocode."),
        Rule(CapProfileDiagnosticCodes.IpawsSameGeocodeFormat, Error, "IPAWS Profile v1.0 (SAME 6-digit location code PSSCCC)", "A SAME geocode whose value is not six digits."),
        Rule(CapProfileDiagnosticCodes.IpawsEasOrg, Error, "IPAWS Profile v1.0 (parameter EAS-ORG); 47 CFR 11.31 originator codes", "An EAS-ORG parameter whose value is not EAS, CIV, WXR or PEP."),
        Rule(CapProfileDiagnosticCodes.IpawsCmamTextTooLong, Error, "IPAWS Profile v1.0 (parameter CMAMtext, 90 characters)", "A CMAMtext parameter longer than 90 characters."),
        Rule(CapProfileDiagnosticCodes.IpawsCmamLongTextTooLong, Error, "FEMA IPAWS-OPEN WEA guidance (parameter CMAMlongtext, 360 characters); 47 CFR 10.430", "A CMAMlongtext parameter longer than 360 characters."),
        Rule(CapProfileDiagnosticCodes.IpawsLanguage, Warning, "47 CFR 10.480 (WEA in English and Spanish)", "An info block in a language other than English or Spanish."),
        Rule(CapProfileDiagnosticCodes.IpawsDescriptionOrInstruction, Warning, "IPAWS Profile v1.0 (meaningful description and instruction)", "An info block without <description> or <instruction>."),

        // CAP-CP: Canadian Profile (rule numbers of the CAP-CP rules document).
        Rule(CapProfileDiagnosticCodes.CapCpVersionCode, Error, "CAP-CP rule 3 (profile version in <code>)", "The alert does not carry a <code> profile:CAP-CP:<version>."),
        Rule(CapProfileDiagnosticCodes.CapCpInfoRequired, Error, "CAP-CP rule 5 (public alert messages include an info block)", "An Alert, Update or Cancel without <info>."),
        Rule(CapProfileDiagnosticCodes.CapCpInfosDiffer, Error, "CAP-CP rule 2 (one subject event per alert message)", "Info blocks with different eventCodes."),
        Rule(CapProfileDiagnosticCodes.CapCpEventCode, Error, "CAP-CP rule 8 (a recognised eventCode from the CAP-CP Event References)", "An info block without an eventCode profile:CAP-CP:Event:<version>."),
        Rule(CapProfileDiagnosticCodes.CapCpAreaRequired, Error, "CAP-CP rule 10 (area blocks are required)", "An info block without <area>."),
        Rule(CapProfileDiagnosticCodes.CapCpLocationGeocode, Error, "CAP-CP rule 9 (a recognised geocode from the CAP-CP Location References)", "An area without a geocode profile:CAP-CP:Location:<version>."),
        Rule(CapProfileDiagnosticCodes.CapCpLocationFormat, Error, "CAP-CP rule 9; Statistics Canada SGC (province 2, census division 4, subdivision 7 digits)", "A CAP-CP location value that is not an SGC code."),
        Rule(CapProfileDiagnosticCodes.CapCpLanguage, Warning, "CAP-CP rule 6 (content language en-CA or fr-CA)", "An info block whose language is not en-CA or fr-CA."),
        Rule(CapProfileDiagnosticCodes.CapCpEnglishAndFrench, Warning, "CAP-CP rule 6 (English and French info blocks)", "The alert lacks an English or a French info block."),
        Rule(CapProfileDiagnosticCodes.CapCpExpiresRecommended, Warning, "CAP-CP rule 13 (expires strongly recommended)", "An info block without <expires>."),
        Rule(CapProfileDiagnosticCodes.CapCpSenderNameRecommended, Warning, "CAP-CP rule 14 (senderName strongly recommended)", "An info block without <senderName>."),
        Rule(CapProfileDiagnosticCodes.CapCpResponseRecommended, Warning, "CAP-CP rule 15 (responseType with a matching instruction)", "An info block without <responseType> or <instruction>."),

        // CAP-AU: Australian Government Standard CAP-AU-STD 1.0 and its AUeventLIST.
        Rule(CapProfileDiagnosticCodes.CapAuVersionCode, Error, "CAP-AU-STD 1.0 (alert/code)", "The alert does not carry <code>urn:oasis:names:tc:emergency:cap:1.2:profile:CAP-AU:1.0</code>."),
        Rule(CapProfileDiagnosticCodes.CapAuInfoRequired, Error, "CAP-AU-STD 1.0 (info required for Alert, Update, Cancel)", "An Alert, Update or Cancel without <info>."),
        Rule(CapProfileDiagnosticCodes.CapAuInfosDiffer, Error, "CAP-AU-STD 1.0 (same category and eventCode in every info)", "Info blocks with different categories or eventCodes."),
        Rule(CapProfileDiagnosticCodes.CapAuEventCode, Error, "CAP-AU-STD 1.0 (one authorised AUeventLIST eventCode per alert)", "An info block without exactly one AUeventLIST eventCode."),
        Rule(CapProfileDiagnosticCodes.CapAuUnknownEventCode, Error, "CAP-AU-STD 1.0 AUeventLIST 1.0", "An AUeventLIST eventCode that the list does not define."),
        Rule(CapProfileDiagnosticCodes.CapAuEventName, Error, "CAP-AU-STD 1.0 AUeventLIST 1.0 (event matches its Tier I or Tier II name)", "An English <event> that is not the AUeventLIST name of its eventCode."),
        Rule(CapProfileDiagnosticCodes.CapAuEventsDifferInLanguage, Error, "CAP-AU-STD 1.0 (one event per language)", "Info blocks in the same language with different <event>."),
        Rule(CapProfileDiagnosticCodes.CapAuEffectiveInCancel, Error, "CAP-AU-STD 1.0 (no effective in a Cancel)", "A Cancel whose info carries <effective>."),
        Rule(CapProfileDiagnosticCodes.CapAuAreaRequired, Error, "CAP-AU-STD 1.0 (area required)", "An info block without <area>."),
        Rule(CapProfileDiagnosticCodes.CapAuSenderEmail, Warning, "CAP-AU-STD 1.0 (sender recommended as example@domain)", "The sender is not an e-mail address."),
        Rule(CapProfileDiagnosticCodes.CapAuExpiresRecommended, Warning, "CAP-AU-STD 1.0 (expires strongly recommended)", "An info block without <expires>."),
        Rule(CapProfileDiagnosticCodes.CapAuSenderNameRecommended, Warning, "CAP-AU-STD 1.0 (senderName strongly recommended)", "An info block without <senderName>."),
        Rule(CapProfileDiagnosticCodes.CapAuResponseRecommended, Warning, "CAP-AU-STD 1.0 (responseType with a matching instruction)", "An info block without <responseType> or <instruction>."),
    ];

    private static CapRuleInfo Rule(string code, CapDiagnosticSeverity severity, string clause, string title) =>
        new(code, severity, CapRuleKind.Profile, clause, title);
}
