using System.Reflection;
using BeAlert.TestUtils;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Profiles;

/// <summary>The profiles as a set: names, prefixes, validators, and the catalogue that gives their codes a severity.</summary>
public sealed class CapProfileTests
{
    [Fact]
    public void All_ListsTheSixProfilesCapFirst() =>
        Assert.Equal(["cap", "be-alert", "eu-alert", "ipaws", "cap-cp", "cap-au"], CapProfile.All.Select(p => p.Name));

    [Fact]
    public void All_HaveDistinctPrefixesAndDescriptions()
    {
        Assert.Equal(["CAP", "BEA", "EUA", "IPW", "CCP", "CAU"], CapProfile.All.Select(p => p.CodePrefix));
        Assert.All(CapProfile.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Theory]
    [InlineData("be-alert", "be-alert")]
    [InlineData("BE-ALERT", "be-alert")]
    [InlineData("Cap-Au", "cap-au")]
    [InlineData("cap", "cap")]
    public void Find_IgnoresCase(string name, string expected) => Assert.Equal(expected, CapProfile.Find(name)?.Name);

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("bealert")]
    [InlineData(" be-alert")]
    public void Find_UnknownName_ReturnsNull(string name) => Assert.Null(CapProfile.Find(name));

    [Fact]
    public void For_ReturnsOneSharedValidatorPerProfile()
    {
        Assert.Same(CapValidator.Default, CapValidator.For(CapProfile.Cap));
        foreach (var profile in CapProfile.All)
        {
            Assert.Same(CapValidator.For(profile), CapValidator.For(profile));
            Assert.Same(profile, CapValidator.For(profile).Profile);
        }
    }

    [Fact]
    public void Constructor_WithProfile_AppliesTheProfileRulesAfterCapRules()
    {
        var alert = BeAlert.BeAlertAlerts.Gent() with { Sender = "crisis.gent" };

        Assert.Empty(new CapValidator().Validate(alert).Diagnostics);
        Assert.Equal(CapProfile.Cap, new CapValidator().Profile);
        var diagnostic = Assert.Single(new CapValidator(CapProfile.BeAlert).Validate(alert).Diagnostics, d => d.IsError);
        Assert.Equal(CapProfileDiagnosticCodes.BeAlertSenderConvention, diagnostic.Code);
    }

    [Fact]
    public void Constructor_NullProfile_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new CapValidator(null!));
        Assert.Throws<ArgumentNullException>(() => CapValidator.For(null!));
        Assert.Throws<ArgumentNullException>(() => CapProfile.Find(null!));
    }

    [Fact]
    public void Rules_EveryRuleClassIsInCapOrInAProfile_AndProfileRulesAreInternalSealed()
    {
        var registered = CapRuleSet.All.Concat(CapProfile.All.SelectMany(p => p.Rules)).Select(r => r.GetType()).ToHashSet();
        var declared = typeof(CapRule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CapRule)) && !t.IsAbstract);

        Assert.All(declared, t => Assert.Contains(t, registered));
        Assert.Empty(CapProfile.Cap.Rules);
        Assert.All(CapProfile.All.SelectMany(p => p.Rules), r => Assert.True(r.GetType() is { IsSealed: true, IsPublic: false }));
        Assert.Empty(CapRuleSet.All.Select(r => r.GetType()).Intersect(CapProfile.All.SelectMany(p => p.Rules).Select(r => r.GetType())));
    }

    [Fact]
    public void Catalogue_CodesAreUniqueAndCarryTheirProfilesPrefixAndThreeDigits()
    {
        var codes = ProfileRuleCatalog.All.Select(r => r.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProfileRuleCatalog.All, r =>
        {
            Assert.Matches("^(BEA|EUA|IPW|CCP|CAU)[0-9]{3}$", r.Code);
            Assert.Equal(CapRuleKind.Profile, r.Kind);
            Assert.False(string.IsNullOrWhiteSpace(r.Clause));
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
        });
        Assert.Empty(codes.Intersect(CapRuleCatalog.All.Select(r => r.Code)));
    }

    [Fact]
    public void Catalogue_NumbersEachProfilesCodesFromOneWithoutGaps()
    {
        foreach (var group in ProfileRuleCatalog.All.GroupBy(r => r.Code[..3]))
        {
            var numbers = group.Select(r => int.Parse(r.Code[3..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        }
    }

    [Fact]
    public void Catalogue_IsFoundThroughCapRuleCatalog()
    {
        foreach (var rule in ProfileRuleCatalog.All)
        {
            Assert.Same(rule, CapRuleCatalog.Get(rule.Code));
        }
    }

    [Fact]
    public void PublicCodeConstants_AreExactlyTheCatalogue()
    {
        var constants = typeof(CapProfileDiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(ProfileRuleCatalog.All.Select(r => r.Code).Order(StringComparer.Ordinal), constants);
    }

    [Property(MaxTest = 200)]
    public Property AnyAlert_AnyProfile_ValidatesWithoutThrowingAndWithCataloguedCodes() =>
        Prop.ForAll(CapGenerators.AlertArbitrary(), alert =>
        {
            foreach (var profile in CapProfile.All)
            {
                foreach (var diagnostic in CapValidator.For(profile).Validate(alert).Diagnostics)
                {
                    if (CapRuleCatalog.Get(diagnostic.Code).Severity != diagnostic.Severity || string.IsNullOrEmpty(diagnostic.Message))
                    {
                        return false;
                    }
                }
            }

            return true;
        });
}
