using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.ErpDirectory;

public sealed record ErpCustomerRequest([property: Required, StringLength(200)] string Name, [property: StringLength(40)] string? VatId, bool MayUseCustomerCenter, [property: Required] IReadOnlyList<Address> Addresses);

public sealed record ErpInvoiceRequest([property: Required, StringLength(40)] string CustomerNumber, DateOnly Date, [property: Range(0, 100_000_000)] decimal Total);

public sealed record ErpContactRequest([property: Required, StringLength(40)] string CustomerNumber, [property: Required, StringLength(200)] string Name, [property: Required, StringLength(254)] string Email, [property: StringLength(40)] string? Phone);

internal static class ErpDirectoryEndpoints
{
    public static void Map(RouteGroupBuilder accounts)
    {
        // The ERP pushes changes one by one with an API key.
        var erp = accounts.MapGroup("/erp").RequireApiScope(ApiScopes.ErpDirectory);
        erp.MapPut("/customers/{customerNumber}", PutCustomer).WithSummary("Create or update an ERP customer");
        erp.MapPut("/invoices/{invoiceNumber}", PutInvoice).WithSummary("Create or update an ERP invoice");
        erp.MapPut("/contacts", PutContact).WithSummary("Create or update a known contact of an ERP customer");
    }

    private static async Task<Results<Created, NoContent>> PutCustomer(string customerNumber, ErpCustomerRequest request, ErpDirectoryImport directory, UhrwerkDbContext db, CancellationToken ct)
    {
        if (request.Addresses.Count == 0)
        {
            throw ValidationFailedException.For("addresses", T.Get("Erp.BillingAddressRequired"));
        }

        var (created, _) = await directory.UpsertCustomersAsync([new ErpCustomerData(customerNumber.Trim(), request.Name, request.VatId, request.MayUseCustomerCenter, request.Addresses)], ct);
        await db.SaveChangesAsync(ct);
        return created == 1 ? TypedResults.Created($"/api/v1/erp/customers/{customerNumber}") : TypedResults.NoContent();
    }

    private static async Task<Results<Created, NoContent>> PutInvoice(string invoiceNumber, ErpInvoiceRequest request, ErpDirectoryImport directory, UhrwerkDbContext db, CancellationToken ct)
    {
        var (created, _) = await directory.UpsertInvoicesAsync([new ErpInvoiceData(invoiceNumber.Trim(), request.CustomerNumber.Trim(), request.Date, request.Total)], ct);
        await db.SaveChangesAsync(ct);
        return created == 1 ? TypedResults.Created($"/api/v1/erp/invoices/{invoiceNumber}") : TypedResults.NoContent();
    }

    private static async Task<Results<Created, NoContent>> PutContact(ErpContactRequest request, ErpDirectoryImport directory, UhrwerkDbContext db, CancellationToken ct)
    {
        var (created, _) = await directory.UpsertContactsAsync([new ErpContactData(request.CustomerNumber.Trim(), request.Name, EmailAddress.Normalize(request.Email), request.Phone)], ct);
        await db.SaveChangesAsync(ct);
        return created == 1 ? TypedResults.Created() : TypedResults.NoContent();
    }
}
