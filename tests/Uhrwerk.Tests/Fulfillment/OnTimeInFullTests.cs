using Uhrwerk.Server.Modules.Fulfillment.Otif;

namespace Uhrwerk.Tests.Fulfillment;

public sealed class OnTimeInFullTests
{
    private static readonly DateOnly Promised = new(2026, 6, 10);

    private static LineOtif Line(int ordered, DateOnly? requested, params LineDelivered[] deliveries) =>
        OnTimeInFull.Line(LineFacts.Of(ordered, Promised, requested, deliveries));

    [Fact]
    public void A_line_delivered_in_full_after_the_promised_date_is_late_but_in_full()
    {
        var line = Line(10, null, new LineDelivered(10, Promised.AddDays(1)));

        Assert.Equal(new LineOtif(OnTime: false, OnTimeToRequested: null, InFull: true), line);
        Assert.False(line.Otif);
    }

    [Fact]
    public void A_line_delivered_short_on_time_is_on_time_but_not_in_full()
    {
        var line = Line(10, null, new LineDelivered(8, Promised));

        Assert.True(line.OnTime);
        Assert.False(line.InFull);
        Assert.False(line.Otif);
    }

    [Fact]
    public void A_line_delivered_complete_before_the_promised_date_is_OTIF()
    {
        var line = Line(10, Promised.AddDays(-3), new LineDelivered(10, Promised.AddDays(-3)));

        Assert.Equal(new LineOtif(OnTime: true, OnTimeToRequested: true, InFull: true), line);
        Assert.True(line.Otif);
    }

    [Fact]
    public void A_line_split_into_deliveries_all_by_the_promised_date_is_OTIF()
    {
        var line = Line(10, null, new LineDelivered(4, Promised.AddDays(-6)), new LineDelivered(6, Promised));

        Assert.True(line.Otif);
    }

    [Fact]
    public void A_split_line_is_as_late_as_the_delivery_that_completes_it()
    {
        var line = Line(10, null, new LineDelivered(4, Promised.AddDays(-6)), new LineDelivered(6, Promised.AddDays(2)));

        Assert.False(line.OnTime);
        Assert.True(line.InFull);
    }

    [Fact]
    public void A_line_nothing_arrived_of_is_neither_on_time_nor_in_full()
    {
        Assert.Equal(new LineOtif(OnTime: false, OnTimeToRequested: false, InFull: false), Line(10, Promised));
    }

    [Fact]
    public void On_time_to_the_requested_date_is_reported_beside_the_promise()
    {
        var line = Line(10, Promised.AddDays(-2), new LineDelivered(10, Promised.AddDays(-1)));

        Assert.True(line.OnTime);
        Assert.False(line.OnTimeToRequested);
        Assert.True(line.Otif);
    }

    [Fact]
    public void An_order_is_OTIF_only_when_every_line_is_counted_not_multiplied()
    {
        // One late line and one short line: half the lines on time and half in full, yet no line and so not the order is OTIF.
        var order = OnTimeInFull.Order([
            LineFacts.Of(10, Promised, null, [new LineDelivered(10, Promised.AddDays(1))]),
            LineFacts.Of(10, Promised, null, [new LineDelivered(5, Promised)]),
        ]);

        Assert.False(order.OnTime);
        Assert.False(order.InFull);
        Assert.False(order.Otif);
        Assert.Equal(0, order.Lines.Count(l => l.Otif));
        Assert.Null(order.OnTimeToRequested);
    }

    [Fact]
    public void An_order_with_every_line_early_or_split_on_time_is_OTIF()
    {
        var order = OnTimeInFull.Order([
            LineFacts.Of(10, Promised, null, [new LineDelivered(10, Promised.AddDays(-3))]),
            LineFacts.Of(6, Promised, null, [new LineDelivered(2, Promised.AddDays(-1)), new LineDelivered(4, Promised)]),
        ]);

        Assert.True(order.Otif);
    }
}
