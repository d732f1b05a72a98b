using System.Globalization;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed class ContractsBackofficeTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Service = "service@uhrwerk.example";
    private const string Bolt = "SHS-M6X20-01";
    private const string Buyer = "einkauf@mueller-maschinenbau.example";

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task FillDraftAsync(string customerNumber, string number, int row, string sku)
    {
        await Page.FillAsync("#customer-number", customerNumber);
        await Page.FillAsync("#number", number);
        await Page.FillAsync("#valid-from", Iso(Today));
        await Page.FillAsync("#valid-to", Iso(Today.AddMonths(12)));
        await Page.FillAsync($"#line-sku-{row}", sku);
        await Page.FillAsync($"#line-quantity-{row}", "500");
        await Page.FillAsync($"#line-price-{row}", "0.42");
    }

    [Fact]
    public Task Customer_service_creates_a_draft_sees_refused_fields_next_to_them_filters_the_list_and_activates_and_cancels_the_contract() =>
        StepsAsync(nameof(Customer_service_creates_a_draft_sees_refused_fields_next_to_them_filters_the_list_and_activates_and_cancels_the_contract), async () =>
        {
            await SignInAsync(Service);
            await Page.ClickAsync("a[href='/backoffice/contracts']");

            // A line filled in the second row with an unknown article: refused at that row, with what was typed kept.
            await FillDraftAsync("10001", "K-BO-0001", 1, "NOPE-0001");
            await Page.ClickAsync("#create-submit");
            await Assertions.Expect(Page.Locator("#line-sku-1-error")).ToHaveTextAsync("Unbekannte oder ausgelaufene Artikelnummer „NOPE-0001“.");
            await Assertions.Expect(Page.Locator("#line-sku-1")).ToHaveAttributeAsync("aria-describedby", "line-sku-1-error");
            await Assertions.Expect(Page.Locator("#line-sku-0-error")).ToHaveCountAsync(0);
            await Assertions.Expect(Page.Locator("#number")).ToHaveValueAsync("K-BO-0001");

            await Page.FillAsync("#line-sku-1", Bolt);
            await Page.FillAsync("#valid-to", Iso(Today.AddDays(-1)));
            await Page.ClickAsync("#create-submit");
            await Assertions.Expect(Page.Locator("#valid-to-error")).ToHaveTextAsync("Das Ende der Laufzeit liegt vor ihrem Beginn.");
            await Assertions.Expect(Page.Locator("#contracts-none")).ToBeVisibleAsync();

            // With the validity right, a release schedule in the buyer's name and a minimum call-off, the draft is created.
            await Page.FillAsync("#valid-to", Iso(Today.AddMonths(12)));
            await Page.FillAsync("#line-minimum-1", "50");
            await Page.FillAsync("#release-buyer", Buyer);
            await Page.FillAsync("#release-sku-0", Bolt);
            await Page.FillAsync("#release-date-0", Iso(Today.AddDays(30)));
            await Page.FillAsync("#release-quantity-0", "100");
            await Page.ClickAsync("#create-submit");
            await Assertions.Expect(Page.Locator("#contract-notice")).ToHaveTextAsync("Der Kontrakt K-BO-0001 ist als Entwurf angelegt.");

            await FillDraftAsync("10002", "K-BO-0002", 0, Bolt);
            await Page.ClickAsync("#create-submit");
            await Assertions.Expect(Page.Locator("#contract-notice")).ToHaveTextAsync("Der Kontrakt K-BO-0002 ist als Entwurf angelegt.");
            await Assertions.Expect(Page.Locator("#contracts tbody tr")).ToHaveCountAsync(2);

            await Page.SelectOptionAsync("#filter-company", new SelectOptionValue { Label = "Müller Maschinenbau GmbH" });
            await Page.ClickAsync("#filter-submit");
            await Assertions.Expect(Page.Locator("#contracts tbody tr")).ToHaveCountAsync(1);
            var mueller = Page.Locator("#contracts tr[data-contract='K-BO-0001']");
            await Assertions.Expect(mueller.Locator("td.company")).ToHaveTextAsync("Müller Maschinenbau GmbH");
            await Assertions.Expect(mueller.Locator("td.status")).ToHaveTextAsync("Entwurf");

            await mueller.Locator("a").ClickAsync();
            await Assertions.Expect(Page.Locator("#contract-status")).ToHaveTextAsync("Entwurf");
            var line = Page.Locator($"#contract-lines tr[data-line='{Bolt}']");
            await Assertions.Expect(line.Locator("td.contracted")).ToHaveTextAsync("500");
            await Assertions.Expect(line.Locator("td.called-off")).ToHaveTextAsync("0");
            await Assertions.Expect(line.Locator("td.delivered")).ToHaveTextAsync("0");
            await Assertions.Expect(line.Locator("td.remaining")).ToHaveTextAsync("500");
            await Assertions.Expect(Page.Locator("#releases tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(Page.Locator("#releases tbody tr td.status")).ToHaveTextAsync("geplant");
            await Assertions.Expect(Page.Locator("#releases tbody tr")).ToContainTextAsync(Today.AddDays(30).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));

            await Page.ClickAsync("#activate");
            await Assertions.Expect(Page.Locator("#contract-notice")).ToContainTextAsync("K-BO-0001 ist aktiv");
            await Assertions.Expect(Page.Locator("#contract-status")).ToHaveTextAsync("Aktiv");
            await Assertions.Expect(Page.Locator("#activate")).ToHaveCountAsync(0);
            await Page.ClickAsync("#cancel");
            await Assertions.Expect(Page.Locator("#contract-status")).ToHaveTextAsync("Storniert");
            await Assertions.Expect(Page.Locator("#change")).ToHaveCountAsync(0);

            await Page.ClickAsync("#back-to-list");
            await Page.SelectOptionAsync("#filter-status", "Cancelled");
            await Page.ClickAsync("#filter-submit");
            await Assertions.Expect(Page.Locator("#contracts tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(Page.Locator("#contracts tr[data-contract='K-BO-0001'] td.status")).ToHaveTextAsync("Storniert");
            await Page.SelectOptionAsync("#filter-status", "Draft");
            await Page.ClickAsync("#filter-submit");
            await Assertions.Expect(Page.Locator("#contracts tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(Page.Locator("#contracts tr[data-contract='K-BO-0002']")).ToBeVisibleAsync();
        });

    [Fact]
    public Task The_warehouse_has_neither_the_link_nor_the_page() =>
        StepsAsync(nameof(The_warehouse_has_neither_the_link_nor_the_page), async () =>
        {
            await SignInAsync("lager@uhrwerk.example");
            await Assertions.Expect(Page.Locator("a[href='/backoffice/contracts']")).ToHaveCountAsync(0);
            await Page.GotoAsync("/backoffice/contracts");
            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Kein Zugriff");
            await Assertions.Expect(Page.Locator("#create")).ToHaveCountAsync(0);
        });
}
