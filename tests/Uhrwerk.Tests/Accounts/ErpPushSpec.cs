using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Tests.Accounts;

/// <summary>The ERP pushes invoices and known contacts one by one and asks for delivery promises, each with an API key of the right scope.</summary>
public abstract class ErpPushSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task A_pushed_invoice_is_stored_and_pushed_again_is_updated_in_place()
    {
        var erp = await ErpAsync(ApiScopes.ErpDirectory);
        var number = "RE-" + Guid.NewGuid().ToString("N")[..10];

        var created = await erp.PutAsJsonAsync($"/api/v1/erp/invoices/{number}", new { customerNumber = CompanyA.CustomerNumber, date = "2026-10-01", total = 1234.50m });
        var updated = await erp.PutAsJsonAsync($"/api/v1/erp/invoices/{number}", new { customerNumber = CompanyA.CustomerNumber, date = "2026-10-02", total = 99.90m });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/erp/invoices/{number}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        var stored = await InScopeAsync(db => db.ErpInvoices.Where(i => i.InvoiceNumber == number).ToListAsync());
        Assert.Equal((CompanyA.CustomerNumber, new DateOnly(2026, 10, 2), 99.90m), (Assert.Single(stored).CustomerNumber, stored[0].Date, stored[0].Total));
    }

    [Fact]
    public async Task A_pushed_contact_is_known_by_its_address_in_any_spelling_and_updated_in_place()
    {
        var erp = await ErpAsync(ApiScopes.ErpDirectory);
        var email = $"Einkauf-{Guid.NewGuid():N}@Mueller-Maschinenbau.example";

        var created = await erp.PutAsJsonAsync("/api/v1/erp/contacts", new { customerNumber = CompanyA.CustomerNumber, name = "Erika Einkauf", email, phone = "+49 89 123456" });
        var updated = await erp.PutAsJsonAsync("/api/v1/erp/contacts", new { customerNumber = CompanyA.CustomerNumber, name = "Erika Einkauf-Meier", email = email.ToUpperInvariant(), phone = (string?)null });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        var stored = Assert.Single(await InScopeAsync(db => db.ErpContacts.Where(c => c.CustomerNumber == CompanyA.CustomerNumber && c.Email == email.ToLowerInvariant()).ToListAsync()));
        Assert.Equal(("Erika Einkauf-Meier", null), (stored.Name, stored.Phone));
    }

    [Fact]
    public async Task The_erp_gets_the_same_delivery_promise_as_the_customer_with_an_inventory_key_only()
    {
        var erp = await ErpAsync(ApiScopes.ErpInventory);
        var directoryOnly = await ErpAsync(ApiScopes.ErpDirectory);
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var sku = await InScopeAsync(db => db.StockLevels.Where(l => l.OnHand - l.Reserved > 20).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync());
        var request = new { country = "DE", postalCode = "80331", lines = new[] { new { sku, quantity = 5, requestedDate = (string?)null } } };

        var forErp = await erp.PostAsJsonAsync("/api/v1/erp/delivery-promise", request);
        var forCustomer = await buyer.PostAsJsonAsync("/api/v1/delivery-promise", request);
        var withWrongScope = await directoryOnly.PostAsJsonAsync("/api/v1/erp/delivery-promise", request);

        Assert.Equal(HttpStatusCode.OK, forErp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withWrongScope.StatusCode);
        var promise = Assert.Single((await forErp.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        var part = Assert.Single(promise.GetProperty("complete").GetProperty("parts").EnumerateArray());
        Assert.Equal((sku, 5), (promise.GetProperty("sku").GetString(), part.GetProperty("quantity").GetInt32()));
        Assert.NotEqual("", part.GetProperty("warehouseCode").GetString());
        Assert.Equal(await forCustomer.Content.ReadAsStringAsync(), await forErp.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> ErpAsync(string scope)
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var issued = await (await admin.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "ERP " + scope, scopes = new[] { scope } })).Content.ReadFromJsonAsync<JsonElement>();
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        return erp;
    }
}

public sealed class ErpPushOnSqlite(SqliteFactory factory) : ErpPushSpec(factory), IClassFixture<SqliteFactory>;

public sealed class ErpPushOnPostgres(PostgresFactory factory) : ErpPushSpec(factory), IClassFixture<PostgresFactory>;
