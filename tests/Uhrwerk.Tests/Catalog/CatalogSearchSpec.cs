using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Tests.Platform;

namespace Uhrwerk.Tests.Catalog;

/// <summary>
/// The catalog search as a buyer types into it: SKU prefixes, German and English words in any case,
/// umlauts spelt either way, paging, a count that stops at "more than 1,000", and odd input that is
/// taken literally instead of failing. Each spec adds products with words of its own, so the specs
/// of one database do not see each other's products.
/// </summary>
public abstract class CatalogSearchSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private Task AddProductsAsync(params (string Sku, string NameDe, string NameEn)[] products) => InScopeAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        db.Products.AddRange(products.Select(p => Product.Create(Sku.Create(p.Sku), new ProductTexts(p.NameDe, p.NameEn, null, null), "Stk", 1, 1.00m, now)));
        return await db.SaveChangesAsync();
    });

    private static async Task<JsonElement> SearchAsync(HttpClient client, string term, int page = 1, int pageSize = 100)
    {
        var response = await client.GetAsync($"/api/v1/catalog/products?search={Uri.EscapeDataString(term)}&page={page}&pageSize={pageSize}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Searching '{(term.Length > 40 ? term[..40] + "…" : term)}' answered {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static List<string> SkusOf(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("sku").GetString()!).ToList();

    [Fact]
    public async Task Sku_prefix_finds_every_product_whose_sku_starts_with_it_in_any_case()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var expected = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-M8")).OrderBy(p => p.Sku).Select(p => p.Sku).ToListAsync());

        var lower = await SearchAsync(buyer, "shs-m8");
        var upper = await SearchAsync(buyer, "SHS-M8");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, SkusOf(lower));
        Assert.Equal(expected, SkusOf(upper));
        Assert.Equal(expected.Count, lower.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task German_and_English_words_find_the_same_products_whatever_their_case()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        var screws = await SearchAsync(buyer, "Schraube");
        var nuts = await SearchAsync(buyer, "Mutter");

        Assert.NotEmpty(SkusOf(screws));
        Assert.All(SkusOf(screws), sku => Assert.StartsWith("SHS-", sku));
        Assert.Equal(SkusOf(screws), SkusOf(await SearchAsync(buyer, "SCHRAUBE")));
        Assert.Equal(SkusOf(screws), SkusOf(await SearchAsync(buyer, "hex bolt")));
        Assert.Equal(SkusOf(screws), SkusOf(await SearchAsync(buyer, "HEX  Bolt")));
        Assert.NotEmpty(SkusOf(nuts));
        Assert.All(SkusOf(nuts), sku => Assert.StartsWith("MUT-", sku));
        Assert.Equal(SkusOf(nuts), SkusOf(await SearchAsync(buyer, "mutter")));
        Assert.Equal(SkusOf(nuts), SkusOf(await SearchAsync(buyer, "Hex Nut")));
    }

    [Fact]
    public async Task Umlauts_and_the_sharp_s_find_what_a_german_user_expects_however_they_are_typed()
    {
        await AddProductsAsync(("HSH-GR9", "Arbeitshandschuh Größe 9", "Work glove size 9"), ("KSS-5L", "Kühlschmierstoff ÖLFREI 5 l", "Coolant oil-free 5 l"));
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        foreach (var term in new[] { "Größe", "größe", "GRÖSSE", "GRÖẞE", "groesse", "Grösse", "glove SIZE 9" })
        {
            Assert.Equal(["HSH-GR9"], SkusOf(await SearchAsync(buyer, term)));
        }

        foreach (var term in new[] { "kühl", "KÜHL", "kuehl", "ölfrei", "Oelfrei", "OIL-FREE" })
        {
            Assert.Equal(["KSS-5L"], SkusOf(await SearchAsync(buyer, term)));
        }
    }

    [Fact]
    public async Task Pages_walk_every_hit_once_in_sku_order_and_a_page_past_the_end_is_empty()
    {
        await AddProductsAsync([.. Enumerable.Range(1, 23).Select(i => ($"PAG-{i:D3}", $"Blättertest Teil {i}", $"Paging test part {i}"))]);
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 6; page++)
        {
            pages.Add(await SearchAsync(buyer, "blättertest", page, pageSize: 5));
        }

        var walked = pages.SelectMany(SkusOf).ToList();
        Assert.Equal(Enumerable.Range(1, 23).Select(i => $"PAG-{i:D3}"), walked);
        Assert.Equal([5, 5, 5, 5, 3, 0], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(23, p.GetProperty("total").GetInt32()));
        Assert.All(pages, p => Assert.True(p.GetProperty("totalIsExact").GetBoolean()));
    }

    [Fact]
    public async Task More_than_a_thousand_hits_are_counted_as_more_than_a_thousand_and_paging_goes_on()
    {
        await AddProductsAsync([.. Enumerable.Range(1, CountLimit + 10).Select(i => ($"MAS-{i:D5}", $"Massenartikel {i}", $"Bulk item {i}"))]);
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        var first = await SearchAsync(buyer, "massenartikel", 1, 25);
        var lastCounted = await SearchAsync(buyer, "massenartikel", CountLimit / 25, 25);
        var beyond = await SearchAsync(buyer, "massenartikel", CountLimit / 25 + 1, 25);

        Assert.Equal((25, CountLimit, false), (first.GetProperty("items").GetArrayLength(), first.GetProperty("total").GetInt32(), first.GetProperty("totalIsExact").GetBoolean()));
        Assert.Equal((CountLimit, false), (lastCounted.GetProperty("total").GetInt32(), lastCounted.GetProperty("totalIsExact").GetBoolean()));
        Assert.Equal(Enumerable.Range(CountLimit + 1, 10).Select(i => $"MAS-{i:D5}"), SkusOf(beyond));
        Assert.Equal((CountLimit + 10, true), (beyond.GetProperty("total").GetInt32(), beyond.GetProperty("totalIsExact").GetBoolean()));

        var portal = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var html = await portal.GetStringAsync("/catalog?search=Massenartikel");
        Assert.Contains($"Mehr als {CountLimit} Artikel", html);
        Assert.Contains($"Seite 1 von mehr als {CountLimit / 25}", html);
        Assert.Contains("rel=\"next\"", html);
    }

    [Fact]
    public async Task Odd_terms_are_taken_literally_and_never_fail()
    {
        await AddProductsAsync(("ODD-PCT", "Aktionsrabatt 100% Zuschlag", "Promotion 100% surcharge"), ("ODD-USC", "Kabel_Binder", "Cable_tie"), ("ODD-BSL", @"Ablage C:\Teile", @"Tray C:\parts"), ("ODD-EXC", "Warnschild Achtung!", "Warning sign Caution!"));
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        Assert.Equal(["ODD-PCT"], SkusOf(await SearchAsync(buyer, "%")));
        Assert.Equal(["ODD-PCT"], SkusOf(await SearchAsync(buyer, "100%")));
        Assert.Equal(["ODD-USC"], SkusOf(await SearchAsync(buyer, "_")));
        Assert.Equal(["ODD-BSL"], SkusOf(await SearchAsync(buyer, @"\")));
        Assert.Equal(["ODD-BSL"], SkusOf(await SearchAsync(buyer, @"c:\t")));
        Assert.Equal(["ODD-EXC"], SkusOf(await SearchAsync(buyer, "!")));
        foreach (var term in new[] { "%_%", @"\%", @"\\", "!%", "!!", "'; DROP TABLE catalog_products; --", new string('a', ProductSearch.MaxTermLength + 1), new string('%', 5000) })
        {
            var page = await SearchAsync(buyer, term);
            Assert.Empty(SkusOf(page));
            Assert.Equal(0, page.GetProperty("total").GetInt32());
        }

        Assert.True((await SearchAsync(buyer, "   ")).GetProperty("total").GetInt32() > 0);
        await ProblemOf(await buyer.GetAsync("/api/v1/catalog/products?search=%00"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_page_of_hits_and_their_count_come_in_one_round_trip_whether_or_not_the_hits_fit_on_the_page()
    {
        await AddProductsAsync(("RTS-1", "Rundtrip Sonde eins", "Round trip probe one"), ("RTS-2", "Rundtrip Sonde zwei", "Round trip probe two"));
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        using var few = await buyer.GetAsync("/api/v1/catalog/products?search=rundtrip&pageSize=5");
        using var many = await buyer.GetAsync("/api/v1/catalog/products?search=rundtrip&pageSize=1");
        var counted = JsonDocument.Parse(await many.Content.ReadAsStringAsync()).RootElement;

        // One for the caller, one for the page.
        Assert.Equal((2, 2), (RoundTripSpec.RoundTripsOf(few), RoundTripSpec.RoundTripsOf(many)));
        Assert.Equal((1, 2, true), (counted.GetProperty("items").GetArrayLength(), counted.GetProperty("total").GetInt32(), counted.GetProperty("totalIsExact").GetBoolean()));
    }

    private const int CountLimit = 1000;
}

public sealed class CatalogSearchOnSqlite(SqliteFactory f) : CatalogSearchSpec(f), IClassFixture<SqliteFactory>;

public sealed class CatalogSearchOnPostgres(PostgresFactory f) : CatalogSearchSpec(f), IClassFixture<PostgresFactory>;
