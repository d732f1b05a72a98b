using ScottPlot;
using Uhrwerk.Server.Platform.Charts;

namespace Uhrwerk.Server.Modules.Fulfillment.Otif;

/// <summary>OTIF by week as an SVG drawn on the server, so the page needs no JavaScript: bars for lines, a line for orders.</summary>
internal static class OtifChart
{
    public static string Svg(OtifReport report, string linesLabel, string ordersLabel, string title)
    {
        var plot = new Plot();
        var weeks = report.Weeks;
        var positions = weeks.Select((_, i) => (double)i).ToArray();
        var bars = plot.Add.Bars(positions, weeks.Select(w => Percent(w.Lines.OtifRate)).ToArray());
        bars.LegendText = linesLabel;
        var ordered = weeks.Select((w, i) => (Position: (double)i, w.Orders.OtifRate)).Where(w => w.OtifRate is not null).ToArray();
        if (ordered.Length > 0)
        {
            var orders = plot.Add.Scatter(ordered.Select(o => o.Position).ToArray(), ordered.Select(o => Percent(o.OtifRate)).ToArray());
            orders.LegendText = ordersLabel;
        }

        plot.Axes.Bottom.SetTicks(positions, weeks.Select(w => $"{w.Week:00}/{w.Year % 100:00}").ToArray());
        plot.Axes.SetLimitsY(0, 105);
        plot.Title(title);
        plot.YLabel("%");
        plot.ShowLegend(Alignment.LowerLeft);
        return SvgChart.Of(plot);
    }

    private static double Percent(decimal? rate) => (double)(rate ?? 0m) * 100;
}
