namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Segment boundaries: single 160/70, concatenated 153/67, pairs never split.</summary>
public sealed class SmsSegmenterTests
{
    private const char NonGsm = 'ж';

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Segment_Gsm7Length_GivesSegments(int length, int segments)
    {
        var result = SmsSegmenter.Segment(new string('a', length));

        Assert.Equal(SmsDataCoding.Gsm7, result.DataCoding);
        Assert.Equal(length, result.Units);
        Assert.Equal(segments, result.SegmentCount);
        Assert.Equal(segments, SmsSegmenter.CountSegments(new string('a', length), out _));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Segment_Ucs2Length_GivesSegments(int length, int segments)
    {
        var result = SmsSegmenter.Segment(new string(NonGsm, length));

        Assert.Equal(SmsDataCoding.Ucs2, result.DataCoding);
        Assert.Equal(segments, result.SegmentCount);
    }

    [Fact]
    public void Segment_161Characters_Is153Then8()
    {
        var result = SmsSegmenter.Segment(new string('a', 161));

        Assert.Equal([153, 8], result.Segments.Select(s => s.Length));
    }

    [Fact]
    public void Segment_OneNonGsmCharacter_TurnsTheWholeTextUcs2()
    {
        var result = SmsSegmenter.Segment(new string('a', 100) + "ë");

        Assert.Equal(SmsDataCoding.Ucs2, result.DataCoding);
        Assert.Equal(101, result.Units);
        Assert.Equal([67, 34], result.Segments.Select(s => s.Length));
    }

    [Fact]
    public void Segment_ExtensionCharacterFillingTheSingleSms_StaysOne()
    {
        var result = SmsSegmenter.Segment(new string('a', 158) + "€");

        Assert.Equal(160, result.Units);
        Assert.Equal(1, result.SegmentCount);
    }

    [Fact]
    public void Segment_ExtensionCharacterOneSeptetOverTheSingleSms_GivesTwo()
    {
        var result = SmsSegmenter.Segment(new string('a', 159) + "€");

        Assert.Equal(161, result.Units);
        Assert.Equal(2, result.SegmentCount);
    }

    [Fact]
    public void Segment_ExtensionCharacterAtTheSegmentEdge_MovesWholeToTheNextSegment()
    {
        // 152 septets leave one in the first part: the escape pair of '€' does not fit and is not split.
        var text = new string('a', 152) + "€" + new string('b', 20);

        var result = SmsSegmenter.Segment(text);

        Assert.Equal(new string('a', 152), result.Segments[0]);
        Assert.StartsWith("€", result.Segments[1], StringComparison.Ordinal);
        Assert.Equal(text, string.Concat(result.Segments));
    }

    [Fact]
    public void Segment_ExtensionCharacterEndingTheSegment_StaysInIt()
    {
        var text = new string('a', 151) + "€" + new string('b', 20);

        var result = SmsSegmenter.Segment(text);

        Assert.Equal(new string('a', 151) + "€", result.Segments[0]);
    }

    [Fact]
    public void Segment_EmojiAtTheUcs2SegmentEdge_MovesWholeToTheNextSegment()
    {
        // 66 units leave one in the first part: the surrogate pair does not fit and is not split.
        var text = new string(NonGsm, 66) + "😀" + new string(NonGsm, 10);

        var result = SmsSegmenter.Segment(text);

        Assert.Equal(78, result.Units);
        Assert.Equal(new string(NonGsm, 66), result.Segments[0]);
        Assert.StartsWith("😀", result.Segments[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_EmojiFillingTheSingleUcs2Sms_StaysOne()
    {
        var result = SmsSegmenter.Segment(new string(NonGsm, 68) + "😀");

        Assert.Equal(70, result.Units);
        Assert.Equal(1, result.SegmentCount);
    }

    [Fact]
    public void Segment_Empty_IsOneEmptySegment()
    {
        var result = SmsSegmenter.Segment(string.Empty);

        Assert.Equal([string.Empty], result.Segments);
    }

    [Fact]
    public void Segment_LoneSurrogate_IsCarriedAsOneUnit()
    {
        var text = new string(NonGsm, 66) + "\uD800" + new string(NonGsm, 10);

        var result = SmsSegmenter.Segment(text);

        Assert.Equal(SmsDataCoding.Ucs2, result.DataCoding);
        Assert.Equal(67, result.Segments[0].Length);
        Assert.Equal(text, string.Concat(result.Segments));
    }
}
