using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Approvers;

/// <param name="Limit">Net EUR up to which this approver decides; above it the main contact does. Null: no limit.</param>
/// <param name="ForBuyerId">Only this buyer's orders; null for every buyer without approvers of their own.</param>
/// <param name="ForRoleId">Only orders of buyers holding this role (and without approvers of their own); not together with a buyer.</param>
public sealed record DesignateApproverRequest([property: Range(0.01, 100_000_000)] decimal? Limit, Guid? ForBuyerId, Guid? ForRoleId = null);

public sealed record ApproverResponse(Guid UserId, string Name, decimal? Limit, Guid? ForBuyerId, string? ForBuyerName, Guid? ForRoleId, string? ForRoleName);

public sealed record RecordAbsenceRequest([property: Required] DateOnly? From, [property: Required] DateOnly? To, Guid? DeputyId);

public sealed record RecordAbsenceForRequest([property: Required] Guid? UserId, [property: Required] DateOnly? From, [property: Required] DateOnly? To, Guid? DeputyId);

public sealed record AbsenceResponse(Guid Id, Guid UserId, string Name, DateOnly From, DateOnly To, Guid? DeputyId, string? DeputyName);

/// <summary>The main contact names the company's approvers; approvers (or the main contact for them) record absences with a deputy.</summary>
internal sealed class ApproverDesignation(OrderDesk desk, ApproverRoutes routes, IAccounts accounts, DeputyHandover handover)
{
    public async Task<IReadOnlyList<ApproverResponse>> ListAsync(CancellationToken ct)
    {
        var approvers = await desk.Db.Approvers.AsNoTracking().Where(a => a.CompanyId == desk.Me.RequiredCompanyId).ToListAsync(ct);
        var names = await NamesAsync(approvers.Select(a => a.UserId).Concat(approvers.Select(a => a.ForBuyerId ?? Guid.Empty)), ct);
        var roles = (await accounts.RolesAsync(desk.Me.RequiredCompanyId, ct)).Names;
        return approvers.OrderBy(a => a.Name).Select(a => new ApproverResponse(a.UserId, a.Name, a.Limit, a.ForBuyerId, a.ForBuyerId is { } b ? names.GetValueOrDefault(b) : null,
            a.ForRoleId, a.ForRoleId is { } r ? roles.GetValueOrDefault(r) : null)).ToList();
    }

    /// <summary>Null when the company has no active user with this id.</summary>
    public async Task<ApproverResponse?> DesignateAsync(Guid userId, DesignateApproverRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        // Refused before the request is looked at: whoever is not the main contact gets the same answer whatever the request names.
        var by = await DesignatorAsync(ct);
        by.MustBeMainContact();
        if ((await accounts.ContactsAsync([userId], ct)).SingleOrDefault(c => c.CompanyId == desk.Me.RequiredCompanyId && c.IsActive) is not { } contact)
        {
            return null;
        }

        if (!(await accounts.ActiveHoldersOfAsync([userId], Permission.ApproveOrders, ct)).Contains(userId))
        {
            throw ValidationFailedException.For("userId", T.Format("Ordering.NoApproveRight", contact.DisplayName));
        }

        if (request.ForBuyerId is { } buyerId)
        {
            await ColleagueAsync(buyerId, "forBuyerId", ct);
        }

        if (request.ForRoleId is { } roleId && !(await accounts.RolesAsync(desk.Me.RequiredCompanyId, ct)).Names.ContainsKey(roleId))
        {
            throw ValidationFailedException.For("forRoleId", T.Get("Ordering.UnknownRole"));
        }

        var designated = await desk.Db.Approvers.SingleOrDefaultAsync(a => a.UserId == userId && a.CompanyId == desk.Me.RequiredCompanyId, ct);
        var before = designated is null ? null : await AuditedAsync(designated, ct);
        if (designated is not null)
        {
            designated.Redesignate(contact.DisplayName, request.Limit, request.ForBuyerId, request.ForRoleId, by);
        }
        else
        {
            designated = Approver.Designate(desk.Me.RequiredCompanyId, userId, contact.DisplayName, request.Limit, request.ForBuyerId, request.ForRoleId, by);
            desk.Db.Approvers.Add(designated);
        }

        accounts.RecordChange(desk.Me.RequiredCompanyId, before is null ? "approver.designated" : "approver.changed", contact.DisplayName, before, await AuditedAsync(designated, ct));
        await desk.Db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).Single(a => a.UserId == userId);
    }

    public async Task<bool> RemoveAsync(Guid userId, CancellationToken ct)
    {
        (await DesignatorAsync(ct)).MustBeMainContact();
        var designated = await desk.Db.Approvers.SingleOrDefaultAsync(a => a.UserId == userId && a.CompanyId == desk.Me.RequiredCompanyId, ct);
        if (designated is null)
        {
            return false;
        }

        desk.Db.Approvers.Remove(designated);
        accounts.RecordChange(desk.Me.RequiredCompanyId, "approver.removed", designated.Name, await AuditedAsync(designated, ct), null);
        await desk.Db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<AbsenceResponse>> AbsencesAsync(CancellationToken ct)
    {
        var absences = await desk.Db.Absences.AsNoTracking().Where(a => a.CompanyId == desk.Me.RequiredCompanyId && a.To >= desk.Today).OrderBy(a => a.From).ToListAsync(ct);
        var names = await NamesAsync(absences.Select(a => a.UserId).Concat(absences.Select(a => a.DeputyId ?? Guid.Empty)), ct);
        return absences.Select(a => new AbsenceResponse(a.Id, a.UserId, names.GetValueOrDefault(a.UserId, ""), a.From, a.To, a.DeputyId, a.DeputyId is { } d ? names.GetValueOrDefault(d) : null)).ToList();
    }

    /// <summary>Records an absence; a deputy who takes over orders already waiting is told about each of them.</summary>
    public async Task<AbsenceResponse> RecordAbsenceAsync(Guid userId, DateOnly from, DateOnly to, Guid? deputyId, CancellationToken ct)
    {
        var absent = await ColleagueAsync(userId, "userId", ct);
        if (deputyId is { } deputy && !(await accounts.ActiveHoldersOfAsync([deputy], Permission.ApproveOrders, ct)).Contains(deputy))
        {
            throw ValidationFailedException.For("deputyId", T.Get("Ordering.DeputyNeedsRight"));
        }

        if (to < desk.Today)
        {
            throw ValidationFailedException.For("to", T.Get("Ordering.AbsenceOver"));
        }

        var absence = Absence.Record(desk.Me.RequiredCompanyId, userId, from, to, deputyId);
        desk.Db.Absences.Add(absence);
        accounts.RecordChange(desk.Me.RequiredCompanyId, "absence.recorded", absent.DisplayName, null, await AuditedAsync(absence, ct));
        await using var transaction = await desk.Db.Database.BeginTransactionAsync(ct);
        if (deputyId is not null && absence.Covers(desk.Today))
        {
            // Saved first so that the routing sees the absence; the messages commit with it or not at all.
            absence.DeputyTold(desk.Today);
            await desk.Db.SaveChangesAsync(ct);
            await handover.TellDeputyAsync(absence, absent.DisplayName, await routes.RoutesAsync(ct), ct);
        }

        await desk.Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        return (await AbsencesAsync(ct)).Single(a => a.Id == absence.Id);
    }

    public async Task<bool> EndAbsenceAsync(Guid absenceId, CancellationToken ct)
    {
        var absence = await desk.Db.Absences.SingleOrDefaultAsync(a => a.Id == absenceId && a.CompanyId == desk.Me.RequiredCompanyId, ct);
        if (absence is null)
        {
            return false;
        }

        if (absence.UserId != desk.Me.UserId && !desk.Me.Has(Permission.ManageUsers))
        {
            throw new NotAllowedException("not_your_absence", T.Get("Ordering.NotYourAbsence"));
        }

        desk.Db.Absences.Remove(absence);
        var audited = await AuditedAsync(absence, ct);
        accounts.RecordChange(desk.Me.RequiredCompanyId, "absence.ended", audited.Name, audited, null);
        await desk.Db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Designator> DesignatorAsync(CancellationToken ct) =>
        new(desk.Me.RequiredUserId, (await desk.ProfileAsync(desk.Me.RequiredUserId, ct)).MainContactId);

    /// <summary>What the audit log keeps of a designation: names next to ids, so that it reads without a lookup.</summary>
    private async Task<ApproverResponse> AuditedAsync(Approver approver, CancellationToken ct)
    {
        var names = await NamesAsync([approver.UserId, approver.ForBuyerId ?? Guid.Empty], ct);
        var roleName = approver.ForRoleId is { } roleId ? (await accounts.RolesAsync(desk.Me.RequiredCompanyId, ct)).Names.GetValueOrDefault(roleId) : null;
        return new ApproverResponse(approver.UserId, names.GetValueOrDefault(approver.UserId, approver.Name), approver.Limit,
            approver.ForBuyerId, approver.ForBuyerId is { } buyerId ? names.GetValueOrDefault(buyerId) : null, approver.ForRoleId, roleName);
    }

    private async Task<AbsenceResponse> AuditedAsync(Absence absence, CancellationToken ct)
    {
        var names = await NamesAsync([absence.UserId, absence.DeputyId ?? Guid.Empty], ct);
        return new AbsenceResponse(absence.Id, absence.UserId, names.GetValueOrDefault(absence.UserId, ""), absence.From, absence.To,
            absence.DeputyId, absence.DeputyId is { } deputyId ? names.GetValueOrDefault(deputyId) : null);
    }

    private async Task<Contact> ColleagueAsync(Guid userId, string field, CancellationToken ct) =>
        (await accounts.ContactsAsync([userId], ct)).SingleOrDefault(c => c.CompanyId == desk.Me.RequiredCompanyId && c.IsActive)
        ?? throw ValidationFailedException.For(field, T.Get("Approvers.ChooseUser"));

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> userIds, CancellationToken ct) =>
        (await accounts.ContactsAsync(userIds.Where(id => id != Guid.Empty).Distinct().ToList(), ct)).ToDictionary(c => c.UserId, c => c.DisplayName);
}

internal static class ApproverEndpoints
{
    public static void Map(RouteGroupBuilder ordering)
    {
        var approvers = ordering.MapGroup("/company/approvers").RequirePermission(Permission.ManageUsers);
        approvers.MapGet("/", List).WithSummary("The company's designated approvers; with none, the main contact approves");
        approvers.MapPut("/{userId:guid}", Designate)
            .WithSummary("Make a user an approver, optionally only for one buyer or one role, and up to a limit")
            .ProducesProblem(StatusCodes.Status404NotFound);
        approvers.MapDelete("/{userId:guid}", Remove).ProducesProblem(StatusCodes.Status404NotFound);

        var absences = ordering.MapGroup("/company/absences");
        absences.MapGet("/", Absences)
            .RequirePermission(Permission.ManageUsers, Permission.ApproveOrders).WithSummary("Current and coming absences of approvers and their deputies");
        absences.MapPost("/", RecordAbsenceFor)
            .RequirePermission(Permission.ManageUsers).WithSummary("Record an approver's absence and deputy on their behalf");
        absences.MapDelete("/{absenceId:guid}", EndAbsence)
            .RequirePermission(Permission.ManageUsers, Permission.ApproveOrders).WithSummary("Remove an absence (my own, or anybody's as main contact)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ordering.MapPost("/me/absences", RecordMyAbsence)
            .RequirePermission(Permission.ApproveOrders).WithSummary("Record my absence; a deputy takes over my approvals meanwhile");
    }

    private static async Task<Ok<IReadOnlyList<ApproverResponse>>> List(ApproverDesignation designation, CancellationToken ct) =>
        TypedResults.Ok(await designation.ListAsync(ct));

    private static async Task<Results<Ok<ApproverResponse>, ProblemHttpResult>> Designate(Guid userId, DesignateApproverRequest request, ApproverDesignation designation, CancellationToken ct) =>
        await designation.DesignateAsync(userId, request, ct) is { } approver ? TypedResults.Ok(approver) : Problem.NotFound("NotFound.User");

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid userId, ApproverDesignation designation, CancellationToken ct) =>
        await designation.RemoveAsync(userId, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.Approver");

    private static async Task<Ok<IReadOnlyList<AbsenceResponse>>> Absences(ApproverDesignation designation, CancellationToken ct) =>
        TypedResults.Ok(await designation.AbsencesAsync(ct));

    private static async Task<Created<AbsenceResponse>> RecordAbsenceFor(RecordAbsenceForRequest request, ApproverDesignation designation, CancellationToken ct) =>
        TypedResults.Created((string?)null, await designation.RecordAbsenceAsync(request.UserId!.Value, request.From!.Value, request.To!.Value, request.DeputyId, ct));

    private static async Task<Created<AbsenceResponse>> RecordMyAbsence(RecordAbsenceRequest request, ApproverDesignation designation, CurrentUser me, CancellationToken ct) =>
        TypedResults.Created((string?)null, await designation.RecordAbsenceAsync(me.RequiredUserId, request.From!.Value, request.To!.Value, request.DeputyId, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> EndAbsence(Guid absenceId, ApproverDesignation designation, CancellationToken ct) =>
        await designation.EndAbsenceAsync(absenceId, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.Absence");
}
