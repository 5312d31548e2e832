using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Rendering;

/// <summary>For any text: the segments give the text back, each fits its limit, and no segmentation has fewer segments.</summary>
public sealed class SmsSegmenterProperties
{
    private static readonly char[] GsmBasic = [.. GsmAlphabetListing.Basic.Select(r => (char)r.Scalar)];

    private static readonly char[] GsmExtension = [.. GsmAlphabetListing.Extension.Select(r => (char)r.Scalar)];

    /// <summary>Mostly GSM text, often with extension characters, sometimes with non-GSM letters, emoji and lone surrogates.</summary>
    private static Gen<string> Texts { get; } =
        from pieces in Gen.Frequency(
            (40, Gen.Elements(GsmBasic).Select(c => c.ToString())),
            (8, Gen.Elements(GsmExtension).Select(c => c.ToString())),
            (2, Gen.Elements("ë", "ç", "ж", "’", "\u00A0")),
            (2, Gen.Elements("😀", "🚒", "𝄞")),
            (1, Gen.Elements("\uD83D", "\uDE00")))
            .ListOf().Resize(600)
        from gsmOnly in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
        let text = string.Concat(pieces)
        select gsmOnly ? new string([.. text.Where(c => GsmAlphabetListing.Cost(c) > 0)]) : text;

    [Property(MaxTest = 400)]
    public Property Segment_Concatenation_GivesTheTextBack() =>
        Prop.ForAll(Arb.From(Texts), text => string.Concat(SmsSegmenter.Segment(text).Segments) == text);

    [Property(MaxTest = 400)]
    public Property Segment_DataCoding_IsGsm7ExactlyWhenTheListingHasEveryCharacter() =>
        Prop.ForAll(Arb.From(Texts), text =>
            (SmsSegmenter.Segment(text).DataCoding == SmsDataCoding.Gsm7) == GsmAlphabetListing.IsGsm(text));

    [Property(MaxTest = 400)]
    public Property Segment_EverySegment_FitsItsLimitWithoutSplittingAPair() =>
        Prop.ForAll(Arb.From(Texts), text =>
        {
            var result = SmsSegmenter.Segment(text);
            var gsm = result.DataCoding == SmsDataCoding.Gsm7;
            var limit = result.SegmentCount == 1 ? (gsm ? 160 : 70) : (gsm ? 153 : 67);
            var fits = result.Segments.All(s => Units(s, gsm) <= limit);
            var pairsWhole = result.Segments.Zip(result.Segments.Skip(1))
                .All(p => p.First.Length == 0 || p.Second.Length == 0 || !(char.IsHighSurrogate(p.First[^1]) && char.IsLowSurrogate(p.Second[0])));
            return fits && pairsWhole;
        });

    [Property(MaxTest = 300)]
    public Property Segment_SegmentCount_IsMinimal() =>
        Prop.ForAll(Arb.From(Texts), text =>
        {
            var result = SmsSegmenter.Segment(text);
            return result.SegmentCount == MinimalSegments(text) && SmsSegmenter.CountSegments(text, out _) == result.SegmentCount;
        });

    private static int Units(string segment, bool gsm) => gsm ? segment.Sum(GsmAlphabetListing.Cost) : segment.Length;

    /// <summary>
    /// The fewest segments by dynamic programming over indivisible atoms (a character; a surrogate pair in UCS-2):
    /// independent of the greedy filling under test.
    /// </summary>
    private static int MinimalSegments(string text)
    {
        var gsm = GsmAlphabetListing.IsGsm(text);
        var atoms = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (gsm)
            {
                atoms.Add(GsmAlphabetListing.Cost(text[i]));
            }
            else if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                atoms.Add(2);
                i++;
            }
            else
            {
                atoms.Add(1);
            }
        }

        if (atoms.Sum() <= (gsm ? 160 : 70))
        {
            return 1;
        }

        var capacity = gsm ? 153 : 67;
        var best = new int[atoms.Count + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var end = 1; end <= atoms.Count; end++)
        {
            var used = 0;
            for (var start = end - 1; start >= 0; start--)
            {
                used += atoms[start];
                if (used > capacity)
                {
                    break;
                }

                if (best[start] != int.MaxValue)
                {
                    best[end] = Math.Min(best[end], best[start] + 1);
                }
            }
        }

        return best[atoms.Count];
    }
}
