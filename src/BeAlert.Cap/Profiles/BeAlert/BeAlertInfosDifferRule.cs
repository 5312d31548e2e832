namespace BeAlert.Cap;

/// <summary>
/// BEA002 (BE-Alert §2): the info blocks of one alert are translations of one event, so everything except the texts is
/// the same in each: categories, urgency, severity, certainty, eventCodes, effective/onset/expires (as instants) and the
/// areas (compared without their translated areaDesc, in any order). Each info block is compared with the first one.
/// </summary>
internal sealed class BeAlertInfosDifferRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        if (infos.Count < 2)
        {
            return;
        }

        var first = infos[0];
        var firstAreas = Count(AreaShapes(first));
        for (var i = 1; i < infos.Count; i++)
        {
            var info = infos[i];
            var path = CapPath.Info(i);
            var against = $"in the first info block ({first.EffectiveLanguage})";

            if (Readable(context, first, info, "category") && !ProfileText.SameSet(first.Categories, info.Categories))
            {
                Report(context, info, path, "category", $"the categories {Categories(info)} differ from {Categories(first)} {against}");
            }

            Compare(context, first, info, path, "urgency", first.Urgency, info.Urgency, against);
            Compare(context, first, info, path, "severity", first.Severity, info.Severity, against);
            Compare(context, first, info, path, "certainty", first.Certainty, info.Certainty, against);

            if (Readable(context, first, info, "eventCode") && !ProfileText.SameSet(first.EventCodes, info.EventCodes))
            {
                Report(context, info, path, "eventCode", $"the eventCodes {ProfileText.List(info.EventCodes, ProfileText.Pair)} differ from {ProfileText.List(first.EventCodes, ProfileText.Pair)} {against}");
            }

            CompareTime(context, first, info, path, "effective", first.Effective, info.Effective, against);
            CompareTime(context, first, info, path, "onset", first.Onset, info.Onset, against);
            CompareTime(context, first, info, path, "expires", first.Expires, info.Expires, against);

            var areas = AreaShapes(info);
            if (!SameMultiset(firstAreas, areas))
            {
                var extra = areas.FindIndex(a => !firstAreas.ContainsKey(a));
                var (areaPath, owner) = extra >= 0 ? (CapPath.Area(i, extra), (object)info.Areas[extra]) : (path, info);
                var what = areas.Count != first.Areas.Count
                    ? $"this info block has {Pluralise(areas.Count, "area")} and the first ({first.EffectiveLanguage}) {Pluralise(first.Areas.Count, "area")}"
                    : extra >= 0 ? $"area {ProfileText.Number(extra + 1)} has no counterpart {against}"
                    : $"the same areas are repeated a different number of times than {against}";
                context.Report(
                    CapProfileDiagnosticCodes.BeAlertInfosDiffer,
                    $"The areas differ: {what}. Translations of one alert cover the same places, so give every info block the same polygons, circles, geocodes, altitude and ceiling; only <areaDesc> is translated.",
                    areaPath,
                    owner);
            }
        }
    }

    /// <summary>An area as compared across translations: everything but its description.</summary>
    private static List<CapArea> AreaShapes(CapInfo info) => [.. info.Areas.Select(a => a with { AreaDesc = string.Empty })];

    /// <summary>How often each area occurs: comparing counts is linear in the number of areas (hashing each once).</summary>
    private static Dictionary<CapArea, int> Count(List<CapArea> areas)
    {
        var counts = new Dictionary<CapArea, int>();
        foreach (var area in areas)
        {
            counts[area] = counts.GetValueOrDefault(area) + 1;
        }

        return counts;
    }

    private static bool SameMultiset(Dictionary<CapArea, int> expected, List<CapArea> areas)
    {
        var counts = Count(areas);
        return counts.Count == expected.Count && counts.All(c => expected.TryGetValue(c.Key, out var n) && n == c.Value);
    }

    private static void Compare<T>(CapRuleContext context, CapInfo first, CapInfo info, string path, string field, T expected, T actual, string against)
        where T : struct, Enum
    {
        if (Readable(context, first, info, field) && !EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Report(context, info, path, field, $"<{field}> is {CapEnumText.ToText(actual)} here and {CapEnumText.ToText(expected)} {against}");
        }
    }

    private static void CompareTime(CapRuleContext context, CapInfo first, CapInfo info, string path, string field, CapDateTime? expected, CapDateTime? actual, string against)
    {
        if (Readable(context, first, info, field) && expected?.UtcValue != actual?.UtcValue)
        {
            Report(context, info, path, field, $"<{field}> is {Time(actual)} here and {Time(expected)} {against}");
        }
    }

    private static void Report(CapRuleContext context, CapInfo info, string path, string field, string what) =>
        context.Report(
            CapProfileDiagnosticCodes.BeAlertInfosDiffer,
            $"Info blocks of one alert are translations of one event, yet {what}. Give every info block the same value; only the texts (event, headline, description, instruction, areaDesc...) are translated.",
            CapPath.Field(path, field),
            info,
            field);

    private static bool Readable(CapRuleContext context, CapInfo first, CapInfo info, string field) =>
        !context.IsUnreadable(first, field) && !context.IsUnreadable(info, field);

    private static string Categories(CapInfo info) => ProfileText.List(info.Categories, c => CapEnumText.ToText(c));

    private static string Time(CapDateTime? time) => time is { } t ? t.ToString() : "absent";

    private static string Pluralise(int count, string noun) => ProfileText.Number(count) + " " + noun + (count == 1 ? string.Empty : "s");
}
