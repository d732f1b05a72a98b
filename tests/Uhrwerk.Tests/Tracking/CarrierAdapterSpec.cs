using Uhrwerk.Server.Modules.Tracking.Carriers;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Tests.Tracking;

/// <summary>
/// Recorded messages in each carrier's format, written from the carriers' public documentation (Fixtures/), read into
/// normalised statuses, places, UTC times and estimates.
/// </summary>
public sealed class CarrierAdapterSpec
{
    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tracking", "Fixtures", name));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_DHL_message_reads_each_shipment_with_its_events_in_time_order_in_UTC_and_the_estimate_on_the_latest()
    {
        var updates = new DhlAdapter().Parse(Fixture("dhl-shipments.json"));

        Assert.Equal(["00340434161094042557", "00340434161094099999", "00340434161094011111"], updates.Select(u => u.TrackingNumber));
        Assert.All(updates, u => Assert.Equal("dhl", u.Carrier));
        var journey = updates[0].Scans;
        Assert.Equal(
            [
                (Utc(11, 30, 8, 2), TrackingStatus.InfoReceived, (string?)null, "pre-transit"),
                (Utc(11, 30, 19, 31), TrackingStatus.InTransit, "44149 Dortmund, DE", "transit"),
                (Utc(12, 1, 2, 12), TrackingStatus.InTransit, "86368 Gersthofen, DE", "transit"),
                (Utc(12, 1, 6, 45), TrackingStatus.OutForDelivery, "86153 Augsburg, DE", "transit"),
            ],
            journey.Select(s => (s.OccurredAt, s.Status, s.Location, s.CarrierCode)));
        Assert.All(journey, s => Assert.Equal(TimeSpan.Zero, s.OccurredAt.Offset));
        Assert.Equal([null, null, null, Utc(12, 1, 13, 0)], journey.Select(s => s.EstimatedDelivery));
        Assert.Contains("Zustellfahrzeug", journey[^1].CarrierText);
        Assert.Equal(4, journey.Select(s => s.EventId).Distinct().Count());

        Assert.Equal((TrackingStatus.AttemptFail, "RecipientNotAvailable", Utc(12, 2, 10, 20)), (updates[1].Scans.Single().Status, updates[1].Scans.Single().SubStatus, updates[1].Scans.Single().OccurredAt));
        Assert.Equal((TrackingStatus.Delivered, Utc(6, 15, 11, 5), "10115 Berlin, DE"), (updates[2].Scans.Single().Status, updates[2].Scans.Single().OccurredAt, updates[2].Scans.Single().Location));
    }

    [Fact]
    public void A_UPS_answer_reads_each_package_with_local_times_to_UTC_failed_attempts_and_the_rescheduled_date()
    {
        var updates = new UpsAdapter().Parse(Fixture("ups-track.json"));

        Assert.Equal(["1Z023E2X0214323462", "1Z023E2X0214300000"], updates.Select(u => u.TrackingNumber));
        var journey = updates[0].Scans;
        Assert.Equal(
            [
                (Utc(11, 30, 9, 0), TrackingStatus.InfoReceived, (string?)null, "M/MP", "DE"),
                (Utc(11, 30, 16, 0), TrackingStatus.InTransit, "PickedUp", "P/PU", "Dortmund, DE"),
                (Utc(12, 1, 21, 10), TrackingStatus.InTransit, null, "I/AR", "Köln, DE"),
                (Utc(12, 2, 7, 15), TrackingStatus.OutForDelivery, null, "I/OT", "Nürnberg, 90402, DE"),
                (Utc(12, 2, 13, 30), TrackingStatus.AttemptFail, "RecipientNotAvailable", "X/48", "Nürnberg, 90402, DE"),
            ],
            journey.Select(s => (s.OccurredAt, s.Status, s.SubStatus, s.CarrierCode, s.Location)));
        // The rescheduled date wins over the scheduled one, to the end of the window, in the recipient's local time.
        Assert.Equal(Utc(12, 3, 18, 0), journey[^1].EstimatedDelivery);

        var delivered = updates[1].Scans.Single();
        Assert.Equal((TrackingStatus.Delivered, new DateTimeOffset(2026, 7, 2, 14, 45, 0, TimeSpan.Zero), "Alpharetta, GA, 30005, US", (DateTimeOffset?)null),
            (delivered.Status, delivered.OccurredAt, delivered.Location, delivered.EstimatedDelivery));
    }

    [Fact]
    public void A_message_in_Uhrwerks_own_format_keeps_the_senders_carrier_ids_and_statuses()
    {
        var update = new GenericWebhookAdapter().Parse(Fixture("generic-webhook.json")).Single();

        Assert.Equal(("GLS", "GLS-4711"), (update.Carrier, update.TrackingNumber));
        Assert.Equal(
            [
                ("gls-ev-2", Utc(12, 1, 8, 30), TrackingStatus.OutForDelivery, (string?)null, "Augsburg, DE", (DateTimeOffset?)Utc(12, 1, 15, 0)),
                ("gls-ev-1", Utc(11, 30, 17, 0), TrackingStatus.InTransit, "PickedUp", "Dortmund, DE", null),
            ],
            update.Scans.Select(s => (s.EventId, s.OccurredAt.ToUniversalTime(), s.Status, s.SubStatus, s.Location, s.EstimatedDelivery?.ToUniversalTime())));
    }

    [Fact]
    public void The_same_scan_reported_again_gets_the_same_id_and_a_different_scan_another()
    {
        var first = new DhlAdapter().Parse(Fixture("dhl-shipments.json"))[0].Scans;
        var again = new DhlAdapter().Parse(Fixture("dhl-shipments.json"))[0].Scans;

        Assert.Equal(first.Select(s => s.EventId), again.Select(s => s.EventId));
        Assert.NotEqual(first[1].EventId, first[2].EventId);
    }

    [Theory]
    [InlineData("dhl", "{\"shipments\": [{\"status\": {}}]}")]
    [InlineData("dhl", "[1, 2]")]
    [InlineData("ups", "{\"trackResponse\": {\"shipment\": [{\"package\": [{\"trackingNumber\": \"1Z\", \"activity\": [{\"date\": \"2026-12-01\"}]}]}]}}")]
    [InlineData("generic", "{\"carrier\": \"x\", \"trackingNumber\": \"1\", \"events\": [{\"occurredAt\": \"2026-12-01T10:00:00Z\", \"status\": \"Teleported\"}]}")]
    [InlineData("generic", "not json")]
    public void A_message_not_in_the_carriers_format_is_refused_with_a_reason(string carrier, string body)
    {
        ICarrierAdapter adapter = carrier switch { "dhl" => new DhlAdapter(), "ups" => new UpsAdapter(), _ => new GenericWebhookAdapter() };

        Assert.NotEmpty(Assert.Throws<CarrierFormatException>(() => adapter.Parse(body)).Message);
    }
}
