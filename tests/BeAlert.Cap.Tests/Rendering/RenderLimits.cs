using System.Globalization;

namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Checks that a rendering respects its channel's limits, measured independently of the renderer.</summary>
internal static class RenderLimits
{
    internal static void AssertWithin(SmsMessage sms, RenderOptions options)
    {
        Assert.InRange(sms.SegmentCount, 1, options.SmsMaxSegments);
        Assert.Equal(sms.Text, string.Concat(sms.Segments));
        var gsm = GsmAlphabetListing.IsGsm(sms.Text);
        Assert.Equal(gsm ? SmsDataCoding.Gsm7 : SmsDataCoding.Ucs2, sms.DataCoding);
        var limit = sms.SegmentCount == 1 ? (gsm ? 160 : 70) : (gsm ? 153 : 67);
        Assert.All(sms.Segments, s => Assert.InRange(gsm ? s.Sum(GsmAlphabetListing.Cost) : s.Length, 0, limit));
        Assert.Equal(sms.SegmentCount * options.SmsTariffPerSegment, sms.CostPerRecipient);
        AssertClean(sms.Text);
    }

    internal static void AssertWithin(CellBroadcastMessage cb, RenderOptions options)
    {
        Assert.InRange(cb.Pages.Count, 1, options.CellBroadcastMaxPages);
        Assert.Equal(cb.Text, string.Concat(cb.Pages));
        var gsm = GsmAlphabetListing.IsGsm(cb.Text);
        Assert.Equal(gsm ? SmsDataCoding.Gsm7 : SmsDataCoding.Ucs2, cb.DataCoding);
        Assert.All(cb.Pages, p => Assert.InRange(gsm ? p.Sum(GsmAlphabetListing.Cost) : p.Length, 0, gsm ? 93 : 41));
        AssertClean(cb.Text);
    }

    internal static void AssertWithin(VoiceScript voice, RenderOptions options)
    {
        Assert.InRange(voice.Text.Length, 1, options.VoiceMaxCharacters);
        AssertClean(voice.Text);
        Assert.NotNull(System.Xml.Linq.XDocument.Parse(voice.Ssml).Root);
    }

    internal static void AssertWithin(EmailMessage email, RenderOptions options)
    {
        Assert.InRange(email.Subject.Length, 1, 200);
        Assert.DoesNotContain('\n', email.Subject);
        AssertClean(email.Subject);
        AssertClean(email.TextBody);
        AssertClean(email.HtmlBody);
        Assert.InRange(email.TextBody.Length, 1, (options.MaxFieldLength * 12) + 10_000);
    }

    internal static void AssertWithin(SignageText signage, RenderOptions options)
    {
        Assert.InRange(signage.Lines.Count, 0, options.SignageLines);
        Assert.All(signage.Lines, l => Assert.InRange(new StringInfo(l).LengthInTextElements, 1, options.SignageColumns));
        AssertClean(signage.Text);
    }

    /// <summary>No control characters but line feeds, no lone surrogates, no bidirectional overrides.</summary>
    private static void AssertClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            Assert.False(char.IsControl(c) && c != '\n', $"U+{(int)c:X4} at {i}");
            Assert.False(c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069', $"bidi control U+{(int)c:X4} at {i}");
            if (char.IsHighSurrogate(c))
            {
                Assert.True(i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]), $"lone high surrogate at {i}");
                i++;
            }
            else
            {
                Assert.False(char.IsLowSurrogate(c), $"lone low surrogate at {i}");
            }
        }
    }
}
