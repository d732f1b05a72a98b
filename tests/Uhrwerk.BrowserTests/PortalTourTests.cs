using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

/// <summary>The pages the README's tour shows render for the demo users who use them.</summary>
public sealed class PortalTourTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    [Fact]
    public Task Each_page_of_the_readme_tour_renders_for_its_role() =>
        StepsAsync(nameof(Each_page_of_the_readme_tour_renders_for_its_role), async () =>
        {
            await SignInAsync("admin@schneider-antriebe.example");
            await Page.GotoAsync("/company/users");
            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Benutzer");
            await ReadmeShotAsync("users");

            await SignInAsync("einkauf@schneider-antriebe.example");
            await Page.GotoAsync("/catalog?search=Motor");
            await Assertions.Expect(Page.Locator("tbody tr").First).ToContainTextAsync("Drehstrommotor");
            await ReadmeShotAsync("catalog");
            await Page.Locator("tbody tr a").First.ClickAsync();
            await Assertions.Expect(Page.Locator("#add-to-cart")).ToBeVisibleAsync();
            await ReadmeShotAsync("product");
            // Five motors are above the demo buyer's 2,500 EUR per order: the tour shows the budget check and the approver's inbox.
            await Page.FillAsync("#add-quantity", "5");
            await Page.ClickAsync("#add-to-cart button");
            await Assertions.Expect(Page.Locator("#cart-lines tbody tr")).ToHaveCountAsync(1);
            await ReadmeShotAsync("cart");
            await Page.ClickAsync("#place-order");
            await Assertions.Expect(Page.Locator("#order-status")).ToHaveTextAsync("Wartet auf Freigabe");
            var order = Page.Url.Split('?')[0];

            await SignInAsync("freigabe@schneider-antriebe.example");
            await Page.GotoAsync("/approvals");
            await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("Freigaben");
            await Assertions.Expect(Page.Locator("#approvals-count")).ToHaveTextAsync("1");
            await ReadmeShotAsync("approvals");
            await Page.Locator("#approvals a").First.ClickAsync();
            await Page.ClickAsync("#approve");
            await Assertions.Expect(Page.Locator("#order-status")).ToHaveTextAsync("Bestellt");

            await SignInAsync("einkauf@schneider-antriebe.example");
            await Page.GotoAsync(order);
            await Assertions.Expect(Page.Locator("#order-status")).ToHaveTextAsync("Bestellt");
            await ReadmeShotAsync("order");

            await SignInAsync("lager@uhrwerk.example");
            await Page.GotoAsync("/backoffice/inventory?sku=SHS-M6");
            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Bestand");
            await ReadmeShotAsync("stock");
            await Page.GotoAsync("/backoffice/inventory/receipts");
            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Wareneingang");
            await ReadmeShotAsync("receipts");
            await Page.GotoAsync("/backoffice/inventory/planning");
            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Disposition");
            await ReadmeShotAsync("planning");
        });
}
