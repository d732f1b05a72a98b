using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Modules.Accounts.MyCompany;

public sealed record MyCompanyResponse(Guid Id, string CustomerNumber, string Name, string? VatId, IReadOnlyList<Address> Addresses, string? MainContactName, string? MainContactEmail);

public sealed record ErpContactResponse(Guid Id, string Name, string Email, string? Phone);

internal static class MyCompanyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/company", (MyCompanyQueries queries, CurrentUser current, CancellationToken ct) => queries.CompanyAsync(current.RequiredCompanyId, ct))
            .RequirePermission(Permission.ViewCatalog)
            .WithTags("Customer center").WithSummary("My company: name, customer number, addresses, main contact");

        api.MapGet("/company/erp-contacts", (MyCompanyQueries queries, CurrentUser current, CancellationToken ct) => queries.ErpContactsAsync(current.RequiredCompanyId, ct))
            .RequirePermission(Permission.ManageUsers)
            .WithTags("Customer center").WithSummary("Contacts the ERP knows for my company that are not users yet");
    }
}
