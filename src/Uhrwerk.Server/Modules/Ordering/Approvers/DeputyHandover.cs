using Uhrwerk.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;

namespace Uhrwerk.Server.Modules.Ordering.Approvers;

/// <summary>
/// Tells a deputy about every order waiting for them when an absence begins: at once when it is
/// recorded for today, otherwise on its first day through <see cref="DeputyHandoverWorker"/>.
/// </summary>
internal sealed class DeputyHandover(OrderDesk desk, ApproverRoutes routes, IAccounts accounts)
{
    /// <summary>Absences that began and whose deputy was not told yet; each is claimed by one conditional update, so two instances never both tell.</summary>
    public async Task<int> HandOverStartedAbsencesAsync(CancellationToken ct)
    {
        var today = desk.Today;
        var started = await desk.Db.Absences.AsNoTracking().Where(a => a.DeputyId != null && a.DeputyToldOn == null && a.From <= today && a.To >= today).ToListAsync(ct);
        var told = 0;
        foreach (var absence in started)
        {
            // Claim and messages commit together: a failure leaves the absence for the next tick.
            await using var transaction = await desk.Db.Database.BeginTransactionAsync(ct);
            if (await desk.Db.Absences.Where(a => a.Id == absence.Id && a.DeputyToldOn == null).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeputyToldOn, today), ct) != 1
                || await accounts.BuyerProfileAsync(absence.UserId, ct) is not { } absent)
            {
                continue;
            }

            await TellDeputyAsync(absence, absent.DisplayName, await routes.RoutesAsync(absence.CompanyId!.Value, absent.MainContactId, ct), ct);
            await desk.Db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            told++;
        }

        return told;
    }

    public async Task TellDeputyAsync(Absence absence, string absentName, Func<Order, IReadOnlyList<RoutedApprover>> routes, CancellationToken ct)
    {
        var pending = await desk.Db.Orders.Where(o => o.CompanyId == absence.CompanyId && o.Status == OrderStatus.PendingApproval).ToListAsync(ct);
        foreach (var order in pending.Where(o => routes(o).Any(r => r.UserId == absence.DeputyId && r.Reason == ApprovalReason.Deputy && r.OnBehalfOf == absence.UserId)))
        {
            desk.Publish(new OrderHandedToDeputy(OrderFacts.Snapshot(order), absence.DeputyId!.Value, absentName, absence.To), order);
        }
    }
}

/// <summary>Looks for absences that began every few minutes; safe to run in every instance.</summary>
internal sealed class DeputyHandoverWorker(IServiceScopeFactory scopes, ILogger<DeputyHandoverWorker> log) : PeriodicJob(scopes, TimeProvider.System, log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);
    protected override string Name => "Telling deputies about started absences";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<DeputyHandover>().HandOverStartedAbsencesAsync(ct);
}
