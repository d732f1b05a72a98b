using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>Which approvers an order waiting for approval goes to, and whether the caller may decide it.</summary>
internal sealed class ApproverRoutes(UhrwerkDbContext db, CurrentUser me, IAccounts accounts, TimeProvider clock)
{
    /// <summary>
    /// Who may decide orders of the caller's company right now, recomputed for every request so that
    /// absences, deactivations and role changes count at once. Only active users who hold the right to
    /// approve are routed to. Loads designations, absences and rights once for any number of orders.
    /// </summary>
    public async Task<Func<Order, IReadOnlyList<RoutedApprover>>> RoutesAsync(CancellationToken ct) =>
        await RoutesAsync(me.RequiredCompanyId, (await accounts.BuyerProfileAsync(me.RequiredUserId, ct))?.MainContactId, ct);

    /// <summary>The routes of any company, for work done without a signed-in user of it (the deputy hand-over).</summary>
    public async Task<Func<Order, IReadOnlyList<RoutedApprover>>> RoutesAsync(Guid companyId, Guid? mainContactId, CancellationToken ct)
    {
        var today = BerlinTime.DateOf(clock.GetUtcNow());
        var designated = await db.Approvers.AsNoTracking().Where(a => a.CompanyId == companyId).ToListAsync(ct);
        var absences = await db.Absences.AsNoTracking().Where(a => a.CompanyId == companyId && a.To >= today).ToListAsync(ct);
        var candidates = designated.Select(a => a.UserId).Concat(absences.Select(a => a.DeputyId ?? Guid.Empty)).Append(mainContactId ?? Guid.Empty).ToHashSet();
        var eligible = await accounts.ActiveHoldersOfAsync(candidates, Permission.ApproveOrders, ct);
        var approvers = designated.Where(a => eligible.Contains(a.UserId)).ToList();
        var roles = approvers.Any(a => a.ForRoleId is not null) ? await accounts.RolesAsync(companyId, ct) : new CompanyRoleMap(new Dictionary<Guid, string>(), new Dictionary<Guid, IReadOnlyList<Guid>>());
        return order => ApprovalRouting.For(order.BuyerId, roles.Of(order.BuyerId), order.Total, approvers, absences, mainContactId, today).Where(r => eligible.Contains(r.UserId)).ToList();
    }

    public async Task<IReadOnlyList<RoutedApprover>> ApproversAsync(Order order, CancellationToken ct) => (await RoutesAsync(ct))(order);

    public bool MayDecide(Order order, Func<Order, IReadOnlyList<RoutedApprover>> routes) =>
        me.Has(Permission.ApproveOrders) && me.UserId != order.BuyerId && routes(order).Any(r => r.UserId == me.UserId);

    public async Task<bool> MayDecideAsync(Order order, CancellationToken ct) => MayDecide(order, await RoutesAsync(ct));

    public async Task EnsureMayDecideAsync(Order order, CancellationToken ct)
    {
        if (!await MayDecideAsync(order, ct))
        {
            throw new NotAllowedException(me.UserId == order.BuyerId ? "self_approval" : "not_an_approver",
                me.UserId == order.BuyerId ? T.Get("Ordering.SelfApproval") : T.Get("Ordering.NotAnApprover"));
        }
    }
}
