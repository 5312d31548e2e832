using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Cap.Tests.State;

public sealed class CapAlertStateTests
{
    private const string Commune = "noodplanning@gent.be";
    private const string CrisisCentre = "crisiscentrum@ibz.be";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(1));

    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public void Apply_NewAlert_IsActiveUntilItExpires()
    {
        var state = new CapAlertState(timeProvider: _time);
        var alert = Alert("A", expires: T0.AddHours(2));

        var result = state.Apply(alert);

        Assert.Equal(CapAlertChange.Added, result.Change);
        Assert.Equal([alert], state.GetActive());
        _time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.True(state.IsActive(CapAlertKey.Of(alert)));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(state.IsActive(CapAlertKey.Of(alert)));
        Assert.Empty(state.GetActive());
    }

    [Fact]
    public void GetActive_EffectiveInTheFuture_StartsThen()
    {
        var state = new CapAlertState(timeProvider: _time);
        state.Apply(Alert("A", effective: T0.AddMinutes(30), expires: T0.AddHours(3)));

        Assert.Empty(state.GetActive());
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Single(state.GetActive());
    }

    [Fact]
    public void GetActive_NoExpires_LastsTheDefaultLifetime()
    {
        var state = new CapAlertState(new CapAlertStateOptions { DefaultLifetime = TimeSpan.FromHours(6) }, _time);
        state.Apply(Alert("A"));

        _time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        Assert.Single(state.GetActive());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(state.GetActive());
    }

    [Fact]
    public void Apply_Update_SupersedesTheOriginal()
    {
        var state = new CapAlertState(timeProvider: _time);
        var original = Alert("A", expires: T0.AddHours(2));
        var update = Update("U", original, expires: T0.AddHours(4));
        state.Apply(original);

        var result = state.Apply(update);

        Assert.Equal(CapAlertChange.Updated, result.Change);
        Assert.Equal([CapAlertKey.Of(original)], result.Replaced);
        Assert.Equal([update], state.GetActive());
        Assert.Equal(CapAlertKey.Of(update), state.ReplacedBy(CapAlertKey.Of(original)));
    }

    [Fact]
    public void Apply_UpdateOfAnUpdate_OnlyTheLatestIsActive()
    {
        var state = new CapAlertState(timeProvider: _time);
        var original = Alert("A", expires: T0.AddHours(2));
        var first = Update("U1", original, expires: T0.AddHours(2));
        var second = Update("U2", first, expires: T0.AddHours(2));

        foreach (var message in new[] { original, first, second })
        {
            state.Apply(message);
        }

        Assert.Equal([second], state.GetActive());
    }

    [Fact]
    public void Apply_Cancel_WithdrawsTheOriginalAndIsNotActiveItself()
    {
        var state = new CapAlertState(timeProvider: _time);
        var original = Alert("A", expires: T0.AddHours(2));
        state.Apply(original);

        var result = state.Apply(Cancel("C", original));

        Assert.Equal(CapAlertChange.Cancelled, result.Change);
        Assert.Empty(state.GetActive());
        Assert.Empty(state.GetActive(CapAlertAudience.Operators));
    }

    [Fact]
    public void Apply_OriginalAfterItsCancel_StaysOut()
    {
        var state = new CapAlertState(timeProvider: _time);
        var original = Alert("A", expires: T0.AddHours(2));

        var cancel = state.Apply(Cancel("C", original));
        var late = state.Apply(original);

        Assert.Equal([CapAlertKey.Of(original)], cancel.Unknown);
        Assert.Equal(CapAlertChange.AlreadyReplaced, late.Change);
        Assert.Empty(state.GetActive());
        Assert.Same(original, state.Find(CapAlertKey.Of(original)));
    }

    [Fact]
    public void Apply_SameMessageTwice_SecondIsADuplicateAndChangesNothing()
    {
        var state = new CapAlertState(timeProvider: _time);
        var alert = Alert("A", expires: T0.AddHours(2));
        state.Apply(alert);
        var version = state.Version;

        var result = state.Apply(alert);

        Assert.Equal(CapAlertChange.Duplicate, result.Change);
        Assert.Equal(version, state.Version);
        Assert.Single(state.GetActive());
    }

    [Theory]
    [InlineData(CapStatus.Test)]
    [InlineData(CapStatus.Exercise)]
    [InlineData(CapStatus.System)]
    [InlineData(CapStatus.Draft)]
    public void GetActive_NonActualStatus_NeverActiveForThePublic(CapStatus status)
    {
        var state = new CapAlertState(timeProvider: _time);
        state.Apply(Alert("A", expires: T0.AddHours(2), status: status));

        Assert.Empty(state.GetActive(CapAlertAudience.Public));
        Assert.Equal(status == CapStatus.Draft ? 0 : 1, state.GetActive(CapAlertAudience.Operators).Count);
    }

    [Fact]
    public void GetActive_RestrictedScope_OnlyForOperators()
    {
        var state = new CapAlertState(timeProvider: _time);
        state.Apply(CapAlertBuilder.From(Alert("A", expires: T0.AddHours(2))).Scope(CapScope.Restricted).Restriction("mayors").Build());

        Assert.Empty(state.GetActive());
        Assert.Single(state.GetActive(CapAlertAudience.Operators));
    }

    [Fact]
    public void Apply_UpdateFromAnotherSender_RefusedByDefault()
    {
        var state = new CapAlertState(timeProvider: _time);
        var original = Alert("A", expires: T0.AddHours(2));
        state.Apply(original);

        var result = state.Apply(Update("U", original, expires: T0.AddHours(2), sender: CrisisCentre));

        Assert.Equal(CapAlertChange.Refused, result.Change);
        Assert.Equal([CapAlertKey.Of(original)], result.Refused);
        Assert.True(state.IsActive(CapAlertKey.Of(original)));
    }

    [Fact]
    public void Apply_UpdateFromAnotherSender_AllowedByPolicy_Replaces()
    {
        var options = new CapAlertStateOptions { MayReplace = (replacing, original) => replacing == original || replacing == CrisisCentre };
        var state = new CapAlertState(options, _time);
        var original = Alert("A", expires: T0.AddHours(2));
        var takeover = Update("U", original, expires: T0.AddHours(2), sender: CrisisCentre);
        state.Apply(original);

        var result = state.Apply(takeover);

        Assert.Equal(CapAlertChange.Updated, result.Change);
        Assert.Equal([takeover], state.GetActive());
    }

    [Theory]
    [InlineData(CapMessageType.Ack)]
    [InlineData(CapMessageType.Error)]
    public void Apply_AckOrError_ChangesNothing(CapMessageType type)
    {
        var state = new CapAlertState(timeProvider: _time);
        var original = Alert("A", expires: T0.AddHours(2));
        state.Apply(original);
        var answer = CapAlertBuilder.Create("R", Commune, T0).MsgType(type).AddReference(CapReference.To(original)).Note("received").Build();

        Assert.Equal(CapAlertChange.Ignored, state.Apply(answer).Change);
        Assert.Equal([original], state.GetActive());
    }

    [Fact]
    public void Apply_BeyondMaxMessages_ForgetsExpiredBeforeActive()
    {
        var state = new CapAlertState(new CapAlertStateOptions { MaxMessages = 10, Retention = TimeSpan.Zero }, _time);
        var active = Alert("ACTIVE", expires: T0.AddDays(1));
        state.Apply(active);
        for (var i = 0; i < 30; i++)
        {
            state.Apply(Alert($"OLD-{i}", expires: T0.AddMinutes(1)));
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 30; i++)
        {
            state.Apply(Alert($"NEW-{i}", expires: T0.AddMinutes(1)));
        }

        Assert.True(state.Count <= 10);
        Assert.True(state.IsActive(CapAlertKey.Of(active)));
    }

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var options = new CapAlertStateOptions { DefaultLifetime = TimeSpan.Zero, Retention = TimeSpan.FromSeconds(-1), MaxMessages = 0, MayReplace = null! };

        var error = Assert.Throws<ArgumentException>(() => new CapAlertState(options));

        Assert.Contains("MayReplace", error.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultLifetime", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retention", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxMessages", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Messages arrive in any order (retries, several feeds): the alerts in force must not depend on it. A story of
    /// alerts, updates of alerts and updates, cancels and duplicates is applied in two random orders.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property ActiveSet_DoesNotDependOnArrivalOrder() =>
        Prop.ForAll(Story().ToArbitrary(), story =>
        {
            var (messages, seedA, seedB) = story;
            var a = Replay(messages, new Random(seedA));
            var b = Replay(messages, new Random(seedB));
            return a.SequenceEqual(b);
        });

    private static Gen<(CapAlert[] Messages, int SeedA, int SeedB)> Story() =>
        from steps in Gen.Choose(0, 3).ArrayOf().Resize(12)
        from seedA in Gen.Choose(0, int.MaxValue)
        from seedB in Gen.Choose(0, int.MaxValue)
        select (Build(steps), seedA, seedB);

    private static CapAlert[] Build(int[] steps)
    {
        var messages = new List<CapAlert>();
        for (var i = 0; i < steps.Length; i++)
        {
            var id = $"M{i}";
            var expires = T0.AddHours(1 + (i % 3));
            var earlier = messages.Count == 0 ? null : messages[(i * 7) % messages.Count];
            messages.Add(steps[i] switch
            {
                1 when earlier is not null => Update(id, earlier, expires),
                2 when earlier is not null => Cancel(id, earlier),
                3 when earlier is not null => earlier, // a duplicate delivery
                _ => Alert(id, expires: expires, status: i % 5 == 4 ? CapStatus.Exercise : CapStatus.Actual),
            });
        }

        return [.. messages];
    }

    private static string[] Replay(CapAlert[] messages, Random random)
    {
        var time = new FakeTimeProvider(T0.AddMinutes(30));
        var state = new CapAlertState(timeProvider: time);
        foreach (var message in messages.OrderBy(_ => random.Next()))
        {
            state.Apply(message);
        }

        return [.. state.GetActive(CapAlertAudience.Operators).Select(a => a.Identifier).Order(StringComparer.Ordinal)];
    }

    private static CapAlert Alert(string id, DateTimeOffset? effective = null, DateTimeOffset? expires = null, CapStatus status = CapStatus.Actual, string sender = Commune) =>
        CapAlertBuilder.Create(id, sender, T0)
            .Status(status)
            .AddInfo("nl-BE", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, info =>
                info.Effective(effective is { } e ? CapDateTime.FromDateTimeOffset(e) : null)
                    .Expires(expires is { } x ? CapDateTime.FromDateTimeOffset(x) : null)
                    .Headline("Brand in Gent"))
            .Build();

    private static CapAlert Update(string id, CapAlert earlier, DateTimeOffset expires, string sender = Commune) =>
        CapAlertBuilder.From(Alert(id, expires: expires, sender: sender)).Updates(earlier).Build();

    private static CapAlert Cancel(string id, CapAlert earlier) =>
        CapAlertBuilder.Create(id, earlier.Sender, T0).Cancels(earlier).Build();
}
