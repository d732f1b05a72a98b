using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Tests.Platform;

/// <summary>docs/events.md is where integrators and module authors look events up: every event must be there, with the version in force.</summary>
public sealed class EventCatalogDocsTests
{
    /// <summary>The events of the catalog that the document does not describe under a heading "### Name (version N)".</summary>
    public static IReadOnlyList<string> Undocumented(IEnumerable<EventAttribute> events, string document)
    {
        var headings = document.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("### ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return events.Select(e => $"### {e.Name} (version {e.Version})").Where(h => !headings.Contains(h)).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_event_is_described_in_docs_events_md_with_its_name_and_version()
    {
        var document = File.ReadAllText(Path.Combine(ReadmeTests.RepositoryRoot(), "docs", "events.md"));

        var missing = Undocumented(EventCatalog.Types.Select(EventCatalog.Of), document);

        Assert.True(missing.Count == 0, "docs/events.md lacks these headings: " + string.Join(", ", missing));
    }

    [Fact]
    public void An_event_whose_version_changed_counts_as_undocumented()
    {
        var missing = Undocumented([new EventAttribute("OrderPlaced", 2), new EventAttribute("OrderApproved", 1)], "### OrderPlaced (version 1)\n### OrderApproved (version 1)\n");

        Assert.Equal(["### OrderPlaced (version 2)"], missing);
    }
}
