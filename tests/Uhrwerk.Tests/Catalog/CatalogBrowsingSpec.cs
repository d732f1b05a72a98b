using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Catalog.Domain;

namespace Uhrwerk.Tests.Catalog;

public abstract class CatalogBrowsingSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static MultipartFormDataContent Csv(string text) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "catalog.csv" } };

    private async Task<(Product Product, decimal CompanyPrice)> ProductWithPriceOfAsync(Server.Modules.Accounts.DemoData.DemoLogins.DemoCompany company)
    {
        var companyId = await CompanyIdAsync(company);
        return await InScopeAsync(async db =>
        {
            var prices = await db.CustomerPrices.Where(c => c.CompanyId == companyId).ToListAsync();
            var products = await db.Products.Where(p => p.IsActive).ToDictionaryAsync(p => p.Id);
            var price = prices.Where(c => products.ContainsKey(c.ProductId) && products[c.ProductId].ListPrice - c.Price >= 0.10m).OrderBy(c => c.ProductId).First();
            return (products[price.ProductId], price.Price);
        });
    }

    [Fact]
    public async Task Technician_sees_datasheets_but_no_prices()
    {
        var technician = await SignInAsync(UserOf(CompanyA, PredefinedRole.Technician));
        var (product, _) = await ProductWithPriceOfAsync(CompanyA);

        var list = await technician.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products");
        var details = await technician.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Sku}");

        Assert.All(list.GetProperty("items").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("price").ValueKind));
        Assert.Equal(JsonValueKind.Null, details.GetProperty("price").ValueKind);
        Assert.Equal(JsonValueKind.Null, details.GetProperty("listPrice").ValueKind);
        var sheet = details.GetProperty("datasheets")[0];
        var download = await technician.GetAsync($"/api/v1/catalog/products/{product.Sku}/datasheets/{sheet.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(await download.Content.ReadAsByteArrayAsync())[..5]);
    }

    [Fact]
    public async Task Company_price_overrides_the_list_price_and_another_companys_price_is_never_shown()
    {
        var (product, priceOfA) = await ProductWithPriceOfAsync(CompanyA);
        var companyB = await CompanyIdAsync(CompanyB);
        var priceOfB = await InScopeAsync(db => db.CustomerPrices.Where(c => c.CompanyId == companyB && c.ProductId == product.Id).Select(c => (decimal?)c.Price).SingleOrDefaultAsync());

        var forA = await (await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer))).GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Sku}");
        var forB = await (await SignInAsync(UserOf(CompanyB, PredefinedRole.Buyer))).GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{product.Sku}");

        Assert.NotEqual(product.ListPrice, priceOfA);
        Assert.Equal(priceOfA, forA.GetProperty("price").GetDecimal());
        Assert.Equal(product.ListPrice, forA.GetProperty("listPrice").GetDecimal());
        Assert.Equal(priceOfB ?? product.ListPrice, forB.GetProperty("price").GetDecimal());
        Assert.NotEqual(priceOfA, forB.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Search_finds_products_by_sku_and_name_in_both_languages_and_pages_are_capped()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        var bySku = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?search=shs-m8x40");
        var byGermanName = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?search=rillenkugellager");
        var byEnglishName = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?search=ball%20bearing");
        var huge = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?pageSize=100000");

        Assert.All(bySku.GetProperty("items").EnumerateArray(), p => Assert.StartsWith("SHS-M8X40", p.GetProperty("sku").GetString()));
        Assert.True(bySku.GetProperty("total").GetInt32() > 0);
        Assert.Equal(byGermanName.GetProperty("total").GetInt32(), byEnglishName.GetProperty("total").GetInt32());
        Assert.True(byGermanName.GetProperty("total").GetInt32() > 0);
        Assert.Equal(100, huge.GetProperty("pageSize").GetInt32());
        Assert.Equal(100, huge.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Inactive_products_are_hidden_from_customers_but_not_from_staff()
    {
        var inactive = await InScopeAsync(db => db.Products.Where(p => !p.IsActive).Select(p => p.Sku).FirstAsync());

        await ProblemOf(await (await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer))).GetAsync($"/api/v1/catalog/products/{inactive}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync("admin@uhrwerk.example")).GetAsync($"/api/v1/catalog/products/{inactive}")).StatusCode);
    }

    [Fact]
    public async Task Product_import_with_a_bad_row_reports_the_line_and_saves_nothing()
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        const string header = "sku;name_de;name_en;description_de;description_en;unit;pack_size;list_price;active\n";
        var bad = header + "NEU-1;Neu eins;New one;;;Stk;10;1,50;ja\n" + "neu 2;Neu zwei;New two;;;Stk;0;-3;ja\n" + "NEU-3;Neu drei;New three;;;Stk;1;2.999;ja\n";

        var problem = await ProblemOf(await admin.PostAsync("/api/v1/backoffice/imports/products", Csv(bad)), HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "sku"), errors);
        Assert.Contains((3, "pack_size"), errors);
        Assert.Contains((3, "list_price"), errors);
        Assert.Contains((4, "list_price"), errors);
        Assert.False(await InScopeAsync(db => db.Products.AnyAsync(p => p.Sku.StartsWith("NEU-"))));

        var good = header + "NEU-1;Neu eins;New one;;;Stk;10;1,50;ja\nneu-3;Neu drei;New three;;;m;1;2.99;nein\n";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/backoffice/imports/products", Csv(good))).StatusCode);
        var imported = await InScopeAsync(db => db.Products.Where(p => p.Sku.StartsWith("NEU-")).OrderBy(p => p.Sku).ToListAsync());
        Assert.Equal([("NEU-1", 1.50m, true), ("NEU-3", 2.99m, false)], imported.Select(p => (p.Sku, p.ListPrice, p.IsActive)));
    }

    [Fact]
    public async Task Price_import_rejects_unknown_sku_and_customer_number_and_then_prices_the_company()
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderByDescending(p => p.Sku).Select(p => p.Sku).FirstAsync());

        var problem = await ProblemOf(await admin.PostAsync("/api/v1/backoffice/imports/prices", Csv($"customer_number,sku,price\n{CompanyB.CustomerNumber},{sku},1.23\n99999,{sku},1.00\n{CompanyB.CustomerNumber},NO-SUCH-SKU,1.00\n")), HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "customer_number"), (4, "sku")], errors);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/backoffice/imports/prices", Csv($"customer_number,sku,price\n{CompanyB.CustomerNumber},{sku},1.23\n"))).StatusCode);
        var forB = await (await SignInAsync(UserOf(CompanyB, PredefinedRole.Buyer))).GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{sku}");
        Assert.Equal(1.23m, forB.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Customers_cannot_import_into_the_catalog()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var service = await SignInAsync("service@uhrwerk.example");

        await ProblemOf(await mainContact.PostAsync("/api/v1/backoffice/imports/products", Csv("sku\n")), HttpStatusCode.Forbidden);
        await ProblemOf(await service.PostAsync("/api/v1/backoffice/imports/products", Csv("sku\n")), HttpStatusCode.Forbidden);
    }
}

public sealed class CatalogBrowsingOnSqlite(SqliteFactory f) : CatalogBrowsingSpec(f), IClassFixture<SqliteFactory>;

public sealed class CatalogBrowsingOnPostgres(PostgresFactory f) : CatalogBrowsingSpec(f), IClassFixture<PostgresFactory>;
