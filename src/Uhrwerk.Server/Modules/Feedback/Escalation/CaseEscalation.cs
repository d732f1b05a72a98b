using Uhrwerk.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Cases;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Feedback.Escalation;

/// <summary>
/// Escalates every case past its response due time without a first answer, as of the clock, so a check after downtime catches up.
/// Each case commits on its own with its event; when two instances escalate the same case, the version check lets one win and the
/// other skips it, so the lead and the owner are told once.
/// </summary>
internal sealed class CaseEscalation(UhrwerkDbContext db, IAccounts accounts, IOptions<CaseOptions> options, TimeProvider clock)
{
    private const int Batch = 200;

    /// <summary>Answers how many cases it escalated.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.FeedbackCases.AsNoTracking()
            .Where(c => c.EscalatedAt == null && c.FirstResponseAt == null && c.ResponseDueAt <= now && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .OrderBy(c => c.ResponseDueAt).Select(c => c.Id).Take(Batch).ToListAsync(ct);
        var lead = options.Value.EscalateTo;
        var leads = due.Count == 0 ? [] : await accounts.ActiveStaffAsync(lead, ct);
        var escalated = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            if (await db.FeedbackCases.SingleOrDefaultAsync(c => c.Id == id, ct) is not { } found || !found.Escalate(lead, now))
            {
                continue;
            }

            var owners = found.OwnerPartnerId is { } partnerId
                ? await db.PartnerMembers.AsNoTracking().Where(m => m.PartnerId == partnerId).Select(m => m.UserId).ToListAsync(ct)
                : await accounts.ActiveStaffAsync(found.OwnerTeam!.Value, ct);
            db.Publish(new CaseEscalated(found.Id, found.Number, found.CompanyId!.Value, found.OwnerTeam?.ToString(), found.OwnerPartnerName, found.ResponseDueAt, now, leads,
                owners), found.CompanyId, found.Id);
            try
            {
                await db.SaveChangesAsync(ct);
                escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
            }
        }

        db.ChangeTracker.Clear();
        return escalated;
    }
}

internal sealed class CaseEscalationWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CaseOptions> options, ILogger<CaseEscalationWorker> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override bool Enabled => options.Value.EscalationEnabled;
    protected override TimeSpan Interval => options.Value.EscalationInterval;
    protected override string Name => "The case escalation check";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<CaseEscalation>().CheckAsync(ct);
}
