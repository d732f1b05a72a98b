using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.MyCompany;

/// <summary>Reads of "my company" shared by the API and the portal.</summary>
internal sealed class MyCompanyQueries(UhrwerkDbContext db)
{
    public async Task<MyCompanyResponse> CompanyAsync(Guid companyId, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
        var main = await db.Users.AsNoTracking().Where(u => u.Id == company.MainContactUserId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
        return new MyCompanyResponse(company.Id, company.CustomerNumber, company.Name, company.VatId, company.Addresses, main?.DisplayName, main?.Email);
    }

    /// <summary>Contacts the ERP knows for the company that are not users yet.</summary>
    public async Task<IReadOnlyList<ErpContactResponse>> ErpContactsAsync(Guid companyId, CancellationToken ct)
    {
        var customerNumber = await db.Companies.Where(c => c.Id == companyId).Select(c => c.CustomerNumber).SingleAsync(ct);
        var taken = await db.Users.Where(u => u.CompanyId == companyId).Select(u => u.Email).ToListAsync(ct);
        return await db.ErpContacts.AsNoTracking().Where(c => c.CustomerNumber == customerNumber && !taken.Contains(c.Email))
            .OrderBy(c => c.Name).Take(200).Select(c => new ErpContactResponse(c.Id, c.Name, c.Email, c.Phone)).ToListAsync(ct);
    }
}
