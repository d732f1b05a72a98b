using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.MyCompany;

public sealed record MyCompanyResponse(Guid Id, string CustomerNumber, string Name, string? VatId, IReadOnlyList<Address> Addresses, string? MainContactName, string? MainContactEmail);

public sealed record ErpContactResponse(Guid Id, string Name, string Email, string? Phone);

internal static class MyCompanyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/company", async (UhrwerkDbContext db, CurrentUser current, CancellationToken ct) =>
            {
                var companyId = current.RequiredCompanyId;
                var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
                var main = await db.Users.AsNoTracking().Where(u => u.Id == company.MainContactUserId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
                return new MyCompanyResponse(company.Id, company.CustomerNumber, company.Name, company.VatId, company.Addresses, main?.DisplayName, main?.Email);
            })
            .RequirePermission(Permission.ViewCatalog)
            .WithTags("Customer center").WithSummary("My company: name, customer number, addresses, main contact");

        api.MapGet("/company/erp-contacts", async (UhrwerkDbContext db, CurrentUser current, CancellationToken ct) =>
            {
                var companyId = current.RequiredCompanyId;
                var customerNumber = await db.Companies.Where(c => c.Id == companyId).Select(c => c.CustomerNumber).SingleAsync(ct);
                var taken = await db.Users.Where(u => u.CompanyId == companyId).Select(u => u.Email).ToListAsync(ct);
                return await db.ErpContacts.AsNoTracking().Where(c => c.CustomerNumber == customerNumber && !taken.Contains(c.Email))
                    .OrderBy(c => c.Name).Take(200).Select(c => new ErpContactResponse(c.Id, c.Name, c.Email, c.Phone)).ToListAsync(ct);
            })
            .RequirePermission(Permission.ManageUsers)
            .WithTags("Customer center").WithSummary("Contacts the ERP knows for my company that are not users yet");
    }
}
