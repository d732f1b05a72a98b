using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Modules.Accounts.MyCompany;

public sealed record MyCompanyResponse(Guid Id, string CustomerNumber, string Name, string? VatId, IReadOnlyList<Address> Addresses, string? MainContactName, string? MainContactEmail);

public sealed record ErpContactResponse(Guid Id, string Name, string Email, string? Phone);

internal static class MyCompanyEndpoints
{
    public static void Map(RouteGroupBuilder accounts)
    {
        accounts.MapGet("/company", Company)
            .RequirePermission(Permission.ViewCatalog)
            .WithSummary("My company: name, customer number, addresses, main contact");

        accounts.MapGet("/company/erp-contacts", ErpContacts)
            .RequirePermission(Permission.ManageUsers)
            .WithSummary("Contacts the ERP knows for my company that are not users yet");
    }

    private static async Task<Ok<MyCompanyResponse>> Company(MyCompanyQueries queries, CurrentUser current, CancellationToken ct) =>
        TypedResults.Ok(await queries.CompanyAsync(current.RequiredCompanyId, ct));

    private static async Task<Ok<IReadOnlyList<ErpContactResponse>>> ErpContacts(MyCompanyQueries queries, CurrentUser current, CancellationToken ct) =>
        TypedResults.Ok(await queries.ErpContactsAsync(current.RequiredCompanyId, ct));
}
