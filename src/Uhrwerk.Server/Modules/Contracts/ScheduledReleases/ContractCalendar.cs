using Uhrwerk.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Contracts.CallOff;
using Uhrwerk.Server.Modules.Contracts.Domain;
using Uhrwerk.Server.Modules.Contracts.Events;
using Uhrwerk.Server.Modules.Contracts.ViewContracts;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Contracts.ScheduledReleases;

/// <summary>
/// What the contracts' calendar brings: scheduled releases due today or earlier (after downtime too) become
/// orders, contracts past their validity expire, contracts near their end are noticed. Safe in every instance:
/// each change is guarded by the contract's version, so when two instances take the same release, one order
/// commits and the other is undone with its conflict; a release once ordered is never ordered again.
/// </summary>
internal sealed class ContractCalendar(UhrwerkDbContext db, IOrdering ordering, TimeProvider clock, ILogger<ContractCalendar> log)
{
    private const int Batch = 200;

    public async Task<int> OrderDueReleasesAsync(CancellationToken ct)
    {
        var today = BerlinTime.DateOf(clock.GetUtcNow());
        var due = await db.ScheduledReleases.AsNoTracking().Where(r => r.Status == ReleaseStatus.Planned && r.DueOn <= today)
            .OrderBy(r => r.DueOn).Select(r => new { r.Id, r.ContractId }).Take(Batch).ToListAsync(ct);
        var ordered = 0;
        foreach (var release in due)
        {
            db.ChangeTracker.Clear();
            try
            {
                ordered += await OrderAsync(release.ContractId, release.Id, today, ct) ? 1 : 0;
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
            {
                log.LogInformation("Scheduled release {ReleaseId} was taken by another instance or its contract changed; the next run looks again", release.Id);
            }
        }

        db.ChangeTracker.Clear();
        return ordered;
    }

    private async Task<bool> OrderAsync(Guid contractId, Guid releaseId, DateOnly today, CancellationToken ct)
    {
        var contract = await ContractQueries.Full(db.CallOffContracts).SingleAsync(c => c.Id == contractId, ct);
        var release = contract.Releases.Single(r => r.Id == releaseId);
        if (release.Status != ReleaseStatus.Planned)
        {
            return false;
        }

        var line = contract.Line(release.LineId);
        var deliveryDate = release.DeliveryDate < today ? today : release.DeliveryDate;
        try
        {
            contract.EnsureMayCallOff(line.Id, release.Quantity, deliveryDate, today);
        }
        catch (UnprocessableException e)
        {
            log.LogWarning("Scheduled release {ReleaseId} of contract {ContractId} is skipped: {Code}", release.Id, contract.Id, e.Code);
            contract.SkipRelease(release.Id);
            await db.SaveChangesAsync(ct);
            return false;
        }

        await ordering.PlaceAtFixedPricesAsync(
            new FixedPriceOrder(contract.ReleaseBuyerId!.Value, 0, deliveryDate, contract.Number, null, [new FixedPriceLine(line.Sku, release.Quantity, line.UnitPrice)],
                PreApproved: !contract.CallOffsNeedApproval),
            placed =>
            {
                var now = clock.GetUtcNow();
                contract.Release(release.Id, today, placed.Id, placed.Number, now);
                db.Publish(new ContractReleaseOrdered(ContractFacts.Snapshot(contract), release.Id, line.Sku, release.Quantity, deliveryDate, contract.ReleaseBuyerId.Value,
                    placed.Id, placed.Number, placed.Status, placed.PromisedDates.FirstOrDefault()), contract.CompanyId, contract.Id);
                ContractNotices.RunningOut(db, contract, null, today);
            }, ct);
        return true;
    }

    /// <summary>Active contracts whose validity ended expire; those with quantities left are told.</summary>
    public async Task<int> ExpireEndedAsync(CancellationToken ct)
    {
        var today = BerlinTime.DateOf(clock.GetUtcNow());
        var ended = await db.CallOffContracts.AsNoTracking().Where(c => c.Status == ContractStatus.Active && c.ValidTo < today).Select(c => c.Id).Take(Batch).ToListAsync(ct);
        return await EachAsync(ended, contract =>
        {
            if (contract.Expire(today))
            {
                db.Publish(new ContractExpired(ContractFacts.Snapshot(contract), contract.ReleaseBuyerId), contract.CompanyId, contract.Id);
            }
        }, ct);
    }

    /// <summary>Active contracts ending within 30 days are noticed once (running low on quantity is noticed at the call-off).</summary>
    public async Task<int> NoticeEndingAsync(CancellationToken ct)
    {
        var today = BerlinTime.DateOf(clock.GetUtcNow());
        var soon = today.AddDays(30);
        var ending = await db.CallOffContracts.AsNoTracking().Where(c => c.Status == ContractStatus.Active && !c.RunningOutNoticed && c.ValidTo <= soon).Select(c => c.Id).Take(Batch).ToListAsync(ct);
        return await EachAsync(ending, contract => ContractNotices.RunningOut(db, contract, null, today), ct);
    }

    private async Task<int> EachAsync(IReadOnlyList<Guid> ids, Action<CallOffContract> change, CancellationToken ct)
    {
        var changed = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var contract = await ContractQueries.Full(db.CallOffContracts).SingleAsync(c => c.Id == id, ct);
            change(contract);
            try
            {
                await db.SaveChangesAsync(ct);
                changed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                log.LogInformation("Contract {ContractId} changed meanwhile; the next run looks again", id);
            }
        }

        db.ChangeTracker.Clear();
        return changed;
    }
}

/// <summary>Runs the contracts' calendar every few minutes; safe to run in every instance.</summary>
internal sealed class ContractCalendarWorker(IServiceScopeFactory scopes, ILogger<ContractCalendarWorker> log) : PeriodicJob(scopes, TimeProvider.System, log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);
    protected override string Name => "The contracts' calendar";

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var calendar = services.GetRequiredService<ContractCalendar>();
        await calendar.OrderDueReleasesAsync(ct);
        await calendar.ExpireEndedAsync(ct);
        await calendar.NoticeEndingAsync(ct);
    }
}
