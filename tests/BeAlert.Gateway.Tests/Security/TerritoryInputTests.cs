using System.Globalization;
using BeAlert.Gateway.Security.Admin;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Gateway.Tests.Security;

/// <summary>The admin API's area checks: any text is either accepted or refused with a message, never an exception.</summary>
public sealed class TerritoryInputTests
{
    private static Gen<string> PolygonLike { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
        from n in Gen.Choose(0, 12)
        from points in Gen.ListOf(
            from lat in Gen.Choose(-9500, 9500)
            from lon in Gen.Choose(-18500, 18500)
            select string.Create(CultureInfo.InvariantCulture, $"{lat / 100.0},{lon / 100.0}"), n)
        select string.Join(' ', points.Append(points.FirstOrDefault() ?? "0,0")));

    [Property(MaxTest = 300)]
    public Property CheckPolygon_AnyText_AcceptsOrExplains() => Prop.ForAll(PolygonLike.ToArbitrary(), text =>
    {
        var errors = new Dictionary<string, string[]>();
        var result = TerritoryInput.CheckPolygon(text, "polygon", errors);
        return result is null ? errors.TryGetValue("polygon", out var messages) && messages.All(m => m.Length > 0) : errors.Count == 0;
    });

    [Property(MaxTest = 300)]
    public Property ExpandCodes_AnyCodes_GiveOnlyRealMunicipalitiesOrAnError() => Prop.ForAll(
        Gen.ListOf(Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null), Gen.Choose(0, 99_999).Select(i => i.ToString("D5", CultureInfo.InvariantCulture)))).ToArbitrary(),
        codes =>
        {
            var errors = new Dictionary<string, string[]>();
            var result = TerritoryInput.ExpandCodes([.. codes], "municipalities", errors);
            var known = BeAlert.Cap.Geo.BelgianBoundaries.Default.Municipalities.Select(m => int.Parse(m.Code, CultureInfo.InvariantCulture)).ToHashSet();
            return result.All(known.Contains) && (errors.Count > 0 || codes.Count == 0 || result.Length > 0);
        });

    [Fact]
    public void CheckPolygon_ClosedSquareInGent_IsKeptAsGiven()
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Equal("51.04,3.70 51.04,3.75 51.07,3.75 51.07,3.70 51.04,3.70", TerritoryInput.CheckPolygon("  51.04,3.70 51.04,3.75\n51.07,3.75 51.07,3.70   51.04,3.70 ", "p", errors));
        Assert.Empty(errors);
    }
}
