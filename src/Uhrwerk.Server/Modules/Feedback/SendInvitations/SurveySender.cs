using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Feedback.SendInvitations;

/// <summary>
/// Sends every invitation that is due by the clock and not sent yet, so a run after downtime catches up. Each invitation is
/// claimed on its own through its concurrency token: of two instances sending at once, one commits the claim with the
/// <see cref="SurveyInvited"/> event and the other's claim fails and is left alone, so nothing goes out twice. Invitations that
/// expired before they went out are not sent: their link would not answer.
/// </summary>
internal sealed class SurveySender(UhrwerkDbContext db, PortalLinks links, TimeProvider clock)
{
    private const int Batch = 200;

    /// <summary>The answering page of an invitation, absolute, for e-mails.</summary>
    public static string PathOf(SurveyInvitation invitation) => $"/feedback/{invitation.Token}";

    /// <summary>Sends what is due now; answers how many invitations went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await db.SurveyInvitations.AsNoTracking().IgnoreQueryFilters()
                .Where(i => i.SentAt == null && i.DueAt <= now && i.ExpiresAt > now)
                .OrderBy(i => i.DueAt).ThenBy(i => i.Id).Select(i => i.Id).Take(Batch).ToListAsync(ct);
            var claimed = 0;
            foreach (var id in due)
            {
                claimed += await SendAsync(id, ct) ? 1 : 0;
            }

            sent += claimed;
            // A batch the others claimed entirely is theirs to finish; a full batch of our own may have more behind it.
            if (due.Count < Batch || claimed == 0)
            {
                return sent;
            }
        }
    }

    private async Task<bool> SendAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var invitation = await db.SurveyInvitations.IgnoreQueryFilters().SingleAsync(i => i.Id == id, ct);
            if (!invitation.MarkSent(clock.GetUtcNow()))
            {
                return false;
            }

            db.Publish(SurveyInvited.Of(invitation, links.To(PathOf(invitation))), invitation.CompanyId, invitation.Id);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>Runs the sender every few minutes on each instance; switched off where specs run its step themselves.</summary>
internal sealed class SurveySendWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SurveyOptions> options, ILogger<SurveySendWorker> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.Interval;
    protected override string Name => "Sending due survey invitations";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<SurveySender>().SendDueAsync(ct);
}
