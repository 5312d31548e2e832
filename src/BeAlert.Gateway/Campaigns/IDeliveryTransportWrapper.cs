using BeAlert.Dispatch;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// Wraps each of <see cref="DispatchHost"/>'s transports (register with
/// <c>services.AddSingleton&lt;IDeliveryTransportWrapper, …&gt;()</c>): the citizens module suppresses deliveries to
/// erased people; tests observe or slow down what is sent. Wrappers apply in <see cref="Order"/>: lower sits closer to
/// the transport.
/// </summary>
public interface IDeliveryTransportWrapper
{
    int Order { get; }

    IDeliveryTransport Wrap(IDeliveryTransport transport);
}
