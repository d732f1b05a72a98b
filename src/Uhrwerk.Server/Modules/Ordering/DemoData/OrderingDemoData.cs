using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Ordering.DemoData;

/// <summary>
/// Holding the approver role routes nothing by itself: each demo company's approver is designated
/// for every buyer, up to a limit above which the main contact decides, as the README's tour describes.
/// </summary>
internal sealed class OrderingDemoData(UhrwerkDbContext db, IAccounts accounts) : IDemoData
{
    private const decimal ApproverLimit = 5000m;

    public int Order => 30;

    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var companyId in await accounts.CompanyIdsAsync(ct))
        {
            var colleagues = await accounts.ColleaguesAsync(companyId, ct);
            if (colleagues.Count == 0 || (await accounts.BuyerProfileAsync(colleagues[0].UserId, ct))?.MainContactId is not { } mainContact)
            {
                continue;
            }

            var approvers = await accounts.ActiveHoldersOfAsync(colleagues.Select(c => c.UserId).ToList(), Permission.ApproveOrders, ct);
            foreach (var approver in colleagues.Where(c => approvers.Contains(c.UserId) && c.UserId != mainContact))
            {
                db.Approvers.Add(Approver.Designate(companyId, approver.UserId, approver.DisplayName, ApproverLimit, forBuyerId: null, forRoleId: null, by: new Designator(mainContact, mainContact)));
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
