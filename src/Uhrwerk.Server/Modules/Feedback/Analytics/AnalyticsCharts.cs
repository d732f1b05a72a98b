using ScottPlot;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Charts;

namespace Uhrwerk.Server.Modules.Feedback.Analytics;

/// <summary>The feedback figures as server-drawn SVG. A score without answers is left out of a chart, never drawn as 0.</summary>
internal static class AnalyticsCharts
{
    /// <summary>How many groups a bar chart shows: those with the most answers; the table beside it lists all.</summary>
    public const int MaxBars = 20;

    /// <summary>NPS and CSAT per week or month, each a line through the periods that had answers.</summary>
    public static string Trend(FeedbackAnalyticsReport report, string npsLabel, string csatLabel, string title)
    {
        var plot = new Plot();
        Line(plot, report.Periods, p => p.Figures.Nps, npsLabel);
        Line(plot, report.Periods, p => p.Figures.Csat, csatLabel);
        plot.Axes.Bottom.SetTicks(report.Periods.Select((_, i) => (double)i).ToArray(), report.Periods.Select(p => p.Label).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = report.Periods.Count > 12 ? 45 : 0;
        plot.Axes.SetLimits(-0.5, Math.Max(report.Periods.Count - 0.5, 0.5), -105, 105);
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerLeft);
        return SvgChart.Of(plot);
    }

    /// <summary>NPS per company, reason, carrier or warehouse.</summary>
    public static string Groups(FeedbackAnalyticsReport report, string title)
    {
        var groups = report.Groups.Where(g => g.Figures.Nps.Value is not null).OrderByDescending(g => g.Figures.Nps.Responses).Take(MaxBars).ToList();
        var plot = new Plot();
        plot.Add.Bars(groups.Select((_, i) => (double)i).ToArray(), groups.Select(g => g.Figures.Nps.Value!.Value).ToArray());
        plot.Axes.Bottom.SetTicks(groups.Select((_, i) => (double)i).ToArray(), groups.Select(g => g.Name).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = groups.Count > 6 ? 45 : 0;
        plot.Axes.SetLimitsY(-105, 105);
        plot.Title(title);
        return SvgChart.Of(plot);
    }

    /// <summary>NPS and CSAT of the answers about on-time deliveries beside those about late ones.</summary>
    public static string Punctuality(FeedbackAnalyticsReport report, string onTimeLabel, string lateLabel, string npsLabel, string csatLabel, string title)
    {
        var plot = new Plot();
        Pair(plot, report.OnTime, 0, onTimeLabel);
        Pair(plot, report.Late, 1, lateLabel);
        plot.Axes.Bottom.SetTicks([0.5, 3.5], [npsLabel, csatLabel]);
        plot.Axes.SetLimits(-1, 5, -105, 105);
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerLeft);
        return SvgChart.Of(plot);
    }

    private static void Line(Plot plot, IReadOnlyList<FeedbackPeriod> periods, Func<FeedbackPeriod, Score> score, string label)
    {
        var answered = periods.Select((p, i) => (Position: (double)i, score(p).Value)).Where(p => p.Value is not null).ToArray();
        if (answered.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(answered.Select(p => p.Position).ToArray(), answered.Select(p => p.Value!.Value).ToArray());
        line.LegendText = label;
    }

    private static void Pair(Plot plot, FeedbackFigures figures, double offset, string label)
    {
        var bars = new[] { (Position: offset, figures.Nps.Value), (Position: offset + 3, figures.Csat.Value) }.Where(b => b.Value is not null).ToArray();
        if (bars.Length == 0)
        {
            return;
        }

        var added = plot.Add.Bars(bars.Select(b => b.Position).ToArray(), bars.Select(b => b.Value!.Value).ToArray());
        added.LegendText = label;
    }
}
