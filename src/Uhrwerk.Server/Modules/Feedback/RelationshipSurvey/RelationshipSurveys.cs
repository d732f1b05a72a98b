using Uhrwerk.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Feedback.RelationshipSurvey;

public sealed class RelationshipSurveyOptions
{
    /// <summary>Whether this instance runs the periodic job; any number of instances may.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the people who opted in are asked.</summary>
    public RelationshipInterval Interval { get; set; } = RelationshipInterval.Quarter;

    /// <summary>
    /// The survey window from the start of each period: invitations are due at its start and expire at its end, and nobody is
    /// newly invited once it closed (a person who opts in late in a period is asked from the next one).
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(21);

    /// <summary>How often the job looks whether somebody is still to be invited for the current period.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The periodic relationship survey: everybody who opted in and is still active is invited once per period, due at the start
/// of its window. The job reads the clock, so a run after downtime catches up on the current period; two instances or two
/// runs invite nobody twice because each invitation commits on its own against the unique (user, period) key.
/// </summary>
internal sealed class RelationshipSurveys(UhrwerkDbContext db, IAccounts accounts, IOptions<RelationshipSurveyOptions> options, TimeProvider clock)
{
    /// <summary>Invites whoever of the current period is not invited yet; answers how many it invited.</summary>
    public async Task<int> InviteAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var period = RelationshipPeriod.Of(now, options.Value.Interval);
        var window = options.Value.Window;
        if (now >= period.Start + window)
        {
            return 0;
        }

        var optedIn = await db.RelationshipSurveyConsents.AsNoTracking().Where(c => c.OptedIn).Select(c => new { c.UserId, CompanyId = c.CompanyId!.Value }).ToListAsync(ct);
        var invited = (await db.SurveyInvitations.AsNoTracking().Where(i => i.Kind == SurveyKind.Relationship && i.Period == period.Label).Select(i => i.UserId)
            .ToListAsync(ct)).ToHashSet();
        var open = optedIn.Where(c => !invited.Contains(c.UserId)).ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        var active = (await accounts.ContactsAsync(open.Select(c => c.UserId).ToList(), ct)).Where(c => c.IsActive).ToDictionary(c => c.UserId, c => c.CompanyId);
        var count = 0;
        foreach (var person in open.Where(c => active.TryGetValue(c.UserId, out var companyId) && companyId == c.CompanyId))
        {
            db.ChangeTracker.Clear();
            db.SurveyInvitations.Add(SurveyInvitation.ForRelationship(person.CompanyId, person.UserId, period.Label, period.Start, window, now));
            try
            {
                await db.SaveChangesAsync(ct);
                count++;
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Another instance invited this person a moment ago.
            }
        }

        db.ChangeTracker.Clear();
        return count;
    }
}

internal sealed class RelationshipSurveyWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RelationshipSurveyOptions> options, ILogger<RelationshipSurveyWorker> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.CheckEvery;
    protected override string Name => "The relationship survey job";

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var invited = await services.GetRequiredService<RelationshipSurveys>().InviteAsync(ct);
        if (invited > 0)
        {
            log.LogInformation("Invited {Count} people to the relationship survey", invited);
        }
    }
}
