using System.Globalization;

namespace BeAlert.Cap;

/// <summary>
/// CAP0403 (CAP 1.2 §3.2.2 headline, 'SHOULD be kept less than 160 characters'): a headline of 160 characters or more,
/// counted as user-perceived characters (text elements), not UTF-16 code units.
/// </summary>
internal sealed class HeadlineTooLongRule : CapRule
{
    internal const int Limit = 160;

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];

            // A string never has more text elements than UTF-16 units: short headlines need no counting.
            if (info.Headline is not { Length: >= Limit } headline)
            {
                continue;
            }

            var length = CountTextElements(headline);
            if (length >= Limit)
            {
                context.Report(
                    CapDiagnosticCodes.HeadlineTooLong,
                    $"<headline> is {length} characters long; keep it under {Limit} characters so that it fits text messages and cell broadcast, and move the details to <description>.",
                    CapPath.Field(CapPath.Info(i), "headline"),
                    info,
                    "headline");
            }
        }
    }

    internal static int CountTextElements(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            count++;
        }

        return count;
    }
}
