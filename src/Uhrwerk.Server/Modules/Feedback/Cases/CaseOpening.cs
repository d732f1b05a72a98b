using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback.Cases;

/// <summary>
/// Opens the case of a response: routes it by the rules, sets the response due time from the SLA and tells the customer who
/// answers by when (<see cref="CaseOpened"/>). The caller saves; a second case for the same response fails on its unique index.
/// </summary>
internal sealed class CaseOpening(UhrwerkDbContext db, IAccounts accounts, IOrdering ordering, IInventory inventory, IOptions<CaseOptions> options, TimeProvider clock)
{
    public async Task<FeedbackCase> OpenAsync(CaseFacts facts, CaseOrigin origin, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var origins = await OriginsAsync(facts, ct);
        var rules = await db.RoutingRules.AsNoTracking().ToListAsync(ct);
        var partners = await db.Partners.AsNoTracking().Where(p => p.IsActive).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var (owner, ruleId) = CaseRouting.Route(rules, partners, origins);
        var opened = FeedbackCase.Open(facts, origin, owner, ruleId, ResponseTime().DueAfter(now), now);
        db.FeedbackCases.Add(opened);
        db.Publish(new CaseOpened(opened.Id, opened.Number, facts.CompanyId, facts.CustomerUserId, origin.ToString(), owner.Team?.ToString(), owner.PartnerId, owner.PartnerName,
            now, opened.ResponseDueAt), facts.CompanyId, opened.Id);
        return opened;
    }

    public ResponseTime ResponseTime()
    {
        var days = inventory.DeliveryDaysAt(new Destination("DE", ""));
        var sla = options.Value;
        return new ResponseTime(sla.ResponseHours, sla.WorkdayStarts, sla.WorkdayEnds, day => days.Between(day.AddDays(-1), day) == 1);
    }

    /// <summary>Where the goods went: the order's ship-to address, else the company's first shipping address.</summary>
    private async Task<CaseOrigins> OriginsAsync(CaseFacts facts, CancellationToken ct)
    {
        if (facts.OrderId is { } orderId && await ordering.FindForFulfilmentAsync(orderId, ct) is { } order)
        {
            return new CaseOrigins(facts.CompanyId, order.Destination.Country, order.Destination.PostalCode, facts.Reasons);
        }

        var address = (await accounts.BuyerProfileAsync(facts.CustomerUserId, ct))?.ShipTo.FirstOrDefault();
        return new CaseOrigins(facts.CompanyId, address?.Country, address?.PostalCode, facts.Reasons);
    }
}

/// <summary>
/// A survey answer: a detractor score or a CSAT of 1–2 opens a case; a follow-up saying the case was not solved sends the case
/// back to its owner. Runs once per answer; a repeated event finds the case already there.
/// </summary>
internal sealed class CasesFromAnswers(UhrwerkDbContext db, CaseOpening opening, TimeProvider clock) : IEventHandler<SurveyAnswered>
{
    public const string Handler = "feedback-cases";

    public async Task HandleAsync(SurveyAnswered answer, EventContext context, CancellationToken ct)
    {
        if (answer.Kind == nameof(SurveyKind.FollowUp))
        {
            if (answer is { Solved: false, CaseId: { } caseId } && await db.FeedbackCases.SingleOrDefaultAsync(c => c.Id == caseId, ct) is { } unsolved)
            {
                unsolved.CustomerSaysUnsolved(clock.GetUtcNow());
            }

            return;
        }

        if ((!answer.IsDetractor && !answer.IsDissatisfied) || await db.FeedbackCases.AnyAsync(c => c.ResponseId == answer.ResponseId, ct))
        {
            return;
        }

        var reasons = FeedbackReasonList.Combine(answer.Reasons.Select(r => Enum.TryParse<FeedbackReasons>(r, out var reason) ? reason : FeedbackReasons.None));
        var facts = new CaseFacts(answer.CompanyId, answer.UserId, answer.ResponseId, answer.OrderId, answer.OrderNumber, answer.ShipmentId, answer.Nps, answer.Csat, reasons,
            answer.Comment);
        await opening.OpenAsync(facts, answer.IsDetractor ? CaseOrigin.Detractor : CaseOrigin.Dissatisfied, ct);
    }

    public static CaseFacts FactsOf(SurveyResponse response) => new(response.CompanyId!.Value, response.UserId, response.Id, response.OrderId, response.OrderNumber,
        response.ShipmentId, response.Nps, response.Csat, response.Reasons, response.Comment);
}
