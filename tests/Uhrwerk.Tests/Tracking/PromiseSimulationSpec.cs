using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Uhrwerk.Tests.Tracking;

/// <summary>
/// The promise simulation as its users run it: the server's <c>simulate</c> command in a process of its own, on its own throw-away SQLite
/// database and simulated clock. Ten days with many delays and failed attempts, so that there are late deliveries to be told of.
/// </summary>
public sealed class PromiseSimulationSpec
{
    private static readonly string[] ShortRun = ["simulate", "--days", "10", "--seed", "7", "--orders-per-day", "4", "--delay-rate", "0.3", "--failed-attempt-rate", "0.15", "--loss-rate", "0.05"];

    private static async Task<string> SimulateAsync()
    {
        var server = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(server)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(server);
        ShortRun.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The simulation did not finish within five minutes.");
        }

        Assert.True(process.ExitCode == 0, $"simulate exited with {process.ExitCode}: {await errors}");
        return await output;
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_figures_and_every_late_delivery_was_announced_before_its_promised_day()
    {
        var first = await SimulateAsync();
        var second = await SimulateAsync();

        Assert.Equal(first, second);
        Assert.Matches(@"OTIF against the promised date: lines \d+\.\d %", first);
        var total = Regex.Match(first, @"^Total\s+shipments\s+(\d+)\s+delivered\s+(\d+).*?late\s+(\d+)\s+told before promised day\s+(\d+)", RegexOptions.Multiline);
        Assert.True(total.Success, first);
        var (late, announced) = (int.Parse(total.Groups[3].Value), int.Parse(total.Groups[4].Value));
        Assert.True(late > 0, "A run without late deliveries shows nothing:\n" + first);
        Assert.True(late == announced, $"{late - announced} of {late} late deliveries were not announced before their promised day:\n{first}");
    }
}
