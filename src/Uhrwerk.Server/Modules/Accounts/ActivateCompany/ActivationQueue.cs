using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.ActivateCompany;

/// <param name="KnownContacts">The e-mail addresses the ERP knows for the customer, to judge the request by.</param>
public sealed record PendingActivationResponse(Guid Id, string CustomerNumber, string? CustomerName, string InvoiceNumber, string Email, string? DisplayName,
    DateTimeOffset RequestedAt, PendingActivationStatus Status, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason, IReadOnlyList<string> KnownContacts);

public sealed record RefuseActivationRequest([property: StringLength(500)] string? Reason);

/// <summary>
/// Customer service confirms or refuses self-activations whose e-mail address the ERP does not know
/// for the customer. Confirming activates the company as self-activation would have; refusing tells the person.
/// </summary>
internal sealed class ActivationQueue(UhrwerkDbContext db, UserManager<UserAccount> users, CompanyActivation activation, CurrentUser current, TimeProvider clock)
{
    public async Task<PagedList<PendingActivationResponse>> ListAsync(PendingActivationStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size, skip) = PagedList<PendingActivationResponse>.Clamp(page, pageSize);
        var query = db.PendingActivations.AsNoTracking().Where(p => p.Status == (status ?? PendingActivationStatus.Waiting));
        var total = await query.CountAsync(ct);
        var pending = await query.OrderBy(p => p.RequestedAt).Skip(skip).Take(size).ToListAsync(ct);
        return new PagedList<PendingActivationResponse>(await DescribeAsync(pending, ct), number, size, total);
    }

    /// <summary>Null when there is no such request.</summary>
    public async Task<PendingActivationResponse?> ConfirmAsync(Guid id, CancellationToken ct)
    {
        if (await db.PendingActivations.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } pending)
        {
            return null;
        }

        pending.Confirm(current.DisplayName, clock.GetUtcNow());
        var customer = await db.ErpCustomers.SingleOrDefaultAsync(c => c.CustomerNumber == pending.CustomerNumber && c.MayUseCustomerCenter, ct)
            ?? throw new DomainException("not_allowed", T.Get("ActivationQueue.NotAllowed"));
        if (await db.Companies.AnyAsync(c => c.CustomerNumber == customer.CustomerNumber, ct))
        {
            throw new DomainException("already_active", T.Get("ActivationQueue.AlreadyActive"));
        }

        if (await users.FindByEmailAsync(pending.Email) is not null)
        {
            throw new DomainException("email_in_use", T.Get("ActivationQueue.EmailInUse"));
        }

        await activation.ActivateAsync(customer, pending.Email, pending.DisplayName, pending.Language, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A colleague confirmed a request of the same customer at the same moment; the unique customer number kept one.
            throw new DomainException("already_active", T.Get("ActivationQueue.AlreadyActive"));
        }

        return (await DescribeAsync([pending], ct)).Single();
    }

    /// <summary>Null when there is no such request.</summary>
    public async Task<PendingActivationResponse?> RefuseAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (await db.PendingActivations.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } pending)
        {
            return null;
        }

        pending.Refuse(current.DisplayName, reason, clock.GetUtcNow());
        db.Publish(new ActivationRefused(pending.Id, pending.Email, pending.DisplayName ?? pending.Email.Split('@')[0], pending.Language, pending.CustomerNumber, pending.Reason), null);
        await db.SaveChangesAsync(ct);
        return (await DescribeAsync([pending], ct)).Single();
    }

    private async Task<IReadOnlyList<PendingActivationResponse>> DescribeAsync(IReadOnlyList<PendingActivation> pending, CancellationToken ct)
    {
        var numbers = pending.Select(p => p.CustomerNumber).Distinct().ToList();
        var names = await db.ErpCustomers.AsNoTracking().Where(c => numbers.Contains(c.CustomerNumber)).ToDictionaryAsync(c => c.CustomerNumber, c => c.Name, ct);
        var contacts = (await db.ErpContacts.AsNoTracking().Where(c => numbers.Contains(c.CustomerNumber)).Select(c => new { c.CustomerNumber, c.Email }).ToListAsync(ct))
            .ToLookup(c => c.CustomerNumber, c => c.Email);
        return pending.Select(p => new PendingActivationResponse(p.Id, p.CustomerNumber, names.GetValueOrDefault(p.CustomerNumber), p.InvoiceNumber, p.Email, p.DisplayName,
            p.RequestedAt, p.Status, p.DecidedAt, p.DecidedBy, p.Reason, contacts[p.CustomerNumber].Order(StringComparer.Ordinal).ToList())).ToList();
    }
}

internal static class ActivationQueueEndpoints
{
    public static void Map(RouteGroupBuilder accounts)
    {
        var queue = accounts.MapGroup("/backoffice/activations").RequirePermission(Permission.ManageCompanies);
        queue.MapGet("/", List)
            .WithSummary("Self-activations waiting for customer service because the ERP does not know their e-mail address (status=Confirmed or Refused for decided ones)");
        queue.MapPost("/{activationId:guid}/confirm", Confirm)
            .WithSummary("Confirm a waiting self-activation: the company is activated and the person gets the set-password link")
            .ProducesProblem(StatusCodes.Status404NotFound);
        queue.MapPost("/{activationId:guid}/refuse", Refuse)
            .WithSummary("Refuse a waiting self-activation; the person is told, with the reason if one is given")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<PagedList<PendingActivationResponse>>> List(ActivationQueue activations, PendingActivationStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await activations.ListAsync(status, page, pageSize, ct));

    private static async Task<Results<Ok<PendingActivationResponse>, ProblemHttpResult>> Confirm(Guid activationId, ActivationQueue activations, CancellationToken ct) =>
        await activations.ConfirmAsync(activationId, ct) is { } confirmed ? TypedResults.Ok(confirmed) : Problem.NotFound("NotFound.ActivationRequest");

    private static async Task<Results<Ok<PendingActivationResponse>, ProblemHttpResult>> Refuse(Guid activationId, RefuseActivationRequest request, ActivationQueue activations, CancellationToken ct) =>
        await activations.RefuseAsync(activationId, request.Reason, ct) is { } refused ? TypedResults.Ok(refused) : Problem.NotFound("NotFound.ActivationRequest");
}
