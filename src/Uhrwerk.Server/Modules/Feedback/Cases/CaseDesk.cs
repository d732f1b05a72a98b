using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Cases;

public sealed record CaseSummary(Guid Id, string Number, Guid ResponseId, CaseStatus Status, CaseOrigin Origin, string CompanyName, string? OrderNumber, int? Nps, int? Csat,
    IReadOnlyList<string> Reasons, string? OwnerTeam, Guid? OwnerPartnerId, string? OwnerPartnerName, DateTimeOffset OpenedAt, DateTimeOffset ResponseDueAt,
    DateTimeOffset? FirstResponseAt, bool Overdue, DateTimeOffset? EscalatedAt, string? EscalatedTo, bool CustomerSaidUnsolved);

public sealed record CaseNoteResponse(Guid Id, string AuthorName, string Text, bool VisibleToCustomer, DateTimeOffset WrittenAt);

/// <summary>A case with what its owner needs to answer: the customer's name and company, never their contact data.</summary>
public sealed record CaseDetail(CaseSummary Case, string CustomerName, string? Comment, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, string? Resolution,
    DateTimeOffset? ClosedAt, IReadOnlyList<CaseNoteResponse> Notes);

public sealed record CaseNoteRequest([property: Required, MaxLength(FeedbackCase.MaxNoteLength)] string Text, bool VisibleToCustomer);

public sealed record ResolveCaseRequest([property: MaxLength(FeedbackCase.MaxNoteLength)] string? Resolution);

/// <summary>A team (a staff role other than Partner) or a partner, not both.</summary>
public sealed record ReassignCaseRequest(StaffRole? Team, Guid? PartnerId);

public sealed record CaseFilter(CaseStatus? Status = null, StaffRole? Team = null, Guid? PartnerId = null, bool? Overdue = null, bool? Escalated = null, int? Page = null,
    int? PageSize = null);

/// <summary>The cases as their owners work on them; every read and change goes through the caller's <see cref="CaseScope"/>.</summary>
internal sealed class CaseDesk(UhrwerkDbContext db, CaseCallers callers, CaseOpening opening, IAccounts accounts, TimeProvider clock)
{
    public async Task<PagedList<CaseSummary>> ListAsync(CaseFilter filter, CancellationToken ct)
    {
        var (_, scope) = await callers.ResolveAsync(ct);
        var now = clock.GetUtcNow();
        var query = scope.Visible(db.FeedbackCases.AsNoTracking());
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Team is { } team)
        {
            query = query.Where(c => c.OwnerTeam == team);
        }

        if (filter.PartnerId is { } partnerId)
        {
            query = query.Where(c => c.OwnerPartnerId == partnerId);
        }

        if (filter.Overdue is { } overdue)
        {
            query = overdue
                ? query.Where(c => c.FirstResponseAt == null && c.ResponseDueAt <= now && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                : query.Where(c => !(c.FirstResponseAt == null && c.ResponseDueAt <= now && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed));
        }

        if (filter.Escalated is { } escalated)
        {
            query = escalated ? query.Where(c => c.EscalatedAt != null) : query.Where(c => c.EscalatedAt == null);
        }

        var (page, size, skip) = PagedList<CaseSummary>.Clamp(filter.Page, filter.PageSize);
        var total = await query.CountAsync(ct);
        var cases = await query.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).Skip(skip).Take(size).ToListAsync(ct);
        var companies = await accounts.CompanyNamesAsync(cases.Select(c => c.CompanyId!.Value).Distinct().ToList(), ct);
        return new PagedList<CaseSummary>(cases.Select(c => Summary(c, companies, now)).ToList(), page, size, total);
    }

    public async Task<CaseDetail?> FindAsync(Guid caseId, CancellationToken ct)
    {
        var (_, scope) = await callers.ResolveAsync(ct);
        var found = await scope.Visible(db.FeedbackCases.AsNoTracking().Include(c => c.Notes)).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        return found is null ? null : await DetailAsync(found, ct);
    }

    public Task<CaseDetail?> AcknowledgeAsync(Guid caseId, CancellationToken ct) =>
        ChangeAsync(caseId, (c, by, now) => c.Acknowledge(by, now), ct);

    public Task<CaseDetail?> AddNoteAsync(Guid caseId, CaseNoteRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        return ChangeAsync(caseId, (c, by, now) =>
        {
            if (c.AddNote(by, request.Text, request.VisibleToCustomer, now) is { } answered)
            {
                db.Publish(answered, c.CompanyId, c.Id);
            }
        }, ct);
    }

    public Task<CaseDetail?> ResolveAsync(Guid caseId, ResolveCaseRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        return ChangeAsync(caseId, (c, by, now) => db.Publish(c.Resolve(by, request.Resolution, now), c.CompanyId, c.Id), ct);
    }

    public Task<CaseDetail?> CloseAsync(Guid caseId, CancellationToken ct) =>
        ChangeAsync(caseId, (c, by, now) => c.Close(by, now), ct);

    public async Task<CaseDetail?> ReassignAsync(Guid caseId, ReassignCaseRequest request, CancellationToken ct)
    {
        var owner = await OwnerAsync(request, ct);
        return await ChangeAsync(caseId, (c, by, _) => c.Reassign(by, owner), ct);
    }

    /// <summary>Staff flag a response's comment: it opens a case like a poor score does, once per response.</summary>
    public async Task<CaseDetail?> FlagAsync(Guid responseId, CancellationToken ct)
    {
        var (actor, _) = await callers.ResolveAsync(ct);
        if (actor is null || actor.IsPartner)
        {
            throw new NotAllowedException("case-flag", T.Get("Feedback.Case.NotOwner"));
        }

        if (await db.SurveyResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == responseId && r.Kind != SurveyKind.FollowUp, ct) is not { } response)
        {
            return null;
        }

        if (await db.FeedbackCases.Include(c => c.Notes).SingleOrDefaultAsync(c => c.ResponseId == responseId, ct) is { } existing)
        {
            return await DetailAsync(existing, ct);
        }

        var opened = await opening.OpenAsync(CasesFromAnswers.FactsOf(response), CaseOrigin.Flagged, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return await DetailAsync(await db.FeedbackCases.AsNoTracking().Include(c => c.Notes).SingleAsync(c => c.ResponseId == responseId, ct), ct);
        }

        return await DetailAsync(opened, ct);
    }

    private async Task<CaseOwner> OwnerAsync(ReassignCaseRequest request, CancellationToken ct)
    {
        if (request is { Team: { } team, PartnerId: null } && team != StaffRole.Partner)
        {
            return CaseOwner.OfTeam(team);
        }

        if (request is { Team: null, PartnerId: { } partnerId }
            && await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId && p.IsActive, ct) is { } partner)
        {
            return CaseOwner.OfPartner(partner.Id, partner.Name);
        }

        throw ValidationFailedException.For("team", T.Get("Feedback.Rule.OneTarget"));
    }

    private async Task<CaseDetail?> ChangeAsync(Guid caseId, Action<FeedbackCase, CaseActor, DateTimeOffset> change, CancellationToken ct)
    {
        var (actor, scope) = await callers.ResolveAsync(ct);
        if (actor is null || await scope.Visible(db.FeedbackCases.Include(c => c.Notes)).SingleOrDefaultAsync(c => c.Id == caseId, ct) is not { } found)
        {
            return null;
        }

        change(found, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await DetailAsync(found, ct);
    }

    private async Task<CaseDetail> DetailAsync(FeedbackCase c, CancellationToken ct)
    {
        var companies = await accounts.CompanyNamesAsync([c.CompanyId!.Value], ct);
        var customer = (await accounts.ContactsAsync([c.CustomerUserId], ct)).SingleOrDefault();
        return new CaseDetail(Summary(c, companies, clock.GetUtcNow()), customer?.DisplayName ?? "–", c.Comment, c.AcknowledgedAt, c.ResolvedAt, c.Resolution, c.ClosedAt,
            c.Notes.OrderBy(n => n.WrittenAt).Select(n => new CaseNoteResponse(n.Id, n.AuthorName, n.Text, n.VisibleToCustomer, n.WrittenAt)).ToList());
    }

    private static CaseSummary Summary(FeedbackCase c, IReadOnlyDictionary<Guid, string> companies, DateTimeOffset now) =>
        new(c.Id, c.Number, c.ResponseId, c.Status, c.Origin, companies.GetValueOrDefault(c.CompanyId!.Value, "–"), c.OrderNumber, c.Nps, c.Csat,
            FeedbackReasonList.Of(c.Reasons).Select(r => r.ToString()).ToList(), c.OwnerTeam?.ToString(), c.OwnerPartnerId, c.OwnerPartnerName, c.OpenedAt, c.ResponseDueAt,
            c.FirstResponseAt, c.IsOverdue(now), c.EscalatedAt, c.EscalatedTo?.ToString(), c.CustomerSaidUnsolved);
}
