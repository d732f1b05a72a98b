using System.Net;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Tests.Tracking;

namespace Uhrwerk.Tests.Feedback;

/// <summary>The survey question on the public tracking page: shown to the link's holder for a delivered shipment whose survey is still open.</summary>
public abstract class TrackingPageSurveySpec(UhrwerkFactory factory) : TrackingSpec(factory)
{
    /// <summary>The delivery survey of a shipment as Feedback invites to it after the delivery, valid for <paramref name="validFor"/> from now.</summary>
    private Task<SurveyInvitation> InvitedAsync(Guid shipmentId, TimeSpan validFor) => InScopeAsync(async db =>
    {
        var tracked = await db.TrackedShipments.AsNoTracking().SingleAsync(t => t.ShipmentId == shipmentId);
        var buyer = await db.Orders.Where(o => o.Id == tracked.OrderId).Select(o => o.BuyerId).SingleAsync();
        var now = Factory.Clock.GetUtcNow();
        var invitation = SurveyInvitation.ForDelivery(tracked.CompanyId!.Value, buyer, new DeliveryFacts(tracked.OrderId, tracked.OrderNumber, shipmentId, tracked.Carrier, tracked.WarehouseCode, true),
            now, validFor, now);
        db.SurveyInvitations.Add(invitation);
        await db.SaveChangesAsync();
        return invitation;
    });

    private async Task<string> DeliveredAsync(string buyerName, string trackingNumber)
    {
        var shipmentId = await ShippedAsync(buyerName, trackingNumber);
        var at = Factory.Clock.GetUtcNow().AddHours(-3);
        await RecordAsync(trackingNumber, new ScanReport("d-" + trackingNumber, at, TrackingStatus.Delivered, null, "delivered", "Zugestellt", "Köln", null));
        return shipmentId.ToString();
    }

    private async Task<string> PageAsync(Guid shipmentId)
    {
        var token = await InScopeAsync(db => db.TrackedShipments.Where(t => t.ShipmentId == shipmentId).Select(t => t.PublicToken).SingleAsync());
        var response = await Anonymous().GetAsync($"/track/{token}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {html}");
        return html;
    }

    [Fact]
    public async Task A_delivered_shipments_page_asks_the_question_with_its_survey_until_it_is_answered()
    {
        var shipmentId = Guid.Parse(await DeliveredAsync("Quentin Quelle", "JJD7001"));
        var invitation = await InvitedAsync(shipmentId, TimeSpan.FromDays(30));

        var html = await PageAsync(shipmentId);

        Assert.Contains("Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?", html);
        for (var score = 0; score <= 10; score++)
        {
            Assert.Contains($"href=\"/feedback/{invitation.Token}?nps={score}\"", html);
        }

        Assert.DoesNotContain("Quentin", html);

        await InScopeAsync(async db =>
        {
            var open = await db.SurveyInvitations.SingleAsync(i => i.Id == invitation.Id);
            db.SurveyResponses.Add(open.Answer(9, 5, FeedbackReasons.Punctuality, null, Factory.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        var answered = await PageAsync(shipmentId);
        Assert.DoesNotContain(invitation.Token, answered);
        Assert.DoesNotContain("delivery-survey", answered);
        Assert.Contains("Zugestellt", answered);
    }

    [Fact]
    public async Task A_shipment_on_its_way_or_an_expired_survey_shows_no_question()
    {
        var onItsWay = await ShippedAsync("Udo Unterwegs", "JJD7002");
        await RecordAsync("JJD7002", new ScanReport("w1", Factory.Clock.GetUtcNow().AddHours(-1), TrackingStatus.InTransit, null, "transit", "Unterwegs", "Kassel", null));
        var waiting = await InvitedAsync(onItsWay, TimeSpan.FromDays(30));
        var expiredShipment = Guid.Parse(await DeliveredAsync("Erna Erloschen", "JJD7003"));
        var expired = await InvitedAsync(expiredShipment, TimeSpan.FromDays(1));
        Factory.Clock.Advance(TimeSpan.FromDays(2));

        foreach (var (shipmentId, token) in new[] { (onItsWay, waiting.Token), (expiredShipment, expired.Token) })
        {
            var html = await PageAsync(shipmentId);
            Assert.DoesNotContain(token, html);
            Assert.DoesNotContain("delivery-survey", html);
        }
    }
}

public sealed class TrackingPageSurveyOnSqlite(SqliteFactory f) : TrackingPageSurveySpec(f), IClassFixture<SqliteFactory>;

public sealed class TrackingPageSurveyOnPostgres(PostgresFactory f) : TrackingPageSurveySpec(f), IClassFixture<PostgresFactory>;
