using Microsoft.Extensions.Logging;

namespace BeAlert.Dispatch;

/// <summary>The engine's log messages (source-generated). No destinations, texts or secrets are logged.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1, LogLevel.Information, "Campaign {CampaignId} planned: {Deliveries} deliveries on {Channels}, priority {Priority}")]
    public static partial void CampaignPlanned(ILogger logger, Guid campaignId, long deliveries, DeliveryChannels channels, int priority);

    [LoggerMessage(2, LogLevel.Information, "Campaign {CampaignId} resumed from the store")]
    public static partial void CampaignResumed(ILogger logger, Guid campaignId);

    [LoggerMessage(3, LogLevel.Information, "Campaign {CampaignId} finished as {Status} in {Duration}")]
    public static partial void CampaignFinished(ILogger logger, Guid campaignId, CampaignStatus status, TimeSpan duration);

    [LoggerMessage(4, LogLevel.Warning, "Campaign {CampaignId} cancelled")]
    public static partial void CampaignCancelled(ILogger logger, Guid campaignId);

    [LoggerMessage(5, LogLevel.Information, "Campaign {CampaignId}: queued content replaced by update alert {AlertIdentifier}")]
    public static partial void CampaignUpdated(ILogger logger, Guid campaignId, string alertIdentifier);

    [LoggerMessage(6, LogLevel.Warning, "Campaign {CampaignId} was still planning at start: its plan is incomplete and nothing was sent; marked cancelled")]
    public static partial void PlanningAbandoned(ILogger logger, Guid campaignId);

    [LoggerMessage(7, LogLevel.Error, "Campaign {CampaignId} stopped: the store failed")]
    public static partial void CampaignFaulted(ILogger logger, Guid campaignId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "{Channel} endpoint {Endpoint}: circuit breaker opened for {BreakDuration}; sends fail over to the channel's other endpoints")]
    public static partial void BreakerOpened(ILogger logger, DeliveryChannel channel, string endpoint, TimeSpan breakDuration);

    [LoggerMessage(9, LogLevel.Information, "{Channel} endpoint {Endpoint}: circuit breaker closed")]
    public static partial void BreakerClosed(ILogger logger, DeliveryChannel channel, string endpoint);

    [LoggerMessage(10, LogLevel.Error, "{Channel} endpoint {Endpoint} threw {ExceptionType} from SendAsync; the attempt counts as a temporary failure")]
    public static partial void TransportThrew(ILogger logger, DeliveryChannel channel, string endpoint, string exceptionType, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "{Channel} receipt for unknown message id dropped")]
    public static partial void ReceiptUnknown(ILogger logger, DeliveryChannel channel);

    [LoggerMessage(12, LogLevel.Error, "Receipts could not be recorded")]
    public static partial void ReceiptsFailed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "Campaign {CampaignId} cannot be resumed: its stored alert or settings are unreadable")]
    public static partial void ResumeFailed(ILogger logger, Guid campaignId, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "Campaign {CampaignId}: no {Channel} endpoint is configured; those deliveries stay unfinished")]
    public static partial void NoEndpoint(ILogger logger, Guid campaignId, DeliveryChannel channel);
}
