using System.Text.Json;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed class NotificationPreferenceTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Buyer = "einkauf@becker-fahrzeugteile.example";

    private static Dictionary<string, string> Delay(string orderNumber) =>
        new() { ["order_number"] = orderNumber, ["new_date"] = "07.12.2026", ["reason"] = "Sturm" };

    private string[] Mails() => Directory.Exists(Server.MailFolder)
        ? Directory.GetFiles(Server.MailFolder, "*.eml").Select(File.ReadAllText).ToArray()
        : [];

    [Fact]
    public Task A_user_switches_off_eta_emails_and_switches_on_sms_for_delays_and_the_next_events_follow_that_choice() =>
        StepsAsync(nameof(A_user_switches_off_eta_emails_and_switches_on_sms_for_delays_and_the_next_events_follow_that_choice), async () =>
        {
            await SignInAsync(Buyer);

            await Page.GotoAsync("/me/notifications");
            await Assertions.Expect(Page.Locator("#mobile")).ToHaveValueAsync("+491701234567");
            await Assertions.Expect(Page.Locator("[id='account.invitation:Email']")).ToBeDisabledAsync();
            await Page.UncheckAsync("[id='shipment.eta-changed:Email']");
            await Page.CheckAsync("[id='shipment.delayed:Sms']");
            await Page.ClickAsync("#save-preferences");
            await Assertions.Expect(Page.Locator("#preferences-saved")).ToBeVisibleAsync();
            await Assertions.Expect(Page.Locator("[id='shipment.eta-changed:Email']")).Not.ToBeCheckedAsync();
            await Assertions.Expect(Page.Locator("[id='shipment.delayed:Sms']")).ToBeCheckedAsync();

            Server.Notify(Buyer, "shipment.eta-changed", Delay("UW-2026-000801"));
            Server.Notify(Buyer, "shipment.delayed", Delay("UW-2026-000802"));

            var until = DateTime.UtcNow.AddSeconds(30);
            while (!(Server.SmsGateway.Accepted.Any(b => b.Contains("UW-2026-000802")) && Mails().Any(m => m.Contains("UW-2026-000802"))))
            {
                Assert.True(DateTime.UtcNow < until, "The delay did not arrive by SMS and e-mail within 30 s.");
                await Task.Delay(200);
            }

            await Server.SettledAsync(Buyer);
            await Server.SettledAsync("+491701234567");
            var sms = Assert.Single(Server.SmsGateway.Accepted, b => b.Contains("UW-2026-000802"));
            Assert.Equal("+491701234567", JsonDocument.Parse(sms).RootElement.GetProperty("to").GetString());
            Assert.Single(Mails(), m => m.Contains("UW-2026-000802"));
            Assert.DoesNotContain(Mails(), m => m.Contains("UW-2026-000801"));
            Assert.DoesNotContain(Server.SmsGateway.Requests, r => r.Body.Contains("UW-2026-000801"));
        });
}
