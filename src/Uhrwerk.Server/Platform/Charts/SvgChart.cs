using ScottPlot;

namespace Uhrwerk.Server.Platform.Charts;

/// <summary>Charts drawn on the server as inline SVG, so report pages need no JavaScript.</summary>
public static class SvgChart
{
    /// <summary>The plot as an &lt;svg&gt; element to put into a page, without the XML declaration ScottPlot writes before it.</summary>
    public static string Of(Plot plot, int width = 800, int height = 320)
    {
        var svg = plot.GetSvgXml(width, height);
        return svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
    }
}
