using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback.FollowUp;

public sealed class FollowUpOptions
{
    /// <summary>Working days after the resolution the customer is asked, so the answer has had time to work.</summary>
    public int DelayWorkingDays { get; set; } = 1;

    /// <summary>How long the follow-up link works after it is due.</summary>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>
/// Closes the loop: once a case is resolved, the customer who gave the feedback is asked whether it was solved. One follow-up
/// per case, however often the event arrives (the unique case key backs the check when two deliveries of it race).
/// </summary>
internal sealed class AskWhetherSolved(UhrwerkDbContext db, IInventory inventory, IOptions<FollowUpOptions> options, TimeProvider clock) : IEventHandler<CaseResolved>
{
    public const string Handler = "feedback-follow-up";

    public async Task HandleAsync(CaseResolved resolved, EventContext context, CancellationToken ct)
    {
        if (await db.SurveyInvitations.IgnoreQueryFilters().AnyAsync(i => i.CaseId == resolved.CaseId, ct))
        {
            return;
        }

        // Working days as in Germany as a whole: the customer's own region is not known here, and a day either way does not matter.
        var dueDay = inventory.DeliveryDaysAt(new Destination("DE", "")).Add(BerlinTime.DateOf(resolved.ResolvedAt), options.Value.DelayWorkingDays);
        var dueAt = BerlinTime.StartOf(dueDay) + BerlinTime.ToLocal(resolved.ResolvedAt).TimeOfDay;
        db.SurveyInvitations.Add(SurveyInvitation.FollowUp(resolved.CompanyId, resolved.CustomerUserId, resolved.CaseId, dueAt, options.Value.ValidFor, clock.GetUtcNow()));
    }
}
