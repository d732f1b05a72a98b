using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Uhrwerk.BrowserTests;

/// <summary>Issue 14, acceptance 6: a call-off from a contract, shipped in two parts, seen by the buyer with its delivery note.</summary>
public sealed partial class ContractCallOffDeliveryTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Service = "service@uhrwerk.example";
    private const string Warehouse = "lager@uhrwerk.example";
    private const string Buyer = "einkauf@mueller-maschinenbau.example";
    private const string Mueller = "10001";
    private const string Contract = "K-BROWSER-0006";

    [GeneratedRegex(@"\d{2}\.\d{2}\.\d{4}")]
    private static partial Regex GermanDate();

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A product sold by the piece of which one warehouse of the demo has plenty to pick from, wherever the promise reserves it.</summary>
    private (string Sku, string Warehouse) PlentifulProduct()
    {
        using var connection = new SqliteConnection($"Data Source={Server.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.Sku, s.WarehouseCode FROM inventory_stock s JOIN catalog_products p ON p.Sku = s.Sku
            WHERE p.IsActive = 1 AND p.PackSize = 1 AND p.ListPrice > 0 AND s.OnHand - s.Reserved >= 100
            ORDER BY s.Sku, s.WarehouseCode LIMIT 1
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "The demo data has no product sold by the piece with 100 in stock.");
        return (reader.GetString(0), reader.GetString(1));
    }

    [Fact]
    public Task A_buyer_calls_off_from_a_contract_staff_ship_it_in_two_parts_and_the_buyer_sees_both_deliveries_the_remainder_and_the_delivery_note() =>
        StepsAsync(nameof(A_buyer_calls_off_from_a_contract_staff_ship_it_in_two_parts_and_the_buyer_sees_both_deliveries_the_remainder_and_the_delivery_note), async () =>
        {
            var (sku, warehouse) = PlentifulProduct();

            // Customer service sets the contract up in the back office: 100 at a fixed price, at least 10 per call-off.
            await SignInAsync(Service);
            await Page.ClickAsync("a[href='/backoffice/contracts']");
            await Page.FillAsync("#customer-number", Mueller);
            await Page.FillAsync("#number", Contract);
            await Page.FillAsync("#valid-from", Iso(Today));
            await Page.FillAsync("#valid-to", Iso(Today.AddMonths(6)));
            await Page.FillAsync("#line-sku-0", sku);
            await Page.FillAsync("#line-quantity-0", "100");
            await Page.FillAsync("#line-price-0", "2.5");
            await Page.FillAsync("#line-minimum-0", "10");
            await Page.ClickAsync("#create-submit");
            await Assertions.Expect(Page.Locator("#contract-notice")).ToContainTextAsync(Contract);
            await Page.ClickAsync($"#contracts tr[data-contract='{Contract}'] a");
            await Page.ClickAsync("#activate");
            await Assertions.Expect(Page.Locator("#contract-status")).ToHaveTextAsync("Aktiv");

            // The buyer checks the date first, then calls off 30 for two weeks from now.
            await SignInAsync(Buyer);
            await Page.ClickAsync("a[href='/contracts']");
            var contract = Page.Locator($"section.contract[data-contract='{Contract}']");
            await contract.Locator("input[name=Quantity]").FillAsync("30");
            await contract.Locator("input[name=RequestedDate]").FillAsync(Iso(Today.AddDays(14)));
            await contract.Locator("button[value=preview]").ClickAsync();
            await Assertions.Expect(Page.Locator("#promise-preview")).ToContainTextAsync("Lieferbar am");
            var previewed = await Page.Locator("#promise-preview").InnerTextAsync();
            await contract.Locator("button[value=calloff]").ClickAsync();
            await Assertions.Expect(Page.Locator("#contract-notice")).ToContainTextAsync("Abgerufen: Bestellung");
            await Assertions.Expect(contract.Locator($"tr[data-line='{sku}'] td.called-off")).ToHaveTextAsync("30");
            await Assertions.Expect(contract.Locator($"tr[data-line='{sku}'] td.remaining")).ToHaveTextAsync("70");

            await contract.Locator("ul.calloffs a").ClickAsync();
            await Assertions.Expect(Page.Locator("#order-status")).ToHaveTextAsync("Bestellt");
            var number = (await Page.Locator("h1").InnerTextAsync()).Replace("Bestellung ", "", StringComparison.Ordinal);
            var orderPage = Page.Url;
            var promised = Page.Locator($"tr[data-sku='{sku}'] .promised");
            await Assertions.Expect(promised).ToContainTextAsync("30 ");
            var promisedDate = DateOnly.ParseExact(GermanDate().Match(await promised.InnerTextAsync()).Value, "dd.MM.yyyy", CultureInfo.InvariantCulture);
            Assert.Contains(promisedDate.ToString("D", CultureInfo.GetCultureInfo("de-DE")), previewed);
            Assert.True(promisedDate >= Today.AddDays(14), $"Promised {promisedDate} before the requested date.");

            // The warehouse ships it in two parts through the back office: 10 first, the other 20 after.
            await SignInAsync(Warehouse);
            await Page.ClickAsync("a[href='/backoffice/fulfillment']");
            await Page.FillAsync("#order-number", number);
            await Page.ClickAsync("#find-order button[type=submit]");
            foreach (var part in new[] { 10, 20 })
            {
                await Page.SelectOptionAsync("#plan-warehouse", warehouse);
                await Page.FillAsync("#plan-date", Iso(Today));
                await Page.FillAsync("#plan-quantity-1", part.ToString(CultureInfo.InvariantCulture));
                await Page.ClickAsync("#plan-submit");
                await Assertions.Expect(Page.Locator(".notice")).ToHaveTextAsync("1 Sendung(en) geplant.");
            }

            foreach (var (reference, tracking) in new[] { ($"{number}-1", "JJD000000000601"), ($"{number}-2", "JJD000000000602") })
            {
                var shipment = Page.Locator($"#shipments tr[data-shipment='{reference}']");
                await shipment.Locator("button.advance-picking").ClickAsync();
                await Assertions.Expect(shipment.Locator("td.status")).ToHaveTextAsync("In Kommissionierung");
                await shipment.Locator("input[name^='Advance.Tracking']").FillAsync(tracking);
                await shipment.Locator("button.advance-packed").ClickAsync();
                await Assertions.Expect(shipment.Locator("td.status")).ToHaveTextAsync("Verpackt");
                await shipment.Locator("button.advance-shipped").ClickAsync();
                await Assertions.Expect(shipment.Locator("td.status")).ToHaveTextAsync("Versandt");
            }

            await Assertions.Expect(Page.Locator("#order-lines tr[data-position='1'] td.shipped")).ToHaveTextAsync("30");

            // The buyer sees both deliveries with their contents, what is left of the contract, and the delivery note.
            await SignInAsync(Buyer);
            await Page.GotoAsync(orderPage);
            var deliveries = Page.Locator("#deliveries article.delivery");
            await Assertions.Expect(deliveries).ToHaveCountAsync(2);
            var first = Page.Locator($"#deliveries article.delivery[data-shipment='{number}-1']");
            var second = Page.Locator($"#deliveries article.delivery[data-shipment='{number}-2']");
            foreach (var (delivery, quantity, tracking) in new[] { (first, 10, "JJD000000000601"), (second, 20, "JJD000000000602") })
            {
                await Assertions.Expect(delivery.Locator(".status")).ToHaveTextAsync("Versandt");
                await Assertions.Expect(delivery.Locator(".warehouse")).ToHaveTextAsync(warehouse);
                await Assertions.Expect(delivery.Locator("dd.tracking")).ToHaveTextAsync(tracking);
                await Assertions.Expect(delivery.Locator($"tr[data-sku='{sku}'] td.num")).ToContainTextAsync($"{quantity} ");
            }

            await Assertions.Expect(Page.Locator("#no-backorders")).ToBeVisibleAsync();
            var firstQuantity = (await first.Locator($"tr[data-sku='{sku}'] td.num").InnerTextAsync()).Trim();

            var download = await Page.RunAndWaitForDownloadAsync(() => first.Locator("a.delivery-note-pdf").ClickAsync());
            var pdf = await download.PathAsync();
            Assert.NotNull(pdf);
            string text;
            using (var document = PdfDocument.Open(pdf))
            {
                text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            }

            Assert.Contains($"Lieferschein {number}-1", text);
            Assert.Contains(number, text);
            Assert.Matches($@"\b1 {Regex.Escape(sku)} .+? {Regex.Escape(firstQuantity)}", text);
            Assert.DoesNotContain($"{number}-2", text);

            await Page.ClickAsync("a[href='/contracts']");
            var line = Page.Locator($"section.contract[data-contract='{Contract}'] tr[data-line='{sku}']");
            await Assertions.Expect(line.Locator("td.called-off")).ToHaveTextAsync("30");
            await Assertions.Expect(line.Locator("td.remaining")).ToHaveTextAsync("70");
        });
}
