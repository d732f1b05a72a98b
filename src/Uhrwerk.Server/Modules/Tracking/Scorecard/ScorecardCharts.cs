using ScottPlot;
using Uhrwerk.Server.Platform.Charts;

namespace Uhrwerk.Server.Modules.Tracking.Scorecard;

/// <summary>The scorecard's charts as SVG drawn on the server, so the page needs no JavaScript.</summary>
internal static class ScorecardCharts
{
    /// <summary>On-time rate per ISO week, one line per carrier, over the weeks any carrier shipped in.</summary>
    public static string OnTimeTrend(ScorecardReport report, string title)
    {
        var plot = new Plot();
        var weeks = report.Carriers.SelectMany(c => c.Weeks).Select(w => (w.Monday, w.Year, w.Week)).Distinct().OrderBy(w => w.Monday).ToList();
        var position = weeks.Select((w, i) => (w.Monday, i)).ToDictionary(w => w.Monday, w => (double)w.i);
        foreach (var carrier in report.Carriers)
        {
            var measured = carrier.Weeks.Where(w => w.Figures.OnTimeRate is not null).ToList();
            if (measured.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(measured.Select(w => position[w.Monday]).ToArray(), measured.Select(w => (double)w.Figures.OnTimeRate!.Value * 100).ToArray());
            line.LegendText = carrier.Carrier;
        }

        plot.Axes.Bottom.SetTicks([.. position.Values], weeks.Select(w => $"{w.Week:00}/{w.Year % 100:00}").ToArray());
        plot.Axes.SetLimitsY(0, 105);
        plot.Title(title);
        plot.YLabel("%");
        plot.ShowLegend(Alignment.LowerLeft);
        return SvgChart.Of(plot);
    }

    /// <summary>Median and p90 transit working days per carrier, side by side.</summary>
    public static string Transit(ScorecardReport report, string medianLabel, string p90Label, string title)
    {
        var plot = new Plot();
        var carriers = report.Carriers;
        var median = plot.Add.Bars(carriers.Select((_, i) => i * 3.0).ToArray(), carriers.Select(c => (double)(c.Figures.MedianTransitDays ?? 0m)).ToArray());
        median.LegendText = medianLabel;
        var p90 = plot.Add.Bars(carriers.Select((_, i) => i * 3.0 + 1).ToArray(), carriers.Select(c => (double)(c.Figures.P90TransitDays ?? 0)).ToArray());
        p90.LegendText = p90Label;
        plot.Axes.Bottom.SetTicks(carriers.Select((_, i) => i * 3.0 + 0.5).ToArray(), carriers.Select(c => c.Carrier).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        return SvgChart.Of(plot);
    }
}
