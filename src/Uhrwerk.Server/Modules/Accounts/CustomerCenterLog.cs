using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts;

/// <summary>
/// Records a customer-center change in the company's audit log and tells the outbox about it,
/// both in the caller's unit of work, so they commit or fail together with the change.
/// </summary>
internal sealed class CustomerCenterLog(UhrwerkDbContext db, CurrentUser current, TimeProvider clock)
{
    public void Record(Guid companyId, string action, string subject, object? before, object? after, object? @event)
    {
        db.AuditLog.Add(AuditEntry.Record(companyId, current.UserId, current.IsAuthenticated ? current.DisplayName : "Self-service", action, subject, before, after, clock.GetUtcNow()));
        if (@event is not null)
        {
            db.Publish(@event, companyId);
        }
    }
}
