using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed class NotificationPreferenceTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Buyer = "einkauf@becker-fahrzeugteile.example";

    /// <summary>Another module's event, written to the outbox the way a business change would write it.</summary>
    private void Publish(string situation, string orderNumber)
    {
        using var connection = new SqliteConnection($"Data Source={Server.DatabasePath}");
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT Id, CompanyId FROM accounts_users WHERE Email = $email";
        find.Parameters.AddWithValue("$email", Buyer);
        using var reader = find.ExecuteReader();
        reader.Read();
        var (userId, companyId) = (reader.GetString(0), reader.GetString(1));
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO platform_outbox (Id, Type, Payload, CompanyId, OccurredAt, Attempts) VALUES ($id, 'UsersToNotify', $payload, $company, $at, 0)";
        insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(new
        {
            situation,
            userIds = new[] { Guid.Parse(userId) },
            data = new Dictionary<string, string> { ["order_number"] = orderNumber, ["new_date"] = "07.12.2026", ["reason"] = "Sturm" },
        }, JsonSerializerOptions.Web));
        insert.Parameters.AddWithValue("$company", companyId);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
        insert.ExecuteNonQuery();
    }

    private string[] Mails() => Directory.Exists(Server.MailFolder)
        ? Directory.GetFiles(Server.MailFolder, "*.eml").Select(File.ReadAllText).ToArray()
        : [];

    [Fact]
    public Task A_user_switches_off_eta_emails_and_switches_on_sms_for_delays_and_the_next_events_follow_that_choice() =>
        StepsAsync(nameof(A_user_switches_off_eta_emails_and_switches_on_sms_for_delays_and_the_next_events_follow_that_choice), async () =>
        {
            await Page.GotoAsync("/signin");
            await Page.FillAsync("#email", Buyer);
            await Page.FillAsync("#password", "Uhrwerk-Demo-2026");
            await Page.ClickAsync("#signin");
            await Assertions.Expect(Page.Locator("#signout")).ToBeVisibleAsync();

            await Page.GotoAsync("/me/notifications");
            await Assertions.Expect(Page.Locator("#mobile")).ToHaveValueAsync("+491701234567");
            await Assertions.Expect(Page.Locator("[id='account.invitation:Email']")).ToBeDisabledAsync();
            await Page.UncheckAsync("[id='shipment.eta-changed:Email']");
            await Page.CheckAsync("[id='shipment.delayed:Sms']");
            await Page.ClickAsync("#save-preferences");
            await Assertions.Expect(Page.Locator("#preferences-saved")).ToBeVisibleAsync();
            await Assertions.Expect(Page.Locator("[id='shipment.eta-changed:Email']")).Not.ToBeCheckedAsync();
            await Assertions.Expect(Page.Locator("[id='shipment.delayed:Sms']")).ToBeCheckedAsync();

            Publish("shipment.eta-changed", "UW-2026-000801");
            Publish("shipment.delayed", "UW-2026-000802");

            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && !(Server.SmsGateway.Bodies.Any(b => b.Contains("UW-2026-000802")) && Mails().Any(m => m.Contains("UW-2026-000802"))))
            {
                await Task.Delay(200);
            }

            await Task.Delay(1000);
            var sms = Assert.Single(Server.SmsGateway.Bodies, b => b.Contains("UW-2026-000802"));
            Assert.Equal("+491701234567", JsonDocument.Parse(sms).RootElement.GetProperty("to").GetString());
            Assert.Single(Mails(), m => m.Contains("UW-2026-000802"));
            Assert.DoesNotContain(Mails(), m => m.Contains("UW-2026-000801"));
            Assert.DoesNotContain(Server.SmsGateway.Bodies, b => b.Contains("UW-2026-000801"));
        });
}
