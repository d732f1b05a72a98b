using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed class InventoryBackofficeTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Warehouse = "lager@uhrwerk.example";
    private const string Bolt = "SHS-M6X20-01";
    private const string Receipt = "BE-2026-0815";

    [Fact]
    public Task The_warehouse_books_a_partial_receipt_and_a_correction_sees_them_in_stock_and_ledger_and_reads_the_capacity_of_every_warehouse() =>
        StepsAsync(nameof(The_warehouse_books_a_partial_receipt_and_a_correction_sees_them_in_stock_and_ledger_and_reads_the_capacity_of_every_warehouse), async () =>
        {
            await SignInAsync(Warehouse);
            await Page.ClickAsync("a[href='/backoffice/inventory/receipts']");
            var receipt = Page.Locator($"#receipts tr[data-reference='{Receipt}']");
            await Assertions.Expect(receipt.Locator("td.quantity")).ToHaveTextAsync("500");
            await receipt.Locator("input.receive-quantity").FillAsync("100");
            await receipt.Locator("button.receive-submit").ClickAsync();
            await Assertions.Expect(Page.Locator(".notice")).ToContainTextAsync(Receipt);
            await Assertions.Expect(receipt.Locator("td.received")).ToHaveTextAsync("100");
            await Assertions.Expect(receipt.Locator("td.status")).ToContainTextAsync("teilweise eingegangen");

            await Page.ClickAsync("a[href='/backoffice/inventory']");
            await Page.FillAsync("#stock-sku", Bolt);
            await Page.ClickAsync("#stock-filter");
            var muc = Page.Locator($"#stock tr[data-stock='{Bolt}@MUC']");
            await Assertions.Expect(muc.Locator("td.on-hand")).ToHaveTextAsync("140");
            await Assertions.Expect(muc.Locator("td.inbound")).ToHaveTextAsync("400");
            await Assertions.Expect(Page.Locator("#consistency")).ToHaveTextAsync("Bestand und Bewegungen stimmen überein.");

            await Assertions.Expect(Page.Locator("#adjust-sku")).ToHaveValueAsync(Bolt);
            await Page.SelectOptionAsync("#adjust-warehouse", "MUC");
            await Page.FillAsync("#adjust-quantity", "-5");
            await Page.FillAsync("#adjust-reason", "Inventur: 5 Stück beschädigt");
            await Page.ClickAsync("#adjust-submit");
            await Assertions.Expect(Page.Locator(".notice")).ToHaveTextAsync("Gebucht.");
            await Assertions.Expect(muc.Locator("td.on-hand")).ToHaveTextAsync("135");
            await Assertions.Expect(Page.Locator("#consistency")).ToHaveTextAsync("Bestand und Bewegungen stimmen überein.");

            await Page.ClickAsync("a[href='/backoffice/inventory/movements']");
            await Page.FillAsync("#movements-sku", Bolt);
            await Page.SelectOptionAsync("#movements-warehouse", "MUC");
            await Page.ClickAsync("#movements-filter");
            var newest = Page.Locator("#movements tbody tr").First;
            await Assertions.Expect(newest.Locator("td.kind")).ToHaveTextAsync("Korrektur");
            await Assertions.Expect(newest.Locator("td.quantity")).ToHaveTextAsync("-5");
            await Assertions.Expect(newest.Locator("td.reason")).ToHaveTextAsync("Inventur: 5 Stück beschädigt");
            await Assertions.Expect(Page.Locator("#movements tbody tr").Nth(1).Locator("td.kind")).ToHaveTextAsync("Wareneingang");

            await Page.ClickAsync("a[href='/backoffice/inventory/planning']");
            await Assertions.Expect(Page.Locator("#capacity tbody tr")).ToHaveCountAsync(3);
            foreach (var code in new[] { "DTM", "LEJ", "MUC" })
            {
                await Assertions.Expect(Page.Locator($"#capacity tr[data-warehouse='{code}'] th")).ToHaveTextAsync(code);
            }

            await Assertions.Expect(Page.Locator("#overstock-days")).ToHaveValueAsync("180");
        });

    [Fact]
    public Task Logistics_reads_stock_and_planning_but_has_no_booking_forms() =>
        StepsAsync(nameof(Logistics_reads_stock_and_planning_but_has_no_booking_forms), async () =>
        {
            await SignInAsync("logistik@uhrwerk.example");
            await Page.ClickAsync("a[href='/backoffice/inventory']");
            await Assertions.Expect(Page.Locator("#stock")).ToBeVisibleAsync();
            await Assertions.Expect(Page.Locator("#adjust")).ToHaveCountAsync(0);
            await Page.ClickAsync("a[href='/backoffice/inventory/receipts']");
            await Assertions.Expect(Page.Locator($"#receipts tr[data-reference='{Receipt}']")).ToBeVisibleAsync();
            await Assertions.Expect(Page.Locator("#receive, #expect")).ToHaveCountAsync(0);
        });
}
