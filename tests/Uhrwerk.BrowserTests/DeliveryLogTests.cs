using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed class DeliveryLogTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string Buyer = "einkauf@becker-fahrzeugteile.example";

    private async Task OptInToSmsAsync(string situation)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = Buyer, password = "Uhrwerk-Demo-2026" })).Content.ReadFromJsonAsync<TokenAnswer>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        (await http.PutAsJsonAsync("/api/v1/me/notification-preferences", new { situation, channel = "Sms", enabled = true })).EnsureSuccessStatusCode();
    }

    private sealed record TokenAnswer(string AccessToken);

    [Fact]
    public Task Staff_see_a_dead_lettered_sms_in_the_delivery_log_and_send_it_again_once_the_gateway_works() =>
        StepsAsync(nameof(Staff_see_a_dead_lettered_sms_in_the_delivery_log_and_send_it_again_once_the_gateway_works), async () =>
        {
            await OptInToSmsAsync("shipment.delayed");
            Server.SmsGateway.Answer = HttpStatusCode.ServiceUnavailable;
            Server.Notify(Buyer, "shipment.delayed", new() { ["order_number"] = "UW-2026-000901", ["new_date"] = "09.12.2026", ["reason"] = "Glatteis" });

            await SignInAsync("service@uhrwerk.example");
            await Page.ClickAsync("a[href='/backoffice/notifications']");
            await Page.SelectOptionAsync("#status", "DeadLetter");
            await Page.FillAsync("#recipient", "+491701234567");
            await Page.ClickAsync("form.search button[type=submit]");
            var row = Page.Locator("tbody tr").First;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); await Page.Locator("tbody tr").CountAsync() == 0 && DateTime.UtcNow < deadline;)
            {
                await Task.Delay(300);
                await Page.ReloadAsync();
            }

            await Assertions.Expect(row.Locator("td.status")).ToHaveTextAsync("Unzustellbar");
            await Assertions.Expect(row).ToContainTextAsync("503");
            var refused = Server.SmsGateway.Requests.Where(r => r.Body.Contains("UW-2026-000901", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Answer));

            Server.SmsGateway.Answer = HttpStatusCode.Accepted;
            await row.GetByRole(AriaRole.Button, new() { Name = "Erneut senden" }).ClickAsync();
            await Assertions.Expect(Page.Locator(".notice")).ToHaveTextAsync("Die Nachricht wird erneut gesendet.");

            var until = DateTime.UtcNow.AddSeconds(30);
            while (Server.SmsGateway.Accepted.Count == 0)
            {
                Assert.True(DateTime.UtcNow < until, "The gateway accepted no message within 30 s of the retry.");
                await Task.Delay(200);
            }

            await Server.SettledAsync("+491701234567");
            Assert.Contains("UW-2026-000901", Assert.Single(Server.SmsGateway.Accepted));
        });
}
