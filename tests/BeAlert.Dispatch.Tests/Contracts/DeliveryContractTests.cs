namespace BeAlert.Dispatch.Tests.Contracts;

public sealed class DeliveryContractTests
{
    [Theory]
    [InlineData(DeliveryChannel.Sms, DeliveryChannels.Sms)]
    [InlineData(DeliveryChannel.CellBroadcast, DeliveryChannels.CellBroadcast)]
    [InlineData(DeliveryChannel.Voice, DeliveryChannels.Voice)]
    [InlineData(DeliveryChannel.Email, DeliveryChannels.Email)]
    [InlineData(DeliveryChannel.Signage, DeliveryChannels.Signage)]
    public void ToSet_EachChannel_IsItsOwnFlag(DeliveryChannel channel, DeliveryChannels expected)
    {
        Assert.Equal(expected, channel.ToSet());
        Assert.True(DeliveryChannels.All.Includes(channel));
        Assert.False((DeliveryChannels.All & ~expected).Includes(channel));
    }

    [Theory]
    [InlineData(DeliveryState.Pending, false, true)]
    [InlineData(DeliveryState.InFlight, false, true)]
    [InlineData(DeliveryState.Sent, false, false)]
    [InlineData(DeliveryState.Delivered, true, false)]
    [InlineData(DeliveryState.Failed, true, false)]
    [InlineData(DeliveryState.Cancelled, true, false)]
    [InlineData(DeliveryState.Skipped, true, false)]
    public void DeliveryState_FinalAndNeedsSending_AsDocumented(DeliveryState state, bool final, bool needsSending)
    {
        Assert.Equal(final, state.IsFinal());
        Assert.Equal(needsSending, state.NeedsSending());
    }

    [Fact]
    public void IsTransient_EveryError_MatchesItsDocumentedKind()
    {
        DeliveryError[] transient =
        [
            DeliveryError.Throttled, DeliveryError.Timeout, DeliveryError.ConnectionFailed,
            DeliveryError.TemporaryFailure, DeliveryError.EndpointUnavailable,
        ];
        foreach (var error in Enum.GetValues<DeliveryError>())
        {
            Assert.Equal(transient.Contains(error), error.IsTransient());
        }
    }

    [Fact]
    public void DeliveryKey_ToString_IsCampaignAndSequence()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("0f8fad5bd9cb469fa16570867728950e/42", new DeliveryKey(id, 42).ToString());
    }
}
