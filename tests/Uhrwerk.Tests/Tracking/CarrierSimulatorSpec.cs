using Uhrwerk.Server.Modules.Tracking.Carriers;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Simulator;

namespace Uhrwerk.Tests.Tracking;

/// <summary>The demo's carrier simulator writes what the adapters read: its journeys come back as the statuses it meant.</summary>
public sealed class CarrierSimulatorSpec
{
    private static readonly DateOnly Promised = new(2026, 12, 3);

    [Theory]
    [InlineData("dhl")]
    [InlineData("ups")]
    public void Every_simulated_journey_parses_back_to_its_intended_statuses_times_and_estimate(string carrier)
    {
        ICarrierAdapter adapter = carrier == "dhl" ? new DhlAdapter() : new UpsAdapter();
        var settings = new SimulatorSettings { DelayShare = 0.3, FailedAttemptShare = 0.3, LossShare = 0.1 };
        var start = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var kinds = new HashSet<TrackingStatus>();

        for (var i = 0; i < 60; i++)
        {
            var journey = SimulatedJourney.For(new Guid(i, 7, 7, new byte[8]), Promised, settings);
            var history = journey.Select((scan, step) => (start.AddMinutes(step * 7), scan)).ToList();

            var update = adapter.Parse(CarrierFormats.Write(carrier, "SIM" + i, history)).Single();

            Assert.Equal("SIM" + i, update.TrackingNumber);
            Assert.Equal(journey.Select(s => (s.Status, s.SubStatus == "Delayed" ? null : s.SubStatus)), update.Scans.Select(s => (s.Status, s.SubStatus)));
            Assert.Equal(history.Select(h => h.Item1), update.Scans.Select(s => s.OccurredAt));
            Assert.Equal(journey[^1].Eta?.Date, update.Scans[^1].EstimatedDelivery?.Date);
            kinds.UnionWith(journey.Select(s => s.Status));
        }

        // The shares make every kind of journey appear among sixty parcels.
        Assert.Superset(new HashSet<TrackingStatus> { TrackingStatus.Delivered, TrackingStatus.AttemptFail, TrackingStatus.Exception, TrackingStatus.OutForDelivery }, kinds);
    }
}
