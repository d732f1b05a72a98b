using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.SendInvitations;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Feedback;

/// <summary>
/// A delivered shipment asks its buyer once, a working day later, how it went: by e-mail with a link that opens without signing
/// in, answers once, and tells kindly when it expired.
/// </summary>
public abstract class DeliverySurveySpec(UhrwerkFactory factory, SmtpServer smtp) : IntegrationTest(factory)
{
    private const string SurveySubject = "Wie zufrieden sind Sie mit Ihrer Lieferung";

    private sealed record Delivered(Guid ShipmentId, string OrderNumber, string BuyerEmail, Guid BuyerId);

    private DateTimeOffset Now => Factory.Clock.GetUtcNow();

    /// <summary>A placed order of a new buyer, shipped and delivered by the warehouse.</summary>
    private async Task<Delivered> DeliveredAsync(string buyerName)
    {
        await smtp.StartAsync();
        var buyer = await ColleagueAsync(CompanyA, buyerName, [PredefinedRole.Buyer], new { });
        var sku = await InScopeAsync(db => db.StockLevels.Where(l => l.OnHand - l.Reserved >= 5 && l.Sku.StartsWith("SHS-")).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } }), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        var planned = await JsonAsync(warehouse.PostAsync($"/api/v1/backoffice/fulfillment/orders/{orderId}/shipments/from-plan", null), HttpStatusCode.Created);
        var shipmentId = planned.GetProperty("shipments").EnumerateArray().Single().GetProperty("id").GetGuid();
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new
        {
            to = "Shipped", carrier = "DHL", service = "Paket", packages = new[] { new { weightKg = 2.5m, lengthCm = 30, widthCm = 20, heightCm = 10, trackingNumber = $"JJD{Guid.NewGuid():N}"[..20] } },
        }), HttpStatusCode.OK);
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance", new { to = "Delivered" }), HttpStatusCode.OK);
        return new Delivered(shipmentId, order.GetProperty("number").GetString()!, buyer.Email, buyer.Id);
    }

    private Task<SurveyInvitation> InvitationAsync(Guid shipmentId) =>
        UntilAsync(() => InScopeAsync(db => db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.ShipmentId == shipmentId)), "no invitation was created");

    private async Task<int> SendDueAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveySender>().SendDueAsync(CancellationToken.None);
    }

    private async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int seconds = 30) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow >= until)
            {
                var waiting = await InScopeAsync(db => db.EventHandlings.AsNoTracking().Where(h => h.Status != Uhrwerk.Server.Platform.Outbox.EventHandlingStatus.Handled)
                    .Select(h => h.Handler + " " + h.EventType + " " + h.Attempts + " " + h.LastError).ToListAsync());
                Assert.Fail($"Within {seconds} s {what}. Waiting: {string.Join(" | ", waiting)}");
            }

            await Task.Delay(100);
        }
    }

    private IEnumerable<MimeKit.MimeMessage> SurveyMails(string email) => smtp.MessagesTo(email).Where(m => (m.Subject ?? "").Contains(SurveySubject, StringComparison.Ordinal));

    /// <summary>An invitation of a new delivery that is due and was sent, with its token.</summary>
    private async Task<SurveyInvitation> SentInvitationAsync(string buyerName)
    {
        var delivered = await DeliveredAsync(buyerName);
        var invitation = await InvitationAsync(delivered.ShipmentId);
        if (invitation.DueAt > Now)
        {
            Factory.Clock.Advance(invitation.DueAt - Now);
        }

        await SendDueAsync();
        return invitation;
    }

    [Fact]
    public async Task A_delivered_shipment_invites_its_buyer_once_after_the_delay_and_the_e_mail_carries_the_link()
    {
        var delivered = await DeliveredAsync("Sina Umfrage");
        var invitation = await InvitationAsync(delivered.ShipmentId);
        var deliveredOn = BerlinTime.DateOf(Now);
        Assert.Equal((SurveyKind.Delivery, delivered.BuyerId, delivered.OrderNumber, true), (invitation.Kind, invitation.UserId, invitation.OrderNumber, invitation.OnTime));
        var due = BerlinTime.ToLocal(invitation.DueAt);
        Assert.True(DateOnly.FromDateTime(due.DateTime) > deliveredOn, $"due {due} for a delivery on {deliveredOn}");
        Assert.True(due.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday, $"due on a {due.DayOfWeek}");
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(due.DateTime));
        Assert.Equal(TimeSpan.FromDays(30), invitation.ExpiresAt - invitation.DueAt);

        // The delivery handed out again, as after a crash between handling and recording it, invites nobody twice.
        var again = await InScopeAsync(async db =>
        {
            var payload = await db.Outbox.Where(m => m.Type == "ShipmentDelivered").OrderByDescending(m => m.OccurredAt).Select(m => m.Payload).FirstAsync();
            var shipmentDelivered = JsonSerializer.Deserialize<ShipmentDelivered>(payload, JsonSerializerOptions.Web)!;
            Assert.Equal(delivered.ShipmentId, shipmentDelivered.Shipment.ShipmentId);
            db.Publish(shipmentDelivered, shipmentDelivered.Shipment.CompanyId, shipmentDelivered.Shipment.OrderId);
            await db.SaveChangesAsync();
            return await db.Outbox.Where(m => m.Type == "ShipmentDelivered").OrderByDescending(m => m.OccurredAt).Select(m => m.Id).FirstAsync();
        });
        await UntilAsync(() => InScopeAsync(db => db.EventHandlings.AsNoTracking().SingleOrDefaultAsync(h => h.MessageId == again && h.Handler == "feedback-surveys"
            && h.Status == Uhrwerk.Server.Platform.Outbox.EventHandlingStatus.Handled)), "the repeated delivery was not handled");
        Assert.Equal(1, await InScopeAsync(db => db.SurveyInvitations.CountAsync(i => i.ShipmentId == delivered.ShipmentId)));

        // Not before it is due.
        Factory.Clock.Advance(invitation.DueAt - Now - TimeSpan.FromMinutes(1));
        await SendDueAsync();
        Assert.Null(await InScopeAsync(db => db.SurveyInvitations.AsNoTracking().Where(i => i.Id == invitation.Id).Select(i => i.SentAt).SingleAsync()));

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await SendDueAsync();
        await SendDueAsync();
        var mail = await UntilAsync(() => Task.FromResult(SurveyMails(delivered.BuyerEmail).FirstOrDefault()), "no survey e-mail arrived");
        await NotificationsSettledAsync(delivered.BuyerEmail);
        Assert.Single(SurveyMails(delivered.BuyerEmail));
        Assert.Contains(delivered.OrderNumber, mail.Subject, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+/feedback/(\S+)");
        Assert.True(link.Success, mail.TextBody);
        Assert.Equal(invitation.Token, link.Groups[1].Value);
        Assert.Single(await InScopeAsync(db => db.Outbox.Where(m => m.Type == "SurveyInvited" && m.AggregateId == invitation.Id).ToListAsync()));

        var page = await Anonymous().GetAsync(new Uri(link.Value).PathAndQuery);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("name=\"nps\"", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("noindex", page.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_answered_on_its_page_takes_no_second_answer()
    {
        var invitation = await SentInvitationAsync("Berta Bewertung");
        var jar = new CookieContainer();
        var browser = Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar));
        var form = await browser.GetStringAsync($"/feedback/{invitation.Token}?nps=4");
        Assert.Contains("<legend>", form, StringComparison.Ordinal);
        Assert.Matches("name=\"nps\" value=\"4\" checked", form); // the score picked on the tracking page, still to be submitted here
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var posted = await browser.PostAsync($"/feedback/{invitation.Token}", new FormUrlEncodedContent(
        [
            new("_handler", "answer"), new("__RequestVerificationToken", antiforgery), new("nps", "3"), new("csat", "2"),
            new("reasons", "Punctuality"), new("reasons", "Condition"), new("comment", "Zwei Tage zu spät, Karton eingedrückt."),
        ]));
        var thanks = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.StatusCode == HttpStatusCode.OK, thanks);
        Assert.Contains(T.Format(System.Globalization.CultureInfo.GetCultureInfo("de"), "Feedback.Thanks"), System.Net.WebUtility.HtmlDecode(thanks), StringComparison.Ordinal);

        var response = await InScopeAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.InvitationId == invitation.Id));
        Assert.Equal((3, 2, FeedbackReasons.Punctuality | FeedbackReasons.Condition, invitation.ShipmentId), (response.Nps, response.Csat, response.Reasons, response.ShipmentId));
        var answered = await InScopeAsync(db => db.Outbox.Where(m => m.Type == "SurveyAnswered" && m.AggregateId == response.Id).Select(m => m.Payload).SingleAsync());
        Assert.Equal(3, JsonDocument.Parse(answered).RootElement.GetProperty("nps").GetInt32());

        var second = await Anonymous().PostAsJsonAsync($"/api/v1/feedback/surveys/{invitation.Token}", new { nps = 10 });
        Assert.Equal("survey-answered", (await ProblemOf(second, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var again = await Anonymous().GetStringAsync($"/feedback/{invitation.Token}");
        Assert.Contains("bereits beantwortet", again, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"nps\"", again, StringComparison.Ordinal);
        Assert.Equal("Answered", (await JsonAsync(Anonymous().GetAsync($"/api/v1/feedback/surveys/{invitation.Token}"), HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal(1, await InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitation.Id)));
    }

    [Fact]
    public async Task The_survey_api_answers_once_refuses_scores_out_of_range_and_of_concurrent_submits_keeps_one()
    {
        var invitation = await SentInvitationAsync("Anton Api");
        var client = Anonymous();
        var question = await JsonAsync(client.GetAsync($"/api/v1/feedback/surveys/{invitation.Token}"), HttpStatusCode.OK);
        Assert.Equal(("Delivery", "Open", invitation.OrderNumber), (question.GetProperty("kind").GetString(), question.GetProperty("state").GetString(), question.GetProperty("orderNumber").GetString()));
        Assert.Contains("Punctuality", question.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var outOfRange = await ProblemOf(await client.PostAsJsonAsync($"/api/v1/feedback/surveys/{invitation.Token}", new { nps = 11 }), HttpStatusCode.BadRequest);
        Assert.True(outOfRange.GetProperty("errors").TryGetProperty("nps", out _), outOfRange.ToString());
        var badCsat = await ProblemOf(await client.PostAsJsonAsync($"/api/v1/feedback/surveys/{invitation.Token}", new { nps = 5, csat = 0 }), HttpStatusCode.BadRequest);
        Assert.True(badCsat.GetProperty("errors").TryGetProperty("csat", out _), badCsat.ToString());
        var badReason = await ProblemOf(await client.PostAsJsonAsync($"/api/v1/feedback/surveys/{invitation.Token}", new { nps = 5, reasons = new[] { "Weather" } }), HttpStatusCode.BadRequest);
        Assert.True(badReason.GetProperty("errors").TryGetProperty("reasons", out _), badReason.ToString());

        var submits = await Task.WhenAll(Enumerable.Range(0, 6).Select(score => Anonymous().PostAsJsonAsync($"/api/v1/feedback/surveys/{invitation.Token}", new { nps = score + 4 })));
        Assert.True(submits.Count(s => s.StatusCode == HttpStatusCode.OK) == 1, string.Join(", ", submits.Select(s => s.StatusCode)));
        Assert.All(submits.Where(s => s.StatusCode != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s.StatusCode));
        Assert.Equal(1, await InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitation.Id)));
        Assert.Single(await InScopeAsync(db => db.Outbox.Where(m => m.Type == "SurveyAnswered").Select(m => m.Payload).ToListAsync()),
            p => JsonDocument.Parse(p).RootElement.GetProperty("shipmentId").GetGuid() == invitation.ShipmentId);
    }

    [Fact]
    public async Task A_wrong_token_is_not_found_and_names_nothing()
    {
        var invitation = await SentInvitationAsync("Wanda Falsch");
        var wrong = invitation.Token[..^2] + (invitation.Token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        var page = await Anonymous().GetAsync($"/feedback/{wrong}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(invitation.OrderNumber!, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await ProblemOf(await Anonymous().GetAsync($"/api/v1/feedback/surveys/{wrong}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(invitation.OrderNumber!, api.ToString(), StringComparison.Ordinal);
        await ProblemOf(await Anonymous().PostAsJsonAsync($"/api/v1/feedback/surveys/{wrong}", new { nps = 9 }), HttpStatusCode.NotFound);
        Assert.Equal(0, await InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitation.Id)));
    }

    [Fact]
    public async Task An_expired_link_shows_a_friendly_message_instead_of_the_form_in_german_and_english()
    {
        var delivered = await DeliveredAsync("Emil Abgelaufen");
        var invitation = await InvitationAsync(delivered.ShipmentId);
        Factory.Clock.Advance(invitation.ExpiresAt - Now);

        // Expired before it went out: the link would not answer, so it is not sent.
        await SendDueAsync();
        Assert.Null(await InScopeAsync(db => db.SurveyInvitations.AsNoTracking().Where(i => i.Id == invitation.Id).Select(i => i.SentAt).SingleAsync()));

        var german = await Anonymous().GetAsync($"/feedback/{invitation.Token}");
        var html = System.Net.WebUtility.HtmlDecode(await german.Content.ReadAsStringAsync());
        Assert.True(german.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Dieser Umfrage-Link ist abgelaufen.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        var english = Anonymous();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var englishHtml = System.Net.WebUtility.HtmlDecode(await english.GetStringAsync($"/feedback/{invitation.Token}"));
        Assert.Contains("This survey link has expired.", englishHtml, StringComparison.Ordinal);

        var refused = await ProblemOf(await english.PostAsJsonAsync($"/api/v1/feedback/surveys/{invitation.Token}", new { nps = 9 }), HttpStatusCode.Conflict);
        Assert.Equal(("survey-expired", "This survey link has expired."), (refused.GetProperty("code").GetString(), refused.GetProperty("detail").GetString()));
        Assert.Equal(0, await InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitation.Id)));
    }
}

public sealed class DeliverySurveyOnSqlite(SqliteWithMail f) : DeliverySurveySpec(f, f.Smtp), IClassFixture<SqliteWithMail>;

public sealed class DeliverySurveyOnPostgres(PostgresWithMail f) : DeliverySurveySpec(f, f.Smtp), IClassFixture<PostgresWithMail>;
