using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed class CustomerCenterTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    [Fact]
    public Task Main_contact_self_activates_sets_a_password_and_creates_a_buyer_with_a_budget() =>
        StepsAsync(nameof(Main_contact_self_activates_sets_a_password_and_creates_a_buyer_with_a_budget), async () =>
        {
            const string email = "chefin@hoffmann-praezision.example";
            const string password = "Präzision ist unser Handwerk";

            await Page.GotoAsync("/activate");
            await Page.FillAsync("#customerNumber", "10004");
            await Page.FillAsync("#invoiceNumber", "RE-2026-004711");
            await Page.FillAsync("#email", email);
            await Page.ClickAsync("#activate");
            await Assertions.Expect(Page.Locator("#activation-result")).ToContainTextAsync("E-Mail");

            await Page.GotoAsync(LinkSentTo(email));
            await Page.FillAsync("#password", password);
            await Page.ClickAsync("#save-password");
            await Assertions.Expect(Page.Locator("#password-saved")).ToBeVisibleAsync();

            await SignInAsync(email, password);

            await Page.GotoAsync("/company/users");
            await Page.FillAsync("#new-user-name", "Bea Buyer");
            await Page.FillAsync("#new-user-email", "bea@hoffmann-praezision.example");
            await Page.CheckAsync("#role-Buyer");
            await Page.FillAsync("#budget-max-quantity", "50");
            await Page.FillAsync("#budget-max-value", "1000");
            await Page.ClickAsync("#create-user");
            var row = Page.Locator("tr[data-email='bea@hoffmann-praezision.example']");
            await Assertions.Expect(row.Locator(".roles")).ToHaveTextAsync("Buyer");
            await Assertions.Expect(row.Locator(".budget")).ToContainTextAsync("50");
            await Assertions.Expect(row.Locator(".budget")).ToContainTextAsync("1.000,00");

            await Page.ClickAsync("#signout");
            await Assertions.Expect(Page.Locator("header a[href='/signin']")).ToBeVisibleAsync();
            await Page.GotoAsync("/company/users");
            await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        });

    [Fact]
    public Task The_portal_speaks_english_after_switching_the_language() =>
        StepsAsync(nameof(The_portal_speaks_english_after_switching_the_language), async () =>
        {
            await Page.GotoAsync("/");
            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Willkommen im Uhrwerk-Kundencenter");

            await Page.ClickAsync("a[lang='en']");

            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Welcome to the Uhrwerk customer center");
            await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        });
}
