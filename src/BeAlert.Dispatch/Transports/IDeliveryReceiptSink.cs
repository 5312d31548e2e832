namespace BeAlert.Dispatch;

/// <summary>Where a transport reports delivery receipts; implemented by the engine. Thread-safe, never blocks for long.</summary>
public interface IDeliveryReceiptSink
{
    /// <summary>Records a receipt.</summary>
    /// <param name="receipt">The receipt.</param>
    void OnReceipt(in DeliveryReceipt receipt);
}
