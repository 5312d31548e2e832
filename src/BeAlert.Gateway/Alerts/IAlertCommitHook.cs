using System.Data.Common;
using BeAlert.Gateway.Audit;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// Another module's part of storing an alert: <see cref="OnStoringAsync"/> runs inside the insert transaction (after
/// the references were checked), so what it writes commits or rolls back with the alert; <see cref="OnStored"/> runs
/// after the commit. The campaigns module records Update/Cancel alerts as commands to the campaigns they reference.
/// </summary>
internal interface IAlertCommitHook
{
    Task OnStoringAsync(DbTransaction transaction, StoredAlert alert, AuditActor actor, CancellationToken cancellationToken);

    void OnStored(StoredAlert alert);
}
