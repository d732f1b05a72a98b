using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed partial class DeliveryPromiseTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Buyer = "einkauf@mueller-maschinenbau.example";

    // The demo keeps 40 of this bolt (sold in packs of 50) in Garching and expects 500 more in eight days.
    private const string Bolt = "SHS-M6X20-01";

    [GeneratedRegex(@"\d{2}\.\d{2}\.\d{4}")]
    private static partial Regex GermanDate();

    private string[] Mails() => Directory.Exists(Server.MailFolder)
        ? Directory.GetFiles(Server.MailFolder, "*.eml").Select(f => File.ReadAllText(f).Replace("=\r\n", "", StringComparison.Ordinal)).ToArray()
        : [];

    [Fact]
    public Task A_buyer_sees_a_later_date_for_more_than_is_in_stock_chooses_partial_delivery_and_the_confirmation_lists_both_dates() =>
        StepsAsync(nameof(A_buyer_sees_a_later_date_for_more_than_is_in_stock_chooses_partial_delivery_and_the_confirmation_lists_both_dates), async () =>
        {
            await SignInAsync(Buyer);
            await Page.GotoAsync($"/catalog/{Bolt}");
            await Assertions.Expect(Page.Locator("#available")).ToContainTextAsync("40");
            await Page.FillAsync("#add-quantity", "100");
            await Page.ClickAsync("#add-to-cart button[type=submit]");

            var line = Page.Locator($"#cart-lines tr[data-sku='{Bolt}']");
            await Assertions.Expect(line.Locator(".partial-dates")).ToContainTextAsync("40 Stk");
            await Assertions.Expect(line.Locator(".partial-dates")).ToContainTextAsync("60 Stk");
            var partial = GermanDate().Matches(await line.Locator(".partial-dates").InnerTextAsync()).Select(m => m.Value).ToList();
            var complete = GermanDate().Match(await line.Locator(".complete-date").InnerTextAsync()).Value;
            Assert.Equal(2, partial.Count);
            Assert.Equal(partial[1], complete);
            Assert.True(DateOnly.ParseExact(partial[0], "dd.MM.yyyy") < DateOnly.ParseExact(partial[1], "dd.MM.yyyy"));

            await Page.CheckAsync("#choice-partial");
            await Page.ClickAsync("#place-order");
            await Assertions.Expect(Page.Locator("#order-status")).ToHaveTextAsync("Bestellt");
            var promised = Page.Locator($"tr[data-sku='{Bolt}'] .promised");
            await Assertions.Expect(promised).ToContainTextAsync($"40 Stk am");
            await Assertions.Expect(promised).ToContainTextAsync(partial[0]);
            await Assertions.Expect(promised).ToContainTextAsync(partial[1]);
            var number = (await Page.Locator("h1").InnerTextAsync()).Replace("Bestellung ", "", StringComparison.Ordinal);

            var until = DateTime.UtcNow.AddSeconds(30);
            while (!Mails().Any(m => m.Contains(number, StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < until, $"No confirmation of {number} arrived within 30 s.");
                await Task.Delay(200);
            }

            await Server.SettledAsync(Buyer);
            var confirmation = Assert.Single(Mails(), m => m.Contains(number, StringComparison.Ordinal));
            Assert.Contains($"40 Stk am {partial[0]}", confirmation);
            Assert.Contains($"60 Stk am {partial[1]}", confirmation);
        });
}
