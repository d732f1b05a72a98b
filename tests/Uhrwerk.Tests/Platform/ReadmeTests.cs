using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Uhrwerk.Tests.Platform;

/// <summary>The README is the first thing a new user reads on a fresh clone: what it shows must be in the repository.</summary>
public sealed partial class ReadmeTests
{
    [GeneratedRegex(@"!\[[^\]]*\]\((?<path>[^)\s]+)\)|<img[^>]+src=""(?<path>[^""]+)""")]
    private static partial Regex Images();

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Uhrwerk.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (Uhrwerk.slnx) was not found.");
    }

    /// <summary>Images the README links that are missing, or that git ignores and so never reach a clone.</summary>
    public static IReadOnlyList<string> MissingImages(string root, string readme)
    {
        var linked = Images().Matches(readme).Select(m => m.Groups["path"].Value).Where(p => !p.Contains("://", StringComparison.Ordinal)).Distinct().ToList();
        var missing = linked.Where(p => !File.Exists(Path.Combine(root, p))).Select(p => $"{p} does not exist").ToList();
        if (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")))
        {
            missing.AddRange(linked.Where(p => IgnoredByGit(root, p)).Select(p => $"{p} is ignored by git, so no clone has it"));
        }

        return missing;
    }

    private static bool IgnoredByGit(string root, string path)
    {
        // Exit code 0: ignored and not tracked; 1: tracked or not ignored.
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "check-ignore", "-q", "--", path]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("git did not start.");
        git.WaitForExit();
        return git.ExitCode == 0;
    }

    [Fact]
    public void Every_image_the_readme_shows_is_in_the_repository()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));

        Assert.NotEmpty(Images().Matches(readme));
        Assert.Empty(MissingImages(root, readme));
    }

    [Fact]
    public void The_check_catches_a_missing_image_and_one_git_ignores()
    {
        var root = RepositoryRoot();
        // The test's own build output is ignored by git, as build output should be.
        var ignored = Path.Combine(Path.GetRelativePath(root, AppContext.BaseDirectory), "ignored-" + Guid.NewGuid().ToString("N") + ".png");
        File.WriteAllBytes(Path.Combine(root, ignored), [0x89, 0x50, 0x4E, 0x47]);
        try
        {
            var missing = MissingImages(root, $"![gone](docs/screenshots/no-such-picture.png)\n<img src=\"{ignored}\" alt=\"ignored\">");

            Assert.Equal(2, missing.Count);
            Assert.Contains("docs/screenshots/no-such-picture.png does not exist", missing);
            Assert.Contains($"{ignored} is ignored by git, so no clone has it", missing);
        }
        finally
        {
            File.Delete(Path.Combine(root, ignored));
        }
    }
}
