namespace BeAlert.Cap;

/// <summary>
/// BEA008 (BE-Alert §7): a Test or Exercise message says so in the headline of every info block, with one of the words
/// TEST, OEFENING, EXERCICE, ÜBUNG (or UEBUNG) or EXERCISE, in any letter case, as a whole word. The 2018 national
/// test showed that people who were not told a message was a test took it for real.
/// </summary>
internal sealed class BeAlertTestHeadlineRule : CapRule
{
    private static readonly string[] Markers = ["TEST", "OEFENING", "EXERCICE", "ÜBUNG", "UEBUNG", "EXERCISE"];

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Status is not (CapStatus.Test or CapStatus.Exercise))
        {
            return;
        }

        var status = CapEnumText.ToText(alert.Status);
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (context.IsUnreadable(info, "headline") || HasMarker(info.Headline))
            {
                continue;
            }

            var what = ProfileText.HasText(info.Headline) ? $"<headline> {CapRuleText.Quote(info.Headline)} does not say so" : "there is no <headline> saying so";
            context.Report(
                CapProfileDiagnosticCodes.BeAlertTestNotInHeadline,
                $"The alert's status is {status} but {what}: start the headline with TEST, OEFENING, EXERCICE, ÜBUNG or EXERCISE (for example 'OEFENING: ...' in Dutch) so nobody mistakes it for a real alert.",
                ProfileText.HasText(info.Headline) ? CapPath.Field(CapPath.Info(i), "headline") : CapPath.Info(i),
                info,
                ProfileText.HasText(info.Headline) ? "headline" : string.Empty);
        }
    }

    /// <summary>Whether the headline contains a marker as a whole word (not inside a longer word), ignoring case.</summary>
    internal static bool HasMarker(string? headline)
    {
        if (string.IsNullOrEmpty(headline))
        {
            return false;
        }

        foreach (var marker in Markers)
        {
            var from = 0;
            int at;
            while ((at = headline.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = at + marker.Length;
                if ((at == 0 || !char.IsLetter(headline[at - 1])) && (end == headline.Length || !char.IsLetter(headline[end])))
                {
                    return true;
                }

                from = at + 1;
            }
        }

        return false;
    }
}
