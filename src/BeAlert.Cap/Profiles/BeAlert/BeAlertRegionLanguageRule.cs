namespace BeAlert.Cap;

/// <summary>
/// BEA003 (BE-Alert §3): a public Alert or Update carries an info block in every language that the places in its NIS
/// geocodes need: Dutch in the Flemish Region, French in the Walloon Region, Dutch and French in Brussels-Capital,
/// German and French in the nine municipalities of the German-language area (French speakers there have language
/// facilities). An arrondissement, province or region needs the languages of all its municipalities. A warning: the
/// platform still reaches each subscriber in the language they chose, but people who did not subscribe read the
/// public message as it is.
/// </summary>
internal sealed class BeAlertRegionLanguageRule : CapRule
{
    private const int NamesShown = 3;

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Scope != CapScope.Public || alert.MsgType is not (CapMessageType.Alert or CapMessageType.Update) || alert.Infos.Count == 0)
        {
            return;
        }

        // Which places need which language, in document order, each place once.
        var needs = new Dictionary<string, List<BelgianNisUnit>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in alert.Infos)
        {
            foreach (var area in info.Areas)
            {
                foreach (var geocode in area.Geocodes)
                {
                    if (!string.Equals(geocode.ValueName, BeAlertNisCodeRule.ValueName, StringComparison.OrdinalIgnoreCase)
                        || !BelgianNisTable.TryGet(geocode.Value, out var unit) || !seen.Add(unit.Code))
                    {
                        continue;
                    }

                    foreach (var language in unit.Languages)
                    {
                        if (!needs.TryGetValue(language, out var places))
                        {
                            needs[language] = places = [];
                        }

                        places.Add(unit);
                    }
                }
            }
        }

        var present = alert.Infos.Select(ProfileText.PrimaryLanguage).ToHashSet(StringComparer.Ordinal);
        foreach (var language in BeAlertRules.Languages)
        {
            if (!needs.TryGetValue(language, out var places) || present.Contains(language))
            {
                continue;
            }

            var shown = string.Join(", ", places.Take(NamesShown).Select(p => $"{p.DisplayName} ({p.Code})"));
            var more = places.Count > NamesShown ? $" and {ProfileText.Number(places.Count - NamesShown)} more" : string.Empty;
            context.Report(
                CapProfileDiagnosticCodes.BeAlertRegionLanguageMissing,
                $"No info block in {BeAlertRules.LanguageName(language)}, which the alert needs for {shown}{more}: alerts are given in Dutch in Flanders, French in Wallonia, Dutch and French in Brussels, German and French in the German-language area. Add an info block with <language>{language}-BE</language> carrying the same event and areas.",
                CapPath.Alert,
                alert);
        }
    }
}
