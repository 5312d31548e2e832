namespace BeAlert.Cap.Tests.Validation.Rules;

public sealed class CapRuleSetTests
{
    [Fact]
    public void All_EachRuleClass_IsRegisteredOnce()
    {
        var registered = CapRuleSet.All.Select(r => r.GetType()).ToList();
        var profileRules = CapProfile.All.SelectMany(p => p.Rules).Select(r => r.GetType()).ToHashSet();
        var declared = typeof(CapRule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CapRule)) && !t.IsAbstract && !profileRules.Contains(t)).ToList();

        Assert.Equal(registered.Count, registered.Distinct().Count());
        Assert.Equal(declared.OrderBy(t => t.Name), registered.OrderBy(t => t.Name));
    }

    [Fact]
    public void All_RuleClasses_AreInternalSealed() =>
        Assert.All(CapRuleSet.All, r => Assert.True(r.GetType() is { IsSealed: true, IsPublic: false }));
}
